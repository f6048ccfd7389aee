"""``deelwijzer create-token USERNAME --name NAME``: a new API token for a user, printed once.

For integrations and scripted set-ups. It is made by the same service as in the web app
(api.tokens.api_token_create), so it has the same limits and leaves the same audit event, with
"cli" as its channel. Only the token goes to stdout, so a script can capture it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from deelwijzer.api.tokens import api_token_create, token_name_problems
from deelwijzer.audit import context
from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand, argument


class Command(DatabaseCommand):
    help = (
        "Maak een nieuwe API-sleutel voor een gebruiker en toon hem (één keer). De sleutel "
        "handelt met precies de rechten van die gebruiker; intrekken kan in de webapp."
    )

    arguments = (
        argument("username", help="gebruikersnaam (e-mailadres) van de gebruiker"),
        argument("--name", required=True, help="naam van de sleutel, bv. het systeem"),
    )

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        problems = token_name_problems(name)  # every problem in one run
        if user is None:
            problems.insert(0, f"Er is geen gebruiker '{username}'.")
        if user is None or problems:
            raise CommandError(" ".join(problems), returncode=BAD_INPUT)
        if not user.is_active:
            raise CommandError(
                f"Gebruiker '{username}' is niet actief; een sleutel zou niet werken.",
                returncode=BAD_INPUT,
            )
        token = context.set_context(context.AuditContext(channel="cli"))
        try:
            _row, secret = api_token_create(actor=user, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=BAD_INPUT) from error
        finally:
            context.reset_context(token)
        self.stdout.write(secret)
