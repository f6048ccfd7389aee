"""System checks on the encryption keys (``deelwijzer check``; also run by ``migrate``)."""

from __future__ import annotations

from django.core.checks import Tags, register

from deelwijzer import crypto
from deelwijzer.audit.checks import key_file_checks


@register(Tags.security)
def encryption_keys(app_configs=None, **kwargs) -> list:
    return key_file_checks(
        crypto.ENCRYPTION,
        ("deelwijzer.E010", "deelwijzer.E011", "deelwijzer.W012"),
        "Maak het met `deelwijzer rotate-key --print-key` (docs/deployment.md, 7).",
    )
