from django.conf import settings
from django.core.management.base import BaseCommand

from deelwijzer.organisations.demo import DEMO_PASSWORD, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Load the demo organisation (idempotent) and print the log-ins."

    def handle(self, *args, **options):
        organisation, created = demo_load()
        state = "aangemaakt" if created else "bestond al"
        self.stdout.write(f"Demo-organisatie '{organisation.name}' {state}.")
        self.stdout.write(f"Open {settings.SITE_URL}/ en log in met (wachtwoord {DEMO_PASSWORD}):")
        for username, first, last, role, job in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {first} {last}, {job} ({role})")
