"""``deelwijzer open-findings [--organisation ID]``: judge every open case again and keep its
open findings per rule ID, which the statistics count (issue #22). Each change of a case
keeps them already; this is for after an upgrade or a bulk load, and for a nightly run (some
findings depend on the date)."""

from __future__ import annotations

import time

from django.core.management.base import CommandError

from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.insight.services import open_findings_refresh
from deelwijzer.organisations.models import Organisation


class Command(DatabaseCommand):
    help = "Beoordeel alle open casussen opnieuw en tel hun open bevindingen per regel."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, default=None, help="id van één organisatie")

    def handle(self, *args, organisation: int | None, **options):
        if organisation is not None and not Organisation.objects.filter(pk=organisation).exists():
            raise CommandError(f"Geen organisatie met id {organisation}.", returncode=BAD_INPUT)
        started = time.monotonic()
        judged = open_findings_refresh(organisation_id=organisation)
        seconds = time.monotonic() - started
        self.stdout.write(f"{judged} open casussen beoordeeld in {seconds:.1f} s.")
