"""``deelwijzer reminders [--today YYYY-MM-DD]``: e-mail every professional for whom something
awaits (feedback due or overdue, a review date, an opinion open too long). Run it daily from
cron or a systemd timer. The e-mails carry no case content."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone

from deelwijzer.commandbase import BAD_INPUT, JobCommand, argument
from deelwijzer.documents.reminders import send_reminder_mails


def parse_day(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--today: {value!r} is geen datum als JJJJ-MM-DD.", returncode=BAD_INPUT
        ) from None


class Command(JobCommand):
    help = "Stuur herinneringen per e-mail (zonder inhoud van casussen)."
    job_name = "reminders"
    once_per_day = True  # a second run the same day would send every e-mail twice

    arguments = (argument("--today", help="doe alsof het deze dag is (JJJJ-MM-DD)"),)

    def job_period(self, options) -> date:
        return parse_day(options.get("today"))

    def handle(self, *args, **options):
        today = parse_day(options.get("today"))
        sent = send_reminder_mails(today)
        self.stdout.write(f"{sent} herinnering(en) verstuurd voor {today.isoformat()}.")
        return None
