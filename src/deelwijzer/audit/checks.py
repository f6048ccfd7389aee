"""System checks on the audit keys (``deelwijzer check``; also run by ``migrate``)."""

from __future__ import annotations

from django.core.checks import Error, Tags, Warning, register

from deelwijzer import crypto
from deelwijzer.audit.keys import AUDIT_KEYS


def key_file_checks(spec: crypto.KeySpec, ids: tuple[str, str, str], hint: str) -> list:
    """A key source set twice (ids[0]), a named key file that is missing (ids[1]) or open to
    everyone (ids[2]); shared with the encryption keys (cases/checks.py)."""
    try:
        inline, path, generate = crypto.key_source(spec)
    except crypto.KeyConfigurationError as exc:
        return [Error(str(exc), id=ids[0])]
    if inline is not None or path is None:
        return []
    if not path.exists():
        if generate:
            return []  # development: made on first use
        missing = f"Het sleutelbestand {path} ({spec.file_env}) bestaat niet."
        return [Error(missing, hint=hint, id=ids[1])]
    if path.stat().st_mode & 0o007:
        return [
            Warning(
                f"Het sleutelbestand {path} is leesbaar of schrijfbaar voor iedereen.",
                hint=f"chmod o-rwx {path}",
                id=ids[2],
            )
        ]
    return []


@register(Tags.security)
def audit_keys(app_configs=None, **kwargs) -> list:
    return key_file_checks(
        AUDIT_KEYS,
        ("deelwijzer.E030", "deelwijzer.E031", "deelwijzer.W032"),
        "Maak het met `deelwijzer rotate-audit-key --print-key` (docs/deployment.md, 7).",
    )
