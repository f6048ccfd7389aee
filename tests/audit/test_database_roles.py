"""Issue #17.2 (a): the app connects to PostgreSQL as a role that owns no table. The owner role
runs ``migrate`` and ``grant-app-role``; the app role then works (a write through a service,
a backup, verify-audit, a checkpoint) but cannot ALTER the audit table, drop or disable its
trigger, nor UPDATE, DELETE or TRUNCATE audit rows (docs/deployment.md, section 2).

This always runs on a PostgreSQL server, also when the rest of the suite runs on SQLite (which
has no roles): the one of DATABASE_URL, else ``DEELWIJZER_TEST_POSTGRES_URL`` (default the CI
server, postgres@127.0.0.1:5432). Its roles and database have unique names and are dropped
afterwards."""

from __future__ import annotations

import io
import json
import os
import secrets
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.test_backup_restore import cli

ATTACKS = {
    "alter table": "ALTER TABLE audit_auditevent ADD COLUMN forged integer",
    "disable trigger": "ALTER TABLE audit_auditevent DISABLE TRIGGER USER",
    "drop trigger": "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
    "update": "UPDATE audit_auditevent SET user_id = 999",
    "delete": "DELETE FROM audit_auditevent",
    "truncate": "TRUNCATE audit_auditevent",
    "own the table": "ALTER TABLE audit_auditevent OWNER TO CURRENT_USER",
}
TRY_ATTACKS = """
import json
from django.db import DatabaseError, connection, transaction
out = {}
for name, sql in ATTACKS.items():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
        out[name] = "done"
    except DatabaseError as exc:
        out[name] = str(exc).strip().splitlines()[0]
print(json.dumps(out))
"""


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return os.environ.get("DEELWIJZER_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")


def with_role_and_database(url: str, role: str, database: str) -> str:
    parts = urlsplit(url)
    return f"postgres://{role}@{parts.hostname or '127.0.0.1'}:{parts.port or 5432}/{database}"


@pytest.fixture
def roles():
    """An owner role, an app role (both LOGIN, not superusers) and a database of the owner."""
    suffix = secrets.token_hex(4)
    names = {"owner": f"dw_owner_{suffix}", "app": f"dw_app_{suffix}", "db": f"dw_roles_{suffix}"}
    url = server_url()
    admin = psycopg.connect(with_role_and_database(url, urlsplit(url).username or "postgres",
                                                   "postgres"), autocommit=True)  # fmt: skip
    try:
        admin.execute(f"CREATE ROLE {names['owner']} LOGIN NOSUPERUSER")
        admin.execute(f"CREATE ROLE {names['app']} LOGIN NOSUPERUSER")
        admin.execute(f"CREATE DATABASE {names['db']} OWNER {names['owner']}")
        yield {
            **names,
            "owner_url": with_role_and_database(url, names["owner"], names["db"]),
            "app_url": with_role_and_database(url, names["app"], names["db"]),
        }
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {names['db']} WITH (FORCE)")
        admin.execute(f"DROP ROLE IF EXISTS {names['app']}")
        admin.execute(f"DROP ROLE IF EXISTS {names['owner']}")
        admin.close()


def ok(done) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_app_role_works_but_cannot_alter_the_audit_table_or_its_rows(roles, tmp_path):
    early = cli(roles["owner_url"], "grant-app-role", roles["app"])
    assert early.returncode == 2 and "deelwijzer migrate" in early.stderr  # no tables yet
    ok(cli(roles["owner_url"], "migrate", "--noinput", "-v", "0"))
    # The operator walk: the app role before its grant read "niet bereikbaar".
    as_app = cli(roles["app_url"], "grant-app-role", roles["app"])
    assert as_app.returncode == 2 and "Traceback" not in as_app.stderr
    assert "bereikbaar, maar deze rol mag de tabellen niet lezen" in as_app.stderr
    assert "grant-app-role ROL` met de DATABASE_URL van de eigenaar" in as_app.stderr
    new_organisation = ("create-organisation", "--name", "Rollen", "--admin-email", "b@rol.nl")
    refused = cli(roles["app_url"], *new_organisation)
    assert refused.returncode != 0 and "permission denied" in refused.stderr  # before the grant

    ok(cli(roles["owner_url"], "grant-app-role", roles["app"]))
    ok(cli(roles["app_url"], "migrate", "--check"))
    # The operator walk: run as the app role, it said the app role owned the tables.
    again = cli(roles["app_url"], "grant-app-role", roles["app"])
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert f"verbonden als {roles['app']}, maar de tabellen zijn van {roles['owner']}" in (
        again.stderr
    )
    ok(cli(roles["app_url"], *new_organisation))  # a write through a service, audited
    # the organisation's creation and this check's own start (verify-audit is a job, #23)
    assert "OK: 2 audit events" in ok(cli(roles["app_url"], "verify-audit"))
    assert ok(cli(roles["app_url"], "audit-checkpoint")).startswith("audit-checkpoint {")
    ok(cli(roles["app_url"], "backup", str(tmp_path / "as-app.backup")))  # the backup timer

    script = f"ATTACKS = {ATTACKS!r}\n{TRY_ATTACKS}"
    outcome = json.loads(ok(cli(roles["app_url"], "shell", "-c", script)).splitlines()[-1])
    for attack, message in outcome.items():
        assert "permission denied" in message or "must be owner" in message, (attack, message)
    assert "Held against 1 signed checkpoint" in ok(cli(roles["app_url"], "verify-audit"))

    as_owner = cli(roles["owner_url"], "shell", "-c", script)  # the same, as the owner: allowed
    assert json.loads(ok(as_owner).splitlines()[-1])["disable trigger"] == "done"


def test_grant_app_role_prints_the_grants_and_refuses_sqlite_or_the_owner(db):
    out = io.StringIO()
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="alleen voor PostgreSQL") as refused:
            call_command("grant_app_role", "app")
        assert refused.value.returncode == 2
        return
    call_command("grant_app_role", "deelwijzer_app", "--print", stdout=out)
    sql = out.getvalue()
    assert "REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_auditevent" in sql
    assert "GRANT USAGE, SELECT ON ALL SEQUENCES" in sql and '"deelwijzer_app"' in sql
    with pytest.raises(CommandError, match="eigenaar"):
        call_command("grant_app_role", connection.settings_dict["USER"] or "postgres")


def test_a_superuser_grants_for_the_owner_of_the_tables(roles):
    """A superuser (postgres) may run grant-app-role for tables another role owns; the default
    privileges for tables made later are then set for that owner, who makes them."""
    ok(cli(roles["owner_url"], "migrate", "--noinput", "-v", "0"))
    admin = urlsplit(server_url()).username or "postgres"
    as_superuser = with_role_and_database(server_url(), admin, roles["db"])
    sql = ok(cli(as_superuser, "grant-app-role", roles["app"], "--print"))
    assert f'FOR ROLE "{roles["owner"]}"' in sql
    said = ok(cli(as_superuser, "grant-app-role", roles["app"]))
    assert f"(eigenaar {roles['owner']})" in said
    ok(cli(roles["app_url"], "migrate", "--check"))
