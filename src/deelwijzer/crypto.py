"""Encryption at rest: AES-256-GCM with a key id in every stored value (issue 8).

A stored value reads ``v1:<key id>:<base64 of nonce (12 bytes) + ciphertext + tag>``. The
associated data binds it to its key id and its place (``<table>.<column>``), so a value
copied into another column or table does not decrypt. A changed value raises
``TamperedValueError``; a value under a key that is not configured raises ``UnknownKeyError``
naming the key id. Nothing ever decrypts to garbage.

Keys (never derived from ``SECRET_KEY``) come from, in this order:

* ``DEELWIJZER_KEYS``: the key lines themselves (separated by newlines, commas or spaces);
* ``DEELWIJZER_KEY_FILE``: a file with the key lines, which must exist;
* otherwise ``<DEELWIJZER_VAR_DIR>/encryption_keys``, generated on first use (development).

A key line is ``<key id>:<base64 of 32 random bytes>``; ``#`` starts a comment. The first key
encrypts; all keys decrypt. ``deelwijzer rotate-key`` puts a new key first and re-encrypts.
One ``AESGCM`` object per key is kept for the life of the process.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "v1"
NONCE_BYTES = 12
KEY_BYTES = 32
KEY_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
DEFAULT_FILE_NAME = "encryption_keys"
FILE_HEADER = (
    "# Deelwijzer encryption keys (AES-256-GCM). The FIRST key encrypts, every key decrypts.\n"
    "# Keep this file apart from the database backups; without it the data cannot be read.\n"
)


class EncryptionError(Exception):
    """Base of every problem with encrypted values or keys."""


class KeyConfigurationError(EncryptionError):
    """The keys are missing or malformed (an operator's problem, not the data's)."""


class UnknownKeyError(EncryptionError):
    def __init__(self, key_id: str, context: str) -> None:
        super().__init__(
            f"Sleutel {key_id!r} ontbreekt (key id {key_id!r} is not configured); nodig voor "
            f"{context}. Zet die sleutel terug in DEELWIJZER_KEY_FILE of DEELWIJZER_KEYS."
        )
        self.key_id = key_id
        self.context = context


class TamperedValueError(EncryptionError):
    def __init__(self, context: str, key_id: str = "") -> None:
        super().__init__(
            f"De versleutelde waarde in {context} is gewijzigd of hoort niet op deze plaats "
            "(tampered or misplaced ciphertext); ze wordt niet ontsleuteld."
        )
        self.key_id = key_id
        self.context = context


# --- keys ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per kind
class KeySpec:
    """Where one kind of key comes from: the settings (and their environment variables) and
    the file generated in VAR_DIR for development. The audit trail's MAC keys use another."""

    inline_setting: str
    file_setting: str
    inline_env: str
    file_env: str
    default_name: str
    header: str


ENCRYPTION = KeySpec(
    "ENCRYPTION_KEYS",
    "ENCRYPTION_KEY_FILE",
    "DEELWIJZER_KEYS",
    "DEELWIJZER_KEY_FILE",
    DEFAULT_FILE_NAME,
    FILE_HEADER,
)


@dataclass
class KeyRing:
    current_id: str
    keys: dict[str, bytes]
    source: str
    path: Path | None = None
    mtime: float | None = None
    _ciphers: dict[str, AESGCM] = field(default_factory=dict, repr=False)

    def cipher(self, key_id: str) -> AESGCM | None:
        cipher = self._ciphers.get(key_id)
        if cipher is None and key_id in self.keys:
            cipher = self._ciphers[key_id] = AESGCM(self.keys[key_id])
        return cipher


def new_key_id() -> str:
    return f"k{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(3)}"


def new_key_line(key_id: str | None = None) -> str:
    key = base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
    return f"{key_id or new_key_id()}:{key}"


