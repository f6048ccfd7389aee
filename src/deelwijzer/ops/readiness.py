"""``/readyz``: may this node take traffic? Unlike ``/healthz`` (the process answers), it
checks what a request needs: the database answers, every migration is applied, and deduce's
tables are loaded (the pseudonymiser of step 2). A balancer sends traffic only to a ready node."""

from __future__ import annotations

from django.db import DatabaseError, connection

from deelwijzer.commandbase import unapplied_migrations
from deelwijzer.procedure.deidentify import get_deduce

_migrated = False  # once all are applied they stay applied for this process's code


def database_problem() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"database: {type(exc).__name__}"
    return ""


def migrations_problem() -> str:
    global _migrated
    if _migrated:
        return ""
    try:
        pending = unapplied_migrations()
    except DatabaseError as exc:
        return f"migrations: {type(exc).__name__}"
    if pending:
        return f"migrations: {len(pending)} not applied"
    _migrated = True
    return ""


def deduce_problem() -> str:
    try:
        get_deduce()  # loads the tables on the first call (--preload: in the master, once)
    except Exception as exc:  # noqa: BLE001 - any failure means the node cannot pseudonymise
        return f"deduce: {type(exc).__name__}"
    return ""


def problems() -> list[str]:
    found = database_problem()
    if found:  # without a database the migrations cannot be read either
        return [p for p in (found, deduce_problem()) if p]
    return [p for p in (migrations_problem(), deduce_problem()) if p]
