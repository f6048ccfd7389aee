"""The encrypted bytes of attachments, through Django's storage API (``STORAGES["attachments"]``).

By default a folder, ``$DEELWIJZER_VAR_DIR/attachments/``; with ``DEELWIJZER_ATTACHMENTS_S3_BUCKET``
an S3-compatible object store (django-storages), so that several app servers share them. Either
way the store only ever sees ciphertext (``crypto.encrypt_bytes``: AES-256-GCM under the same keys
as the encrypted text fields, bound to the storage name). Names are random and say nothing.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

from deelwijzer import crypto

ALIAS = "attachments"


def store() -> Storage:
    return storages[ALIAS]


def _context(name: str) -> str:
    return f"attachments/{name}"


def new_name(case_public_id: object, suffix: str = "") -> str:
    return f"{case_public_id}/{secrets.token_hex(16)}{suffix}"


def put(name: str, plaintext: bytes) -> str:
    """Store ``plaintext`` encrypted under ``name``; the name it got."""
    sealed = crypto.encrypt_bytes(plaintext, context=_context(name))
    saved = store().save(name, ContentFile(sealed))
    if saved != name:  # the store renamed it: the associated data names the old name
        store().delete(saved)
        raise FileExistsError(name)
    return saved


def read_sealed(name: str) -> bytes:
    with store().open(name, "rb") as handle:
        return handle.read()


def get(name: str) -> bytes:
    return crypto.decrypt_bytes(read_sealed(name), context=_context(name))


def rewrite(name: str, sealed: bytes) -> None:
    """Replace what is stored under ``name`` (rotation, restore)."""
    target = store()
    if target.exists(name):
        target.delete(name)
    saved = target.save(name, ContentFile(sealed))
    if saved != name:
        raise FileExistsError(name)


def reencrypt(name: str) -> bool:
    """Under the current key (``deelwijzer rotate-key``); False when it already was."""
    sealed = read_sealed(name)
    ring = crypto.keyring()
    plain = crypto.decrypt_bytes(sealed, context=_context(name), ring=ring)
    if crypto.file_key_id(sealed) == ring.current_id:
        return False
    rewrite(name, crypto.encrypt_bytes(plain, context=_context(name), ring=ring))
    return True


def destroy(name: str) -> None:
    if name and store().exists(name):
        store().delete(name)
