"""The PostgreSQL privileges of the application's database role (issue #17.2).

The tables belong to an owner role that runs ``deelwijzer migrate``; the app connects as a
role that owns nothing. It may SELECT/INSERT/UPDATE/DELETE in the tables and use the
sequences (SELECT on a sequence too: ``deelwijzer backup``, pg_dump, reads its counter), but
it cannot ALTER a table, drop or disable a trigger, or TRUNCATE; on the audit
table it has only SELECT and INSERT. ``deelwijzer grant-app-role ROLE``, run as the owner
after each migrate, issues these statements (``--print`` shows them); the default privileges
make tables a later migration creates usable by the app role at once.
"""

from __future__ import annotations

AUDIT_TABLE = "audit_auditevent"


def grant_statements(*, app_role: str, owner_role: str, quote) -> list[str]:
    """The SQL, with role names quoted by ``quote`` (the connection's ``quote_name``)."""
    app, owner = quote(app_role), quote(owner_role)
    defaults = f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public"
    return [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AUDIT_TABLE} FROM {app}",
        f"{defaults} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"{defaults} GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
