from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Deelwijzer locally (Django's server; use gunicorn in production)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        call_command("runserver", options["addrport"], insecure_serving=True, use_reloader=False)
