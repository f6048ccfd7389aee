"""``deelwijzer restore PATH [--force]``: put a backup into an empty database."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import ngettext

from deelwijzer.backups import BackupError, check_encrypted, restore
from deelwijzer.commandbase import DATABASE, DeclaredCommand, argument
from deelwijzer.jobs.services import job_close_restored


class Command(DeclaredCommand):
    # An emergency tool: a failing system check elsewhere must not stop it (like migrate).
    requires_system_checks: list[str] = []
    help = (
        "Restore a backup made by `deelwijzer backup` into the configured database. "
        "Refuses a database that already has tables unless --force is given. "
        "Afterwards run `deelwijzer migrate --check` and `deelwijzer verify-audit`."
    )

    arguments = (
        argument("path", help="the backup file to read"),
        argument("--force", action="store_true", help="overwrite a database that is not empty"),
        DATABASE,
    )

    def handle(self, *args, **options):
        try:
            files = restore(options["path"], alias=options["database"], force=options["force"])
            checked = check_encrypted(options["database"])
            if checked is not None and options["database"] == DEFAULT_DB_ALIAS:
                job_close_restored()  # the services write through the default database
        except BackupError as exc:
            raise CommandError(exc.message, returncode=exc.exit_code) from exc
        self.stdout.write(
            f"Teruggezet uit {options['path']}. Controleer nu met `deelwijzer migrate --check` "
            "en `deelwijzer verify-audit`."
        )
        if files:
            self.stdout.write(
                ngettext("%(n)s bestand", "%(n)s bestanden", files)
                % {"n": files}
                + " van bijlagen teruggezet; controleer de bijlagen met "
                "`deelwijzer verify-attachments`."
            )
        if checked is None:
            self.stdout.write(
                "De back-up is van een oudere versie: `deelwijzer migrate` versleutelt de inhoud."
            )
        else:
            self.stdout.write(f"{checked} versleutelde waarden ontsleuteld met de sleutels.")
