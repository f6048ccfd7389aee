from base64 import b32encode
from binascii import unhexlify

from django.conf import settings

from deelwijzer.commandbase import DatabaseCommand
from deelwijzer.devdata.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, DEMO_USERS, demo_load


class Command(DatabaseCommand):
    help = "Load the demo organisation (idempotent) and print the log-ins."

    def handle(self, *args, **options):
        organisation, created = demo_load()
        state = "aangemaakt" if created else "bestond al"
        self.stdout.write(f"Demo-organisatie '{organisation.name}' {state}.")
        self.stdout.write(f"Open {settings.SITE_URL}/ en log in met (wachtwoord {DEMO_PASSWORD}):")
        for username, first, last, role, job in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {first} {last}, {job} ({role})")
        secret = b32encode(unhexlify(DEMO_TOTP_KEY)).decode().rstrip("=")
        self.stdout.write(
            "Daarna vraagt Deelwijzer een code (tweestapsverificatie). Alle demo-accounts delen\n"
            f"  de demo-sleutel {secret} (alleen voor de demo): zet die in een\n"
            "  authenticator-app, of toon de code van nu met: deelwijzer demo-code GEBRUIKERSNAAM"
        )
