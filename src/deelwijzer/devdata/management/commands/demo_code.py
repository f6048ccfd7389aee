from django.core.management.base import CommandError
from django_otp.oath import totp

from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.devdata.demo import demo_device


class Command(DatabaseCommand):
    help = "Print the current two-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        device = demo_device(username)
        if device is None:
            raise CommandError(
                f"'{username}' is geen demo-account met de demo-sleutel; "
                "deze opdracht werkt alleen voor de demo (deelwijzer demo).",
                returncode=BAD_INPUT,
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
