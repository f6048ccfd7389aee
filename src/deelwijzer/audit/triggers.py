"""Database triggers that make the audit table append-only (PostgreSQL and SQLite)."""

PG_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_auditevent is append-only';
END;
$$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_auditevent_append_only
  BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()""",
    """CREATE TRIGGER audit_auditevent_no_truncate
  BEFORE TRUNCATE ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent",
]
SQLITE_CREATE = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]


def _run(cursor, statements) -> None:
    for statement in statements:
        cursor.execute(statement)


def create(cursor, vendor: str) -> None:
    if vendor == "postgresql":
        _run(cursor, PG_CREATE)
    elif vendor == "sqlite":
        _run(cursor, SQLITE_CREATE)


def drop(cursor, vendor: str) -> None:
    if vendor == "postgresql":
        _run(cursor, PG_DROP)
    elif vendor == "sqlite":
        _run(cursor, SQLITE_DROP)
