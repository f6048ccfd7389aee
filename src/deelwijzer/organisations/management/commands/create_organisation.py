"""``deelwijzer create-organisation --name NAME --admin-email EMAIL``: the first real
organisation and its functional administrator, outside the demo.

The administrator gets a one-time link to choose a password (default), or the password is
asked for (``--ask-password``) or read from a file (``--password-file``). Either way the
administrator enrols an authenticator app at the first sign-in, as everyone does.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.organisations.models import Sector
from deelwijzer.organisations.services import organisation_create, set_password_link


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def _password_from_file(raw: str) -> str:
    path = Path(raw)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "geen tekstbestand"
        raise _bad(f"Kan het wachtwoordbestand {path} niet lezen ({reason}).") from exc
    if not lines or not lines[0]:
        raise _bad(f"Het wachtwoordbestand {path} is leeg; zet het wachtwoord op de eerste regel.")
    return lines[0]


def _password_asked() -> str:
    """Asked twice at the terminal; without one (a pipe, a script) that cannot be done: said,
    with the way that can (the operator walk: a traceback ending in EOFError)."""
    if not sys.stdin.isatty():
        raise _bad(
            "--ask-password vraagt het wachtwoord in een terminal, en die is er niet. Gebruik "
            "--password-file, of laat beide weg voor een eenmalige link; er is niets aangemaakt."
        )
    try:
        first = getpass.getpass("Wachtwoord voor de beheerder: ")
        again = getpass.getpass("Nog een keer: ")
    except (EOFError, KeyboardInterrupt) as exc:
        raise _bad("Geen wachtwoord gekregen; er is niets aangemaakt.") from exc
    if first != again:
        raise _bad("De twee wachtwoorden zijn niet gelijk; er is niets aangemaakt.")
    return first


class Command(DatabaseCommand):
    help = (
        "Maak een organisatie met haar eerste functioneel beheerder. Zonder wachtwoord toont "
        "de opdracht een eenmalige link waarmee de beheerder er zelf een kiest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="naam van de organisatie")
        parser.add_argument("--admin-email", required=True, help="e-mailadres = gebruikersnaam")
        parser.add_argument("--sector", default=Sector.EDUCATION, help=", ".join(Sector.values))
        parser.add_argument("--first-name", default="", help="voornaam van de beheerder")
        parser.add_argument("--last-name", default="", help="achternaam van de beheerder")
        how = parser.add_mutually_exclusive_group()
        how.add_argument("--password-file", help="lees het wachtwoord uit dit bestand")
        how.add_argument("--ask-password", action="store_true", help="vraag om een wachtwoord")

    def handle(self, *args, **options):
        password = None
        if options["password_file"]:
            password = _password_from_file(options["password_file"])
        elif options["ask_password"]:
            password = _password_asked()
        try:
            organisation, user = organisation_create(
                name=options["name"],
                sector=options["sector"],
                admin_email=options["admin_email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                password=password,
            )
        except ValidationError as exc:
            problems = [str(m) for messages in exc.message_dict.values() for m in messages]
            raise _bad("Niets aangemaakt: " + " ".join(problems)) from None
        self._report(organisation, user, password is not None)

    def _report(self, organisation, user, has_password: bool) -> None:
        sector = Sector(organisation.sector).label
        self.stdout.write(f"Organisatie '{organisation.name}' aangemaakt (sector: {sector}).")
        self.stdout.write(f"Functioneel beheerder: {user.username}.")
        if not has_password:
            self.stdout.write(one_time_link(set_password_link(user)))
        self.stdout.write(
            "Bij de eerste keer inloggen stelt de beheerder tweestapsverificatie in met een "
            "authenticator-app. Daarna nodigt de beheerder de andere gebruikers uit."
        )


def one_time_link(path: str) -> str:
    """The link to choose a password, as create-organisation and password-link print it."""
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    return (
        f"Eenmalige link om een wachtwoord te kiezen ({days} dagen geldig; geef hem alleen aan "
        f"de beheerder zelf):\n  {settings.SITE_URL.rstrip('/')}{path}"
    )
