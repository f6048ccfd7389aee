from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from deelwijzer.organisations.demo import demo_device


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = demo_device(username)
        if device is None:
            raise CommandError(
                f"'{username}' is geen demo-account met de demo-sleutel; "
                "deze opdracht werkt alleen voor de demo (deelwijzer demo)."
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
