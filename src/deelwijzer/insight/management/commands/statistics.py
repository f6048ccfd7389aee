"""``deelwijzer statistics [--from DATE] [--to DATE] [--per month|quarter|school_year]``: the
statistics over every organisation of the installation as CSV, for its operator (issue #22).
Small cells are "< 5", as on the page; the export is audited."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError

from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.insight.exports import figures_csv
from deelwijzer.insight.periods import GROUPINGS, default_period
from deelwijzer.insight.services import statistics_installation


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Geen datum (JJJJ-MM-DD): {text!r}", returncode=BAD_INPUT) from exc


class Command(DatabaseCommand):
    help = "De statistieken van alle organisaties van deze installatie als CSV (voor de beheerder)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", default="", help="eerste dag, JJJJ-MM-DD")
        parser.add_argument("--to", dest="end", default="", help="laatste dag, JJJJ-MM-DD")
        parser.add_argument("--per", default="month", choices=[code for code, _l in GROUPINGS])

    def handle(self, *args, start: str, end: str, per: str, **options):
        first, last = default_period()
        first = _day(start) if start else first
        last = _day(end) if end else last
        if first > last:
            raise CommandError("--from ligt na --to.", returncode=BAD_INPUT)
        self.stdout.write(
            figures_csv(statistics_installation(start=first, end=last, per=per)), ending=""
        )
