"""``deelwijzer reset-second-factor USER --reason ...``: a user lost the phone with their
authenticator app (and their recovery codes). The installation operator removes both; the
user enrols a new app at the next sign-in. Audited with the reason."""

from __future__ import annotations

from deelwijzer.accounts.twofactor import second_factor_reset_by_operator
from deelwijzer.commandbase import REASON, USER, DatabaseCommand


class Command(DatabaseCommand):
    help = (
        "Verwijder de authenticator-app en herstelcodes van een gebruiker (telefoon kwijt). "
        "De gebruiker stelt bij de volgende keer inloggen een nieuwe app in. "
        "De reden komt in de audittrail."
    )

    arguments = (USER, REASON)

    def handle(self, *args, **options):
        ended = second_factor_reset_by_operator(username=options["user"], reason=options["reason"])
        self.stdout.write(
            f"De tweede factor van {options['user']} is verwijderd; {ended} sessie(s) beëindigd. "
            "Bij de volgende keer inloggen stelt de gebruiker een nieuwe authenticator-app in. "
            "Vastgelegd in de audittrail."
        )
