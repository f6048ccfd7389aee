"""System checks on the audit keys (``deelwijzer check``; also run by ``migrate``)."""

from __future__ import annotations

from django.core.checks import Tags, register

from deelwijzer.audit.keys import AUDIT_KEYS
from deelwijzer.cases.checks import key_file_checks


@register(Tags.security)
def audit_keys(app_configs=None, **kwargs) -> list:
    return key_file_checks(
        AUDIT_KEYS,
        ("deelwijzer.E030", "deelwijzer.E031", "deelwijzer.W032"),
        "Maak het met `deelwijzer rotate-audit-key --print-key` (docs/deployment.md, 7).",
    )
