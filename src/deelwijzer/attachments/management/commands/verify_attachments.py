"""deelwijzer verify-attachments: every stored attachment decrypts and matches its hash."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import ngettext

from deelwijzer.attachments.maintenance import verify_files
from deelwijzer.audit.services import audit_record
from deelwijzer.commandbase import DatabaseCommand


class Command(DatabaseCommand):
    help = "Controleert dat elke bijlage te ontsleutelen is en bij haar SHA-256 past."

    def handle(self, *args, **options):
        checked, problems = verify_files()
        with transaction.atomic():
            audit_record(
                actor=None,
                action="attachment.verify",
                object_type="attachment",
                purpose="maintenance",
                detail={"checked": checked, "problems": len(problems)},
            )
        for problem in problems:
            self.stdout.write(f"casus {problem.case_id}, bijlage {problem.key}: {problem.what}")
        files = ngettext("%(n)s bestand", "%(n)s bestanden", checked) % {"n": checked}
        if problems:
            raise CommandError(
                f"{len(problems)} van {files} niet in orde (not OK).",
                returncode=1,
            )
        self.stdout.write(f"OK: {files} gecontroleerd (files verified).")
