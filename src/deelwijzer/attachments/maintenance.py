"""Keeping the stored files sound: ``deelwijzer verify-attachments`` (every file decrypts and
matches its hash) and their share of ``deelwijzer rotate-key`` (re-encrypted under the new key)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from deelwijzer import crypto
from deelwijzer.attachments import storage
from deelwijzer.attachments.models import Attachment


@dataclass(frozen=True)
class Problem:
    case_id: int
    key: str
    what: str


def _live() -> Iterator[Attachment]:
    return Attachment.objects.filter(withdrawn_at__isnull=True).order_by("pk").iterator()


def _names(attachment: Attachment) -> list[str]:
    return [n for n in (attachment.storage_name, attachment.thumbnail_name) if n]


def verify_files() -> tuple[int, list[Problem]]:
    """(files checked, problems): each missing, undecryptable or changed file."""
    checked, problems = 0, []
    for attachment in _live():
        for name in _names(attachment):
            checked += 1
            try:
                data = storage.get(name)
            except FileNotFoundError:
                problems.append(Problem(attachment.case_id, attachment.key, "ontbreekt (missing)"))
                continue
            except crypto.EncryptionError as exc:
                problems.append(Problem(attachment.case_id, attachment.key, str(exc)))
                continue
            is_main = name == attachment.storage_name
            if is_main and hashlib.sha256(data).hexdigest() != attachment.sha256:
                problems.append(
                    Problem(attachment.case_id, attachment.key, "hash klopt niet (hash mismatch)")
                )
    return checked, problems


def reencrypt_files() -> int:
    """Every stored file under the current key; how many were rewritten."""
    return sum(storage.reencrypt(name) for a in _live() for name in _names(a))
