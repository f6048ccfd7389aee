"""The ``deelwijzer-transfer/1`` package: a transfer between two installations (issue #20.2).

Each organisation has a key pair per installation (``deelwijzer transfer-keygen``): an X25519
key to receive and an Ed25519 key to sign, kept in a private key file; the public key file
goes to the other organisation (docs/transfers.md says how to exchange and check it).

A package is JSON. The payload (the case-file subset and the transfer's metadata) is encrypted
to the receiver: an ephemeral X25519 key agreement, HKDF-SHA256, ChaCha20-Poly1305, with the
clear header as associated data. The whole package is signed with the sender's Ed25519 key. All
primitives are the ``cryptography`` library's; nothing here is hand-rolled beyond putting them
together. Opening checks the signature first, then who it is for, then decrypts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

FORMAT = "deelwijzer-transfer/1"
KEY_FORMAT = "deelwijzer-transfer-key/1"
PUBLIC_FORMAT = "deelwijzer-transfer-public-key/1"
_INFO = FORMAT.encode()


class PackageError(Exception):
    """A package or key that cannot be used; the message says why, in Dutch."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _raw(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError) as exc:
        raise PackageError(f"{what} is geen geldige base64.") from exc


def _canonical(value: dict) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(package: dict) -> str:
    """SHA-256 (hex) of ``package`` in canonical form: the same package, the same digest."""
    return hashlib.sha256(_canonical(package)).hexdigest()


def _private_raw(key) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _public_raw(key) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_pair(organisation: str) -> tuple[dict, dict]:
    """(private key file, public key file) for ``organisation``, as dicts to write as JSON."""
    box, signer = X25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    public = {
        "format": PUBLIC_FORMAT,
        "organisation": organisation,
        "x25519": _b64(_public_raw(box.public_key())),
        "ed25519": _b64(_public_raw(signer.public_key())),
    }
    private = {
        **public,
        "format": KEY_FORMAT,
        "x25519_private": _b64(_private_raw(box)),
        "ed25519_private": _b64(_private_raw(signer)),
    }
    return private, public


def fingerprint(public: dict) -> str:
    """What two organisations read to each other to check a public key file (SHA-256)."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(_raw(public["x25519"], "x25519") + _raw(public["ed25519"], "ed25519"))
    hexed = digest.finalize().hex()[:32]
    return " ".join(hexed[i : i + 4] for i in range(0, len(hexed), 4))


def _check_key(key: dict, fmt: str, what: str) -> None:
    if not isinstance(key, dict) or key.get("format") not in (fmt, KEY_FORMAT):
        raise PackageError(f"{what} is geen sleutelbestand van Deelwijzer ({fmt}).")
    if fmt == KEY_FORMAT and key.get("format") != KEY_FORMAT:
        raise PackageError(f"{what} is een publieke sleutel; hier is de geheime nodig.")


def _aead_key(shared: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(shared)


def seal(payload: dict, *, sender: dict, receiver: dict) -> dict:
    """Encrypt ``payload`` to ``receiver`` (a public key file) and sign it with ``sender``
    (a private key file)."""
    _check_key(sender, KEY_FORMAT, "De sleutel van de afzender")
    _check_key(receiver, PUBLIC_FORMAT, "De publieke sleutel van de ontvanger")
    ephemeral = X25519PrivateKey.generate()
    their = X25519PublicKey.from_public_bytes(_raw(receiver["x25519"], "x25519"))
    nonce = os.urandom(12)
    header = {
        "format": FORMAT,
        "from": sender["organisation"],
        "to": receiver["organisation"],
        "created_at": datetime.now(UTC).isoformat(),
        "ephemeral": _b64(_public_raw(ephemeral.public_key())),
        "nonce": _b64(nonce),
    }
    cipher = ChaCha20Poly1305(_aead_key(ephemeral.exchange(their)))
    body = {
        **header,
        "ciphertext": _b64(cipher.encrypt(nonce, _canonical(payload), _canonical(header))),
    }
    signer = Ed25519PrivateKey.from_private_bytes(_raw(sender["ed25519_private"], "ed25519"))
    return {**body, "signature": _b64(signer.sign(_canonical(body)))}


def open_sealed(package: dict, *, receiver: dict, sender: dict) -> dict:
    """The payload of ``package``: signed by ``sender`` (a public key file), for ``receiver``
    (a private key file). Anything else is a PackageError, and nothing is decrypted."""
    _check_key(receiver, KEY_FORMAT, "De sleutel van de ontvanger")
    _check_key(sender, PUBLIC_FORMAT, "De publieke sleutel van de afzender")
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        raise PackageError(f"Dit is geen overdrachtspakket ({FORMAT}).")
    body = {k: v for k, v in package.items() if k != "signature"}
    verifier = Ed25519PublicKey.from_public_bytes(_raw(sender["ed25519"], "ed25519"))
    try:
        verifier.verify(_raw(str(package.get("signature", "")), "signature"), _canonical(body))
    except InvalidSignature:
        raise PackageError(
            "De ondertekening klopt niet: het pakket komt niet van deze afzender of is "
            "onderweg veranderd."
        ) from None
    if package.get("to") != receiver["organisation"]:
        raise PackageError(f"Dit pakket is voor {package.get('to')!r}, niet voor jouw organisatie.")
    header = {k: v for k, v in body.items() if k != "ciphertext"}
    mine = X25519PrivateKey.from_private_bytes(_raw(receiver["x25519_private"], "x25519"))
    theirs = X25519PublicKey.from_public_bytes(_raw(str(header["ephemeral"]), "ephemeral"))
    cipher = ChaCha20Poly1305(_aead_key(mine.exchange(theirs)))
    try:
        clear = cipher.decrypt(
            _raw(str(header["nonce"]), "nonce"),
            _raw(str(body["ciphertext"]), "ciphertext"),
            _canonical(header),
        )
    except InvalidTag:
        raise PackageError("Het pakket is niet te ontsleutelen met jouw sleutel.") from None
    return json.loads(clear)
