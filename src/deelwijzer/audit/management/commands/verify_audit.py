from django.core.management.base import CommandError

from deelwijzer.audit.services import audit_verify
from deelwijzer.commandbase import DatabaseCommand


class Command(DatabaseCommand):
    help = "Check the audit trail's hash chain; print OK or the first broken row."

    def handle(self, *args, **options):
        result = audit_verify()
        if result.ok:
            self.stdout.write(f"OK: {result.checked} audit events, chain intact.")
            return
        raise CommandError(
            f"BROKEN at audit event id {result.broken_id}: {result.reason} "
            f"({result.checked} events before it are intact)."
        )
