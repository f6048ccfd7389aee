"""Public ids: what URLs, forms and the API show instead of the database's integer keys.

Integer keys count up across all organisations, so an id in a URL would tell one organisation
how many cases, users or contacts the others have (issue #17.15, ASVS 5.0 V8.2.2/V8.3.1).
Every model whose id leaves the server carries a ``public_id``: a UUIDv7 (RFC 9562), 48 bits of
milliseconds since the epoch, then 74 random bits. Time-ordered, so the index stays compact;
random enough that one id tells nothing about another. Integer keys stay internal (foreign keys,
the audit trail).
"""

from __future__ import annotations

import os
import time
import uuid
from typing import overload

from django.db import models
from django.utils.translation import gettext_lazy as _

_VERSION = 7
_VARIANT = 0b10  # RFC 9562


def uuid7(*, ms: int | None = None, rand: bytes | None = None) -> uuid.UUID:
    """A new UUIDv7; ``ms`` and ``rand`` (10 bytes) only for tests."""
    millis = time.time_ns() // 1_000_000 if ms is None else ms
    bits = int.from_bytes(os.urandom(10) if rand is None else rand, "big")  # 80 bits, 74 used
    rand_a = bits >> 68 & 0xFFF  # 12 bits
    rand_b = bits & (1 << 62) - 1  # 62 bits
    value = (millis & (1 << 48) - 1) << 80 | _VERSION << 76 | rand_a << 64
    value |= _VARIANT << 62 | rand_b
    return uuid.UUID(int=value)


def public_id_field() -> models.UUIDField:
    """The ``public_id`` of a model whose key would otherwise reach a URL, a form or the API."""
    return models.UUIDField(_("publiek kenmerk"), default=uuid7, unique=True, editable=False)


def fill_public_ids(*models_: str):
    """A RunPython step: a UUIDv7 for every row of ``app_label.Model`` that has none yet."""

    def fill(apps, schema_editor):
        for label in models_:
            model = apps.get_model(label)
            for pk in model.objects.filter(public_id__isnull=True).values_list("pk", flat=True):
                model.objects.filter(pk=pk).update(public_id=uuid7())

    return fill


NO_KEY = 0  # no row has it: a public id that is no row's reaches the service as an unknown key


def keys_for(model, public_ids) -> list[int]:
    """The integer keys of the rows with these public ids, in the same order (one query)."""
    public_ids = list(public_ids)
    rows = model.objects.filter(public_id__in=set(public_ids)).values_list("public_id", "pk")
    found = dict(rows)
    return [found.get(public, NO_KEY) for public in public_ids]


@overload
def key_for(model, public_id: uuid.UUID | str) -> int: ...
@overload
def key_for(model, public_id: None) -> None: ...


def key_for(model, public_id: uuid.UUID | str | None) -> int | None:
    """The integer key of the row with this public id; ``NO_KEY`` for none, None for None."""
    return None if public_id is None else keys_for(model, [public_id])[0]


def public_ids_for(model, keys) -> list[uuid.UUID]:
    """The public ids of the rows with these integer keys, in the same order (one query)."""
    keys = list(keys)
    found = dict(model.objects.filter(pk__in=set(keys)).values_list("pk", "public_id"))
    return [found[key] for key in keys if key in found]


def public_id_added(model_name: str, label: str) -> list:
    """Migration operations: the field, empty at first, then a UUIDv7 for every existing row.
    ``public_id_required`` follows in a migration of its own, so that on PostgreSQL the table
    is altered after the filled rows were committed."""
    from django.db import migrations

    return [
        migrations.AddField(
            model_name=model_name,
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids(label), migrations.RunPython.noop),
    ]


def public_id_required(model_name: str) -> list:
    """Migration operations: every row has its public id now; required and unique from here."""
    from django.db import migrations

    field: models.Field = models.UUIDField(
        default=uuid7, editable=False, unique=True, verbose_name="publiek kenmerk"
    )
    return [migrations.AlterField(model_name=model_name, name="public_id", field=field)]
