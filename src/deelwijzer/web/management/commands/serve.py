from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections


def close_connections_after_each_request() -> None:
    """Django's server runs a thread per request, and each thread keeps its own connection for
    CONN_MAX_AGE seconds: under concurrent requests that ran PostgreSQL out of connections
    (issue #17.14). Here a request closes its connection when it ends (CONN_MAX_AGE 0); under
    gunicorn DB_CONN_MAX_AGE applies (docs/deployment.md)."""
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0
        connections[alias].close()


class Command(BaseCommand):
    help = "Serve Deelwijzer locally (Django's server; use gunicorn in production)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        close_connections_after_each_request()
        call_command("runserver", options["addrport"], insecure_serving=True, use_reloader=False)
