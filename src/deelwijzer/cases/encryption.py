"""Rewriting encrypted columns in place: the data migrations (plain -> encrypted and back)
and key rotation (``deelwijzer rotate-key``).

Works on raw rows (``SELECT id, <columns>``), in batches ordered by id, one transaction per
batch, so a long run can be interrupted and started again: every step is idempotent.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from django.apps import apps as global_apps
from django.db import transaction

from deelwijzer import crypto
from deelwijzer.cases.fields import encrypted_fields

Transform = Callable[[str, str], str | None]  # (stored value, context) -> new value or None
BATCH_SIZE = 500


def encrypt_plain(stored: str, context: str) -> str | None:
    """Plain text -> ciphertext; a value that already decrypts here is left alone."""
    if crypto.is_encrypted(stored):
        try:
            crypto.decrypt(stored, context=context)
            return None
        except crypto.TamperedValueError:
            pass  # plain text that happens to start with "v1:"
    return crypto.encrypt(stored, context=context)


def decrypt_to_plain(stored: str, context: str) -> str | None:
    return crypto.decrypt(stored, context=context)


def rotate(stored: str, context: str) -> str | None:
    return crypto.reencrypt(stored, context=context)


def _batch(connection, table: str, pk: str, columns: list[str], after, size: int) -> list:
    qn = connection.ops.quote_name
    where = f"WHERE {qn(pk)} > %s " if after is not None else ""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = (
        f"SELECT {qn(pk)}, {', '.join(qn(c) for c in columns)} FROM {qn(table)} "
        f"{where}ORDER BY {qn(pk)} LIMIT {int(size)}{lock}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after] if after is not None else [])
        return cursor.fetchall()


def _rewrite_row(connection, table: str, pk: str, columns: list[str], row, transform) -> int:
    qn = connection.ops.quote_name
    updates = {}
    for column, value in zip(columns, row[1:], strict=True):
        if value is None or value == "":
            continue
        new = transform(value, f"{table}.{column}")
        if new is not None:
            updates[column] = new
    if updates:
        assignments = ", ".join(f"{qn(c)} = %s" for c in updates)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk)} = %s",
                [*updates.values(), row[0]],
            )
    return len(updates)


def rewrite_table(
    connection,
    table: str,
    columns: list[str],
    transform: Transform,
    *,
    pk: str = "id",
    batch_size: int = BATCH_SIZE,
) -> int:
    """Apply ``transform`` to every non-empty value of ``columns``; the number of values changed."""
    changed, after = 0, None
    while True:
        with transaction.atomic(using=connection.alias):
            rows = _batch(connection, table, pk, columns, after, batch_size)
            for row in rows:
                changed += _rewrite_row(connection, table, pk, columns, row, transform)
        if len(rows) < batch_size:
            return changed
        after = rows[-1][0]


def encrypted_tables(app_registry=global_apps) -> dict[str, tuple[str, list[str]]]:
    """``{table: (pk column, [encrypted columns])}`` for every model with an encrypted field."""
    found = {}
    for model in app_registry.get_models():
        fields = encrypted_fields(model)
        if fields and not model._meta.proxy:
            found[model._meta.db_table] = (model._meta.pk.column, [f.column for f in fields])
    return dict(sorted(found.items()))


def migration_functions(columns: dict[str, list[str]]):
    """``RunPython(forward, backward)`` for a migration that encrypts the given columns."""

    def forward(apps, schema_editor):
        for table, names in columns.items():
            rewrite_table(schema_editor.connection, table, names, encrypt_plain)

    def backward(apps, schema_editor):
        for table, names in columns.items():
            rewrite_table(schema_editor.connection, table, names, decrypt_to_plain)

    return forward, backward


# --- key rotation (deelwijzer rotate-key) -----------------------------------------------------


class RotationRefused(Exception):
    """The keys cannot be rotated as asked; the message says what to do (exit code 2)."""


def _audit(action: str, key_id: str, detail: dict) -> None:
    from deelwijzer.audit.services import audit_record

    with transaction.atomic():
        audit_record(
            actor=None,
            action=action,
            object_type="encryption_key",
            object_id=key_id,
            purpose="maintenance",
            detail=detail,
        )


def key_add() -> str:
    """Put a new current key in the key file (not possible with DEELWIJZER_KEYS); its id."""
    inline, path, _generate = crypto.key_source()
    if inline is not None:
        raise RotationRefused(
            "De sleutels komen uit DEELWIJZER_KEYS; rotate-key kan die niet aanpassen. Zet een "
            "nieuwe sleutel vooraan (deelwijzer rotate-key --print-key), herstart de app en "
            "draai deelwijzer rotate-key --reencrypt-only. (Keys come from DEELWIJZER_KEYS: "
            "add the new key first yourself, then run rotate-key --reencrypt-only.)"
        )
    assert path is not None
    if not path.is_file():
        raise RotationRefused(
            f"Het sleutelbestand {path} bestaat niet (no key file); zonder de huidige sleutels "
            "is de versleutelde inhoud niet te lezen."
        )
    crypto.load_keyring()  # the file parses: never add to a broken file
    if not os_access_writable(path):
        raise RotationRefused(
            f"Het sleutelbestand {path} is niet schrijfbaar (key file not writable)."
        )
    key_id = crypto.add_current_key(path)
    _audit("crypto.key_add", key_id, {"key_file": path.name})
    return key_id


def os_access_writable(path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


# What is encrypted outside the database's columns (attachments' files): apps above cases
# register a function from their AppConfig.ready() that re-encrypts it under the current key
# and returns how many it rewrote; rotate-key runs it after the tables.
_rotations: dict[str, Callable[[], int]] = {}


def register_rotation(name: str, rotate_all: Callable[[], int]) -> None:
    _rotations[name] = rotate_all


def reencrypt_all(*, connection, batch_size: int = BATCH_SIZE) -> dict[str, int]:
    """Every encrypted value under the current key; ``{table: values re-encrypted}``."""
    crypto.reset_keyring()  # read the keys as they are now
    ring = crypto.keyring()
    counts = {}
    for table, (pk, columns) in encrypted_tables().items():
        counts[table] = rewrite_table(
            connection, table, columns, rotate, pk=pk, batch_size=batch_size
        )
    for name, rotate_all in _rotations.items():
        counts[name] = rotate_all()
    _audit(
        "crypto.rotate_key",
        ring.current_id,
        {"reencrypted": sum(counts.values()), "tables": {t: n for t, n in counts.items() if n}},
    )
    return counts
