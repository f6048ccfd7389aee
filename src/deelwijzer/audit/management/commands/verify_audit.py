from pathlib import Path

from django.core.management.base import CommandError

from deelwijzer import crypto
from deelwijzer.audit.services import audit_verify
from deelwijzer.commandbase import BAD_INPUT, JobCommand, argument


class Command(JobCommand):
    help = (
        "Check the audit trail's keyed hash chain against the signed checkpoints; print OK "
        "or the first broken row (exit 1)."
    )

    job_name = "verify-audit"

    arguments = (
        argument(
            "--checkpoint-dir",
            help="the checkpoints to hold the chain against (default AUDIT_CHECKPOINT_DIR), "
            "e.g. the copy on write-once storage",
        ),
    )

    def job_applies(self, options) -> bool:
        """A checkpoint folder that was named but is not there (a write-once share that is not
        mounted) is refused before the job is recorded: held against nothing, the chain read
        OK and the daily alert stayed silent (the operator walk)."""
        named = options.get("checkpoint_dir")
        if named and not Path(named).is_dir():
            raise CommandError(
                f"De map met checkpoints {named} bestaat niet of is geen map (is de opslag "
                "gekoppeld?). Er is niets gecontroleerd.",
                returncode=BAD_INPUT,
            )
        return True

    def handle(self, *args, **options):
        try:
            result = audit_verify(checkpoint_dir=options["checkpoint_dir"])
        except crypto.KeyConfigurationError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        if not result.ok:
            raise CommandError(
                f"{result.problem()} ({result.checked} events before it are intact)."
            )
        self.stdout.write(f"OK: {result.checked} audit events, chain intact.")
        if result.checkpoints:
            self.stdout.write(f"Held against {result.checkpoints} signed checkpoint(s).")
        else:
            self.stderr.write(
                "Let op: geen checkpoint gevonden; het weghalen van de nieuwste rijen valt zo "
                "niet op. Draai `deelwijzer audit-checkpoint` (docs/deployment.md, sectie 5)."
            )
