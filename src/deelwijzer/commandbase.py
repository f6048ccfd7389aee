"""The base of Deelwijzer's own management commands that read or write the database.

Before the command runs it checks that the database can be reached and that every migration
is applied, so that a fresh or half-upgraded database gives one clear line and exit code 2
instead of a traceback about a missing table.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BAD_INPUT = 2  # exit code for anything the operator has to fix (as argparse uses)


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def require_migrated_database(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Raise a CommandError (exit 2) unless the database is reachable and fully migrated."""
    try:
        pending = unapplied_migrations(alias)
    except DatabaseError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if getattr(exc.__cause__, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise CommandError(
                f"De database is bereikbaar, maar deze rol mag de tabellen niet lezen "
                f"({first_line}). Is dit de rol van de app, geef die dan eerst rechten: "
                "`deelwijzer grant-app-role ROL` met de DATABASE_URL van de eigenaar "
                "(docs/deployment.md, 2).",
                returncode=BAD_INPUT,
            ) from exc
        raise CommandError(
            f"De database is niet bereikbaar ({first_line}). Controleer DATABASE_URL.",
            returncode=BAD_INPUT,
        ) from exc
    if pending:
        raise CommandError(
            f"De database is nog niet ingericht: {len(pending)} migratie(s) ontbreken "
            f"(de eerste: {pending[0]}). Voer eerst `deelwijzer migrate` uit (op PostgreSQL "
            "met de eigenaarsrol in DATABASE_URL, niet met die van de app; docs/deployment.md, "
            "2).",
            returncode=BAD_INPUT,
        )


class Argument(NamedTuple):
    """One command-line argument as ``parser.add_argument`` takes it."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def argument(*flags: str, **options: Any) -> Argument:
    return Argument(flags, options)


# The arguments several commands share, declared once.
USER = argument("user", help="gebruikersnaam (e-mailadres)")
REASON = argument("--reason", required=True, help="waarom (komt in de audittrail)")
DATABASE = argument("--database", default="default", help="Django database alias")


class DeclaredCommand(BaseCommand):
    """A command that declares its arguments as data (``arguments``) instead of writing an
    ``add_arguments`` method; a base class adds its own before them."""

    arguments: tuple[Argument, ...] = ()

    def create_parser(self, prog_name, subcommand, **kwargs):
        """Usage and errors name the command as it is typed (``deelwijzer create-organisation``);
        the ``deelwijzer`` command hands Django its module's name, with underscores."""
        return super().create_parser(prog_name, subcommand.replace("_", "-"), **kwargs)

    def add_arguments(self, parser):
        for declared in self.arguments:
            parser.add_argument(*declared.flags, **declared.options)


class DatabaseCommand(DeclaredCommand):
    """A command that needs a migrated database (see the module's docstring). A service's
    refusal (``ValidationError``) that the command does not handle itself ends it with the
    refusal's messages after ``refused`` and exit code 2, as a refused form does on a page."""

    refused = "Niets gewijzigd: "

    def execute(self, *args, **options):
        require_migrated_database(options.get("database") or DEFAULT_DB_ALIAS)
        return self.execute_migrated(*args, **options)

    def execute_migrated(self, *args, **options):
        """``execute`` once the database is known to be migrated (JobCommand checks first)."""
        try:
            return super().execute(*args, **options)
        except ValidationError as exc:
            raise CommandError(
                self.refused + " ".join(exc.messages), returncode=BAD_INPUT
            ) from None


class KeyCommand(DatabaseCommand):
    """A key rotation command: ``--print-key`` prints a new key line and needs no database."""

    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--print-key",
            action="store_true",
            help="print a new key line ('<key id>:<base64>') and change nothing",
        )
        super().add_arguments(parser)

    def execute(self, *args, **options):
        if options.get("print_key"):
            from deelwijzer.crypto import new_key_line

            OutputWrapper(options.get("stdout") or sys.stdout).write(new_key_line())
            return None
        return super().execute(*args, **options)


class JobCommand(DatabaseCommand):
    """A scheduled job (reminders, purge, clear-sessions, verify-audit, backup, open-findings)
    that is safe on any number of nodes: it runs under the job's lock (jobs/locks.py), so two
    nodes never run it at once and a run killed midway is taken over by the next
    (jobs/services.py).

    ``once_per_day`` jobs (reminders, purge, clear-sessions) also skip when another node
    already did the day's run (``--again`` runs anyway); the others (verify-audit, backup,
    open-findings) are asked for on purpose by an operator too, so they only skip with
    ``--once-per-day``, and only a day that a run with ``--once-per-day`` did: an operator's
    own run does not make the timer skip (``JobRun.scheduled``)."""

    job_name = ""
    once_per_day = False

    def add_arguments(self, parser):
        if self.once_per_day:
            parser.add_argument(
                "--again",
                action="store_true",
                help="ook als een andere node deze dag al gedaan heeft",
            )
        else:
            parser.add_argument(
                "--once-per-day",
                action="store_true",
                help="sla over als een node deze dag al gedaan heeft (voor een timer per node)",
            )
        super().add_arguments(parser)

    def job_period(self, options) -> date:
        return timezone.localdate()

    def job_applies(self, options) -> bool:
        """False for a run that changes nothing (a dry run): no lock, no record. May refuse
        bad input (``CommandError``) before the job is locked or recorded."""
        return True

    def execute(self, *args, **options):
        # first: job_applies may read the database (open-findings: the organisation)
        require_migrated_database(options.get("database") or DEFAULT_DB_ALIAS)
        if not self.job_applies(options):
            return self.execute_migrated(*args, **options)
        from deelwijzer.jobs.services import RAN, job_run

        period = self.job_period(options)
        scheduled = self.once_per_day or bool(options.get("once_per_day"))
        outcome = job_run(
            job=self.job_name,
            period=period,
            again=options.get("again", False) or not scheduled,
            scheduled=scheduled,
            work=lambda: self.execute_migrated(*args, **options) or "",
        )
        if outcome.state != RAN or outcome.abandoned:
            again_by = "--again" if self.once_per_day else "zonder --once-per-day"
            OutputWrapper(options.get("stdout") or sys.stdout).write(
                outcome.message(self.job_name, period, again_by)
            )
        return None
