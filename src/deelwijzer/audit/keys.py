"""The audit trail's MAC keys (HMAC-SHA256), kept and rotated like the encryption keys.

Keys come from ``DEELWIJZER_AUDIT_KEYS`` (key lines), or ``DEELWIJZER_AUDIT_KEY_FILE`` (a file
that must exist), or else ``<DEELWIJZER_VAR_DIR>/audit_keys``, generated on first use
(development). The format is that of ``deelwijzer.crypto``: ``<key id>:<base64 of 32 bytes>``
per line; the first key signs, every key verifies. Each audit row and each checkpoint names
the key id it was made with, so a rotation (``deelwijzer rotate-audit-key``) leaves every older
row verifiable as long as its key stays in the file. These keys never leave the machine for
the database: whoever can only write the database cannot recompute the chain.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from django.core.signals import setting_changed
from django.dispatch import receiver

from deelwijzer import crypto

AUDIT_KEYS = crypto.KeySpec(
    "AUDIT_KEYS",
    "AUDIT_KEY_FILE",
    "DEELWIJZER_AUDIT_KEYS",
    "DEELWIJZER_AUDIT_KEY_FILE",
    "audit_keys",
    "# Deelwijzer audit keys (HMAC-SHA256). The FIRST key signs new audit rows and\n"
    "# checkpoints; every key verifies. Never remove a key while audit rows made with it exist.\n",
)
AUDIT_SETTINGS = {"AUDIT_KEYS", "AUDIT_KEY_FILE", "VAR_DIR"}


class AuditKeyMissing(crypto.KeyConfigurationError):
    def __init__(self, key_id: str, context: str) -> None:
        super().__init__(
            f"Auditsleutel {key_id!r} ontbreekt (audit key id {key_id!r} is not configured); "
            f"nodig voor {context}. Zet die sleutel terug in DEELWIJZER_AUDIT_KEY_FILE of "
            "DEELWIJZER_AUDIT_KEYS."
        )
        self.key_id = key_id


@receiver(setting_changed)
def _forget_keys(*, setting, **kwargs) -> None:  # tests switch key files with override_settings
    if setting in AUDIT_SETTINGS:
        crypto.reset_keyring()


def ring() -> crypto.KeyRing:
    return crypto.keyring(AUDIT_KEYS)


def current_key_id() -> str:
    return ring().current_id


def key(key_id: str, context: str) -> bytes:
    """The key with this id; a key file rotated by another process is read again first."""
    keys = ring()
    if key_id not in keys.keys:
        keys = crypto.reloaded_if_changed(keys, AUDIT_KEYS)
    if key_id not in keys.keys:
        raise AuditKeyMissing(key_id, context)
    return keys.keys[key_id]


_prepared: dict[bytes, hmac.HMAC] = {}  # keyed once per key; copy() is cheaper than new()


def mac(key_id: str, message: bytes, context: str) -> str:
    secret = key(key_id, context)
    template = _prepared.get(secret)
    if template is None:
        template = _prepared[secret] = hmac.new(secret, digestmod=hashlib.sha256)
    signer = template.copy()
    signer.update(message)
    return signer.hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class RotationRefused(Exception):
    """The audit keys cannot be rotated as asked; the message says what to do (exit 2)."""


def add_key() -> str:
    """A new current audit key, first in the key file (the old ones stay, to verify); its id."""
    inline, path, _generate = crypto.key_source(AUDIT_KEYS)
    if inline is not None:
        raise RotationRefused(
            "De auditsleutels komen uit DEELWIJZER_AUDIT_KEYS; zet zelf een nieuwe regel vooraan "
            "(deelwijzer rotate-audit-key --print-key) en herstart de app."
        )
    assert path is not None
    if not path.is_file():
        raise RotationRefused(f"Het auditsleutelbestand {path} bestaat niet.")
    crypto.load_keyring(AUDIT_KEYS)  # the file parses: never add to a broken file
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise RotationRefused(f"Het auditsleutelbestand {path} is niet schrijfbaar.")
    return crypto.add_current_key(path)
