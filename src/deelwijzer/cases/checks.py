"""System checks on the encryption keys (``deelwijzer check``; also run by ``migrate``)."""

from __future__ import annotations

from django.core.checks import Error, Tags, Warning, register

from deelwijzer import crypto


@register(Tags.security)
def encryption_keys(app_configs=None, **kwargs) -> list:
    try:
        inline, path, generate = crypto.key_source()
    except crypto.KeyConfigurationError as exc:
        return [Error(str(exc), id="deelwijzer.E010")]
    if inline is not None or path is None:
        return []
    if not path.exists():
        if generate:
            return []  # development: made on first use
        return [
            Error(
                f"Het sleutelbestand {path} (DEELWIJZER_KEY_FILE) bestaat niet.",
                hint="Maak het met `deelwijzer rotate-key --print-key` (docs/deployment.md, 7).",
                id="deelwijzer.E011",
            )
        ]
    if path.stat().st_mode & 0o007:
        return [
            Warning(
                f"Het sleutelbestand {path} is leesbaar of schrijfbaar voor iedereen.",
                hint=f"chmod o-rwx {path}",
                id="deelwijzer.W012",
            )
        ]
    return []