def parse_keys(text: str, source: str) -> tuple[str, dict[str, bytes]]:
    """The current key id and every key, from key lines; errors name the line, never a key."""
    keys: dict[str, bytes] = {}
    entries = [
        e for line in text.splitlines() for e in line.split("#", 1)[0].replace(",", " ").split()
    ]
    for number, entry in enumerate(entries, start=1):
        key_id, sep, encoded = entry.partition(":")
        if not sep or not KEY_ID.match(key_id):
            raise KeyConfigurationError(
                f"{source}: sleutel {number} is geen '<sleutel-id>:<base64>' "
                "(expected '<key id>:<base64 of 32 bytes>')."
            )
        try:
            key = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise KeyConfigurationError(
                f"{source}: sleutel {key_id!r} is geen base64 van {KEY_BYTES} bytes "
                f"(key {key_id!r} must be base64 of {KEY_BYTES} bytes)."
            )
        if key_id in keys:
            raise KeyConfigurationError(f"{source}: sleutel-id {key_id!r} staat er twee keer in.")
        keys[key_id] = key
    if not keys:
        raise KeyConfigurationError(f"{source} bevat geen sleutel (no key found).")
    return next(iter(keys)), keys


def key_source(spec: KeySpec = ENCRYPTION) -> tuple[str | None, Path | None, bool]:
    """(inline keys, key file, may generate the file) from the settings."""
    from django.conf import settings

    inline = getattr(settings, spec.inline_setting, None)
    path = getattr(settings, spec.file_setting, None)
    if inline and path:
        raise KeyConfigurationError(
            f"Zet {spec.inline_env} of {spec.file_env}, niet allebei (set only one of them)."
        )
    if inline:
        return str(inline), None, False
    if path:
        return None, Path(path), False
    return None, Path(settings.VAR_DIR) / spec.default_name, True


