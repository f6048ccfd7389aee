"""Model fields that are stored encrypted (``deelwijzer.crypto``): the ORM sees plain values.

Encryption happens in ``get_db_prep_value``, so ``save()``, ``create()``, ``bulk_create()``,
``update()`` and ``bulk_update()`` all write ciphertext; decryption in ``from_db_value``.
The column is ``text`` on every database. The associated data is ``<table>.<column>``.

An encrypted column cannot be searched, compared or sorted in SQL: every lookup except
``isnull`` raises ``FieldError`` (a filter would silently never match). An empty string stays
an empty string (it says no more than the length of a ciphertext would).
"""

from __future__ import annotations

import datetime
import json

from django.core.exceptions import FieldError
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver

from deelwijzer import crypto

ENCRYPTION_SETTINGS = {"ENCRYPTION_KEYS", "ENCRYPTION_KEY_FILE", "VAR_DIR"}


@receiver(setting_changed)
def _forget_keys(*, setting, **kwargs) -> None:  # tests switch key files with override_settings
    if setting in ENCRYPTION_SETTINGS:
        crypto.reset_keyring()


class EncryptedMixin:
    """Shared by every encrypted field: text column, context, no SQL lookups."""

    encrypted = True
    # What the model field it is mixed into has.
    model: type[models.Model]
    column: str

    @property
    def encryption_context(self) -> str:
        return f"{self.model._meta.db_table}.{self.column}"

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise FieldError(
            f"{self.model.__name__}.{self.name} is encrypted: it cannot be filtered with "
            f"'{lookup_name}' in SQL. Filter in Python after loading, or use a blind index."
        )

    def get_transform(self, lookup_name):
        raise FieldError(f"{self.model.__name__}.{self.name} is encrypted: no '{lookup_name}'.")

    def _seal(self, text: str | None) -> str | None:
        if text is None or text == "":
            return text
        return crypto.encrypt(text, context=self.encryption_context)

    def _open(self, stored: str | None) -> str | None:
        if stored is None or stored == "":
            return stored
        return crypto.decrypt(stored, context=self.encryption_context)


class EncryptedTextField(EncryptedMixin, models.TextField):
    def get_db_prep_value(self, value, connection, prepared=False):
        return self._seal(self.get_prep_value(value))

    def from_db_value(self, value, expression, connection):
        return self._open(value)


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A CharField (form widget, ``max_length`` on the plain text) in an encrypted text column."""

    def get_db_prep_value(self, value, connection, prepared=False):
        return self._seal(self.get_prep_value(value))

    def from_db_value(self, value, expression, connection):
        return self._open(value)


class EncryptedDateField(EncryptedMixin, models.DateField):
    """A date, stored as its encrypted ISO string (``YYYY-MM-DD``)."""

    def get_db_prep_value(self, value, connection, prepared=False):
        value = self.get_prep_value(value)
        return None if value is None else self._seal(value.isoformat())

    def from_db_value(self, value, expression, connection):
        text = self._open(value)
        return datetime.date.fromisoformat(text) if text else None


class EncryptedJSONField(EncryptedMixin, models.JSONField):
    """JSON (lists, dicts), stored as encrypted JSON text; SQL NULL stays NULL."""

    def get_db_prep_value(self, value, connection, prepared=False):
        value = self.get_prep_value(value)
        if value is None:
            return None
        return self._seal(json.dumps(value, cls=self.encoder, ensure_ascii=False))

    def from_db_value(self, value, expression, connection):
        text = self._open(value)
        return None if text is None else json.loads(text, cls=self.decoder)


def encrypted_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
