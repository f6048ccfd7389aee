"""``deelwijzer audit-checkpoint``: check the chain since the last checkpoint and sign a new one
(for a systemd timer; docs/deployment.md, section 5)."""

from django.core.management.base import CommandError

from deelwijzer import crypto
from deelwijzer.audit.services import audit_checkpoint
from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand, argument


class Command(DatabaseCommand):
    help = (
        "Verify the audit chain since the last signed checkpoint, then write a new signed "
        "checkpoint (row id, hash, count, time) to AUDIT_CHECKPOINT_DIR and print it for the "
        "log. Writes nothing when the chain is broken (exit 1) or nothing was added."
    )

    arguments = (argument("--checkpoint-dir", help="default AUDIT_CHECKPOINT_DIR"),)

    def handle(self, *args, **options):
        try:
            result, made = audit_checkpoint(checkpoint_dir=options["checkpoint_dir"])
        except crypto.KeyConfigurationError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        except OSError as exc:
            raise CommandError(
                f"De checkpointmap is niet schrijfbaar: {exc}. Zet DEELWIJZER_AUDIT_CHECKPOINT_DIR "
                "op een map waarin de gebruiker van Deelwijzer mag schrijven.",
                returncode=BAD_INPUT,
            ) from exc
        if not result.ok:
            raise CommandError(f"{result.problem()}. No checkpoint written.")
        if made is None:
            self.stdout.write("Geen nieuwe auditgebeurtenissen sinds het laatste checkpoint.")
            return
        self.stdout.write(f"audit-checkpoint {made.line()}")
