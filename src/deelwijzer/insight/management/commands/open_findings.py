"""``deelwijzer open-findings [--organisation ID] [--stale-only]``: judge the open cases again
and keep their open findings per rule ID, which the statistics count (issue #22), and, where
nothing is kept for a case as it is now, its case file and evaluation for its next view. A
change of a case, and an upgrade, only mark its summary stale and a page view of the case
writes it again; this is for the night (the stale cases nobody opened; in full, the findings
that depend on the date), and for after a bulk load. A job (commandbase.JobCommand): on
several nodes with the same timer it runs on one of them at a time (after an upgrade it judges
every open case, which takes a while); it does not skip a day already done, since the weekly
full run follows a nightly one on the same day."""

from __future__ import annotations

import time

from django.core.management.base import CommandError
from django.utils.translation import ngettext

from deelwijzer.commandbase import BAD_INPUT, JobCommand
from deelwijzer.insight.services import open_findings_refresh
from deelwijzer.organisations.models import Organisation


class Command(JobCommand):
    help = "Beoordeel alle open casussen opnieuw en tel hun open bevindingen per regel."

    job_name = "open-findings"

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, default=None, help="id van één organisatie")
        parser.add_argument(
            "--stale-only",
            action="store_true",
            help="alleen de casussen die sinds hun laatste beoordeling zijn gewijzigd (in de casus "
            "of door een update van Deelwijzer)",
        )
        super().add_arguments(parser)  # --once-per-day, as the other jobs (docs/deployment.md)

    def job_applies(self, options) -> bool:
        """An unknown organisation is refused before the job is locked or recorded."""
        organisation = options["organisation"]
        if organisation is not None and not Organisation.objects.filter(pk=organisation).exists():
            raise CommandError(f"Geen organisatie met id {organisation}.", returncode=BAD_INPUT)
        return True

    def handle(self, *args, organisation: int | None, stale_only: bool, **options):
        started = time.monotonic()
        judged = open_findings_refresh(organisation_id=organisation, stale_only=stale_only)
        seconds = time.monotonic() - started
        cases = ngettext("%(n)s open casus", "%(n)s open casussen", judged) % {"n": judged}
        self.stdout.write(f"{cases} beoordeeld in {seconds:.1f} s.")
