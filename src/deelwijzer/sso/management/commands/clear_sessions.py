"""``deelwijzer clear-sessions``: remove ended sign-in sessions and what pointed at them."""

from __future__ import annotations

from deelwijzer.commandbase import JobCommand
from deelwijzer.sso.services import sessions_clear_expired


class Command(JobCommand):
    help = (
        "Remove sessions past their expiry date and the provider-session links (OpenID Connect) "
        "of sessions that no longer exist. Daily; safe on several nodes."
    )

    job_name = "clear-sessions"
    once_per_day = True

    def handle(self, *args, **options):
        cleared = sessions_clear_expired()
        line = (
            f"{cleared.sessions} verlopen sessie(s) en {cleared.provider_sessions} "
            "koppeling(en) met sessies bij de provider opgeruimd."
        )
        self.stdout.write(line)
