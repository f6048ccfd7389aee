"""Writing the seeded rows: COPY on PostgreSQL, ``bulk_create`` elsewhere (issue #23).

Bench data only, past the services (see ``build``). Each value is what the ORM would write:
``pre_save`` fills ``auto_now_add`` fields and ``get_db_prep_save`` encrypts the encrypted
fields with their own context (``<table>.<column>``, ``cases.fields``), exactly as
``bulk_create`` does. Only the SQL differs: one ``COPY ... FROM STDIN`` per table and batch
instead of INSERT statements, which cost the client more than the rows themselves (psycopg
quotes every value of a client-side INSERT in Python).

Primary keys: rows that others point at (cases, guardians) get theirs from the table's own
sequence first (``nextval`` for as many as are written), so the sequence is already past them
and needs no reset afterwards; the other rows leave the id column out and the column's
default takes the next number, as an INSERT would.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.db import connection, models

# Fields whose value goes to psycopg as it is on PostgreSQL (``get_db_prep_save`` returns it
# unchanged there, for the values the seeding makes); the encrypted ones go through it.
PLAIN = (
    models.BooleanField,
    models.CharField,
    models.TextField,
    models.DateField,  # DateTimeField is a DateField
    models.IntegerField,  # the positive and big ones too
    models.UUIDField,
)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` new ids from the sequence of ``model``'s table (PostgreSQL)."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    """How a field's attribute becomes the value COPY sends; None: as it is."""
    if getattr(field, "encrypted", False):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.JSONField):
        # What the ORM sends (psycopg's Jsonb with json.dumps), as text: jsonb parses it.
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    if isinstance(field, PLAIN) or (
        isinstance(field, models.ForeignKey) and isinstance(field.target_field, PLAIN)
    ):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _copy(model: type[models.Model], objs: Sequence[Any], with_ids: bool) -> None:
    meta = model._meta
    fields = [f for f in meta.concrete_fields if with_ids or not f.primary_key]
    if with_ids:
        for obj, new_id in zip(objs, reserve_ids(model, len(objs)), strict=True):
            obj.pk = new_id
    auto_add = [
        f for f in fields if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    ]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        for field in auto_add:
            field.pre_save(obj, add=True)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    plan = [(f.attname, _converter(f)) for f in fields]
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objs:
            values = obj.__dict__
            copy.write_row(
                [
                    values[attname] if convert is None else convert(values[attname])
                    for attname, convert in plan
                ]
            )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def write_rows(
    model: type[models.Model], objs: Sequence[models.Model], *, with_ids: bool = False
) -> int:
    """Insert ``objs`` (unsaved) into ``model``'s table; ``with_ids``: set their ``pk`` too
    (the caller needs it). Returns how many rows were written."""
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=2000)
    else:
        _copy(model, objs, with_ids)
    return len(objs)


def server_cpu_seconds() -> float | None:
    """CPU seconds the database server process of this connection has used so far: on a
    PostgreSQL server on this machine only (its backend's /proc entry), else None. The seeding
    reports it beside its own, so a run on a shared, busy machine can still be judged."""
    if connection.vendor != "postgresql" or connection.settings_dict.get("HOST") not in {
        "",
        "127.0.0.1",
        "localhost",
        "::1",
    }:
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        if Path(f"/proc/{pid}/comm").read_text().strip() != "postgres":
            return None
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