def _create_key_file(path: Path, header: str = FILE_HEADER) -> None:
    """Write a first key, atomically: a concurrent process either wins or reads ours."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    tmp.write_text(header + new_key_line() + "\n")
    tmp.chmod(0o600)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()


def load_keyring(spec: KeySpec = ENCRYPTION) -> KeyRing:
    inline, path, generate = key_source(spec)
    if inline is not None:
        current, keys = parse_keys(inline, spec.inline_env)
        return KeyRing(current, keys, spec.inline_env)
    assert path is not None
    if not path.exists() and generate:
        _create_key_file(path, spec.header)
    try:
        text = path.read_text()
        mtime = path.stat().st_mtime
    except FileNotFoundError as exc:
        raise KeyConfigurationError(
            f"Het sleutelbestand {path} bestaat niet ({spec.file_env}: no such file)."
        ) from exc
    except OSError as exc:
        raise KeyConfigurationError(f"Het sleutelbestand {path} is niet te lezen: {exc}") from exc
    current, keys = parse_keys(text, str(path))
    return KeyRing(current, keys, str(path), path=path, mtime=mtime)


_lock = threading.Lock()
_rings: dict[KeySpec, KeyRing] = {}


def keyring(spec: KeySpec = ENCRYPTION) -> KeyRing:
    ring = _rings.get(spec)
    if ring is None:
        with _lock:
            if spec not in _rings:
                _rings[spec] = load_keyring(spec)
            ring = _rings[spec]
    return ring


def reset_keyring() -> None:
    """Forget the loaded keys (after a rotation, or when the settings change in tests)."""
    with _lock:
        _rings.clear()


def reloaded_if_changed(ring: KeyRing, spec: KeySpec = ENCRYPTION) -> KeyRing:
    """Another process may have rotated the key file: read it again once it has changed."""
    if ring.path is None:
        return ring
    try:
        changed = ring.path.stat().st_mtime != ring.mtime
    except OSError:
        return ring
    if changed:
        reset_keyring()
        return keyring(spec)
    return ring


# --- values ----------------------------------------------------------------------------------


def _aad(key_id: str, context: str) -> bytes:
    return f"deelwijzer/{FORMAT}/{key_id}/{context}".encode()


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(FORMAT + ":")


def key_id_of(value: str) -> str:
    return value.split(":", 2)[1] if is_encrypted(value) and value.count(":") >= 2 else ""


def encrypt(plaintext: str, *, context: str, ring: KeyRing | None = None) -> str:
    ring = ring or keyring()
    key_id = ring.current_id
    nonce = os.urandom(NONCE_BYTES)
    # The current key is one of the ring's keys (parse_keys), so it has a cipher.
    sealed = cast(AESGCM, ring.cipher(key_id)).encrypt(
        nonce, plaintext.encode("utf-8"), _aad(key_id, context)
    )
    return f"{FORMAT}:{key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def _cipher_for(key_id: str, context: str, ring: KeyRing | None) -> AESGCM:
    """The cipher of ``key_id``: from the ring, or the key file again if another process
    rotated it meanwhile; ``UnknownKeyError`` when the key is not configured."""
    ring = ring or keyring()
    cipher = ring.cipher(key_id)
    if cipher is None:
        ring = reloaded_if_changed(ring)
        cipher = ring.cipher(key_id)
    if cipher is None:
        raise UnknownKeyError(key_id, context)
    return cipher


def decrypt(stored: str, *, context: str, ring: KeyRing | None = None) -> str:
    parts = stored.split(":", 2) if isinstance(stored, str) else []
    if len(parts) != 3 or parts[0] != FORMAT:
        raise TamperedValueError(context)
    _format, key_id, encoded = parts
    cipher = _cipher_for(key_id, context, ring)
    try:
        raw = base64.b64decode(encoded, validate=True)
        if len(raw) < NONCE_BYTES + 16:
            raise ValueError("too short")
        plain = cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(key_id, context))
        return plain.decode("utf-8")
    except (InvalidTag, binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise TamperedValueError(context, key_id) from exc


def reencrypt(stored: str, *, context: str, ring: KeyRing | None = None) -> str | None:
    """The value under the current key, or None when it already is (nothing to do)."""
    ring = ring or keyring()
    if key_id_of(stored) == ring.current_id:
        decrypt(stored, context=context, ring=ring)  # still verify: never carry garbage along
        return None
    return encrypt(decrypt(stored, context=context, ring=ring), context=context, ring=ring)


def add_current_key(path: Path) -> str:
    """Put a new key first in the key file (the old ones stay, to decrypt); its key id.

    The file is replaced atomically and keeps its mode; the caller checked it parses.
    """
    text = path.read_text()
    line = new_key_line()
    lines = text.splitlines(keepends=True)
    at = next(
        (i for i, raw in enumerate(lines) if raw.split("#", 1)[0].strip()),
        len(lines),
    )
    lines.insert(at, line + "\n")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    tmp.write_text("".join(lines))
    status = path.stat()
    tmp.chmod(status.st_mode & 0o777)
    with contextlib.suppress(PermissionError):  # as root: keep e.g. root:deelwijzer 0640
        os.chown(tmp, status.st_uid, status.st_gid)
    os.replace(tmp, path)
    reset_keyring()
    return line.split(":", 1)[0]


# --- files -----------------------------------------------------------------------------------
# A stored file (attachments/, issue 19) is ``DWF1`` + one byte (length of the key id) + the key
# id + nonce (12 bytes) + ciphertext + tag. Same keys, same rotation, same errors as the values;
# the associated data binds it to its key id and its place (the storage name).

FILE_MAGIC = b"DWF1"


def encrypt_bytes(plaintext: bytes, *, context: str, ring: KeyRing | None = None) -> bytes:
    ring = ring or keyring()
    key_id = ring.current_id
    nonce = os.urandom(NONCE_BYTES)
    sealed = cast(AESGCM, ring.cipher(key_id)).encrypt(nonce, plaintext, _aad(key_id, context))
    encoded_id = key_id.encode("ascii")
    return FILE_MAGIC + bytes([len(encoded_id)]) + encoded_id + nonce + sealed


def file_key_id(stored: bytes) -> str:
    if not stored.startswith(FILE_MAGIC) or len(stored) < len(FILE_MAGIC) + 1:
        return ""
    length = stored[len(FILE_MAGIC)]
    return stored[len(FILE_MAGIC) + 1 : len(FILE_MAGIC) + 1 + length].decode("ascii", "replace")


def decrypt_bytes(stored: bytes, *, context: str, ring: KeyRing | None = None) -> bytes:
    key_id = file_key_id(stored)
    if not key_id:
        raise TamperedValueError(context)
    cipher = _cipher_for(key_id, context, ring)
    start = len(FILE_MAGIC) + 1 + len(key_id.encode("ascii"))
    nonce, sealed = stored[start : start + NONCE_BYTES], stored[start + NONCE_BYTES :]
    if len(nonce) < NONCE_BYTES or len(sealed) < 16:
        raise TamperedValueError(context, key_id)
    try:
        return cipher.decrypt(nonce, sealed, _aad(key_id, context))
    except InvalidTag as exc:
        raise TamperedValueError(context, key_id) from exc
