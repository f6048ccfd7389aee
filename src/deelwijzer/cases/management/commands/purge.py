"""``deelwijzer purge [--dry-run] [--today YYYY-MM-DD]``: destroy expired closed cases."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import ngettext

from deelwijzer.cases.retention import PurgedCase, case_purge_expired, case_purge_preview
from deelwijzer.commandbase import JobCommand, argument


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(
            f"--today verwacht een datum als JJJJ-MM-DD, niet {raw!r}.", returncode=2
        ) from exc


def _today(options) -> date:
    """The day to judge by: today, or ``--today``. A real purge refuses a day after today: a
    typing error there (2062 for 2026) would destroy cases years before their time. A trial
    run (``--dry-run``) may look ahead."""
    real = timezone.localdate()
    if options["today"] is None:
        return real
    day = _day(options["today"])
    if day > real and not options["dry_run"]:
        raise CommandError(
            f"--today {day.isoformat()} ligt na vandaag ({real.isoformat()}): dan zou Deelwijzer "
            "casussen vernietigen waarvan de bewaartermijn nog loopt. Er is niets vernietigd. "
            "Met --dry-run zie je wat er op die dag verlopen is.",
            returncode=2,
        )
    return day


def _line(summary: PurgedCase) -> str:
    rows = sum(summary.deleted.values())
    months = summary.retention_months
    return (
        f"  casus {summary.case_id} (organisatie {summary.organisation_id}), gesloten op "
        f"{summary.closed_on.isoformat()}, bewaartermijn "
        + ngettext("%(n)s maand", "%(n)s maanden", months) % {"n": months}
        + ": "
        + ngettext("%(n)s rij", "%(n)s rijen", rows) % {"n": rows}
    )


class Command(JobCommand):
    help = (
        "Destroy closed cases whose organisation's retention has passed, with everything "
        "attached; one audit event per case remains."
    )

    job_name = "purge"
    once_per_day = True

    def job_period(self, options) -> date:
        return _today(options)

    def job_applies(self, options) -> bool:
        return not options["dry_run"]

    arguments = (
        argument("--dry-run", action="store_true", help="only list what would be destroyed"),
        argument(
            "--today",
            help="judge by this date (YYYY-MM-DD); a real purge refuses one after today",
        ),
    )

    def handle(self, *args, **options):
        today = _today(options)
        if options["dry_run"]:
            preview = case_purge_preview(today=today)
            self._report(preview, "gevonden (proefdraai: niets vernietigd)", today)
            return
        try:
            purged = case_purge_expired(today=today)
        except (ProtectedError, RestrictedError) as exc:
            raise CommandError(
                "Vernietigen geweigerd: een beschermde verwijzing houdt een casus vast "
                f"({exc.args[0]}). Er is niets van die casus verwijderd."
            ) from exc
        self._report(purged, "vernietigd", today)

    def _report(self, summaries: list[PurgedCase], verb: str, today: date) -> None:
        self.stdout.write(
            f"Peildatum {today.isoformat()}: "
            + ngettext("%(n)s verlopen casus", "%(n)s verlopen casussen", len(summaries))
            % {"n": len(summaries)}
            + f" {verb}."
        )
        for summary in summaries:
            self.stdout.write(_line(summary))
