"""``deelwijzer rotate-audit-key``: a new current audit key (HMAC); older rows stay verifiable
with the older keys, which stay in the file."""

from __future__ import annotations

from django.core.management.base import CommandError

from deelwijzer import crypto
from deelwijzer.audit.keys import RotationRefused
from deelwijzer.audit.services import audit_key_add
from deelwijzer.commandbase import BAD_INPUT, KeyCommand


class Command(KeyCommand):
    help = (
        "Put a new audit key first in the audit key file (DEELWIJZER_AUDIT_KEY_FILE): new audit "
        "rows and checkpoints use it, older ones keep verifying with their own key id. "
        "See docs/deployment.md, section 7."
    )

    def handle(self, *args, **options):
        try:
            key_id = audit_key_add()
        except (RotationRefused, crypto.KeyConfigurationError) as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(
            f"Nieuwe auditsleutel {key_id} is nu de huidige; herstart de app zodat die ermee "
            "schrijft. Houd de oude sleutels in het bestand."
        )
