"""``deelwijzer backup PATH``: a consistent copy of the whole database (see backups.py)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import ngettext

from deelwijzer.backups import BackupError, backup, files_path
from deelwijzer.commandbase import DATABASE, JobCommand, argument


class Command(JobCommand):
    # An emergency tool: a failing system check elsewhere must not stop it (like migrate).
    requires_system_checks: list[str] = []
    help = (
        "Back up the whole database to PATH: SQLite through its online backup API, "
        "PostgreSQL through pg_dump -Fc. The file is readable by its owner only."
    )

    job_name = "backup"

    arguments = (
        argument("path", help="the backup file to write"),
        argument("--force", action="store_true", help="overwrite an existing file"),
        DATABASE,
    )

    def handle(self, *args, **options):
        try:
            result = backup(options["path"], alias=options["database"], force=options["force"])
        except BackupError as exc:
            raise CommandError(exc.message, returncode=exc.exit_code) from exc
        self.stdout.write(
            f"Back-up geschreven: {result.path} ({result.engine}, {result.size} bytes)."
        )
        files = ngettext("%(n)s bestand", "%(n)s bestanden", result.files) % {"n": result.files}
        self.stdout.write(f"Bijlagen: {files} (versleuteld) in {files_path(result.path)}.")
