"""Recovery codes (lookup secrets): made at random, shown once, stored only as a salted hash.

ASVS 5.0 V6.5.2: a lookup secret of less than 112 bits is stored with an approved password
hashing algorithm and a random salt. Each code gets its own salt (22 random characters) and
PBKDF2-HMAC-SHA256; the iteration count is kept in the stored value, so it can be raised later
without making old codes unusable. Used by the models and by the data migration that hashed
the codes django-otp had stored as plain text.
"""

from __future__ import annotations

import re
import secrets
from base64 import b32encode

from django.contrib.auth.hashers import PBKDF2PasswordHasher

CODE_LENGTH = 10  # base32 characters: 50 bits from the operating system's CSPRNG (V6.5.3)


class RecoveryCodeHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 hasher with its own work factor: a code is checked against up to ten
    stored hashes, so one check costs a tenth of a password's. Not in PASSWORD_HASHERS."""

    iterations = 100_000


_HASHER = RecoveryCodeHasher()


def normalise(code: str) -> str:
    """What the user typed, without spaces or dashes, in lower case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def new_code() -> str:
    return b32encode(secrets.token_bytes(10)).decode().lower()[:CODE_LENGTH]


def hash_code(code: str) -> str:
    """``pbkdf2_sha256$<iterations>$<salt>$<hash>`` of the normalised code."""
    return _HASHER.encode(normalise(code), _HASHER.salt())


def code_matches(code: str, encoded: str) -> bool:
    """Constant-time comparison of a typed code with one stored hash."""
    return _HASHER.verify(normalise(code), encoded)
