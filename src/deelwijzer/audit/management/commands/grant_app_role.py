"""``deelwijzer grant-app-role ROLE``: as the owner of the tables, give the application's
database role what it needs and no more (PostgreSQL; docs/deployment.md, section 2)."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DatabaseError, connections, transaction

from deelwijzer.audit.dbroles import grant_statements
from deelwijzer.commandbase import BAD_INPUT, DATABASE, DatabaseCommand, argument


class Command(DatabaseCommand):
    help = (
        "PostgreSQL: grant the app role SELECT/INSERT/UPDATE/DELETE on the tables (only "
        "SELECT/INSERT on the audit table) and USAGE on the sequences, also for tables made "
        "later. Run as the owner role after `migrate`."
    )

    arguments = (
        argument("role", help="the database role the app connects as"),
        argument("--print", action="store_true", help="only print the SQL"),
        DATABASE,
    )

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError(
                "grant-app-role is alleen voor PostgreSQL; SQLite kent geen databaserollen.",
                returncode=BAD_INPUT,
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, (SELECT tableowner FROM pg_tables "
                "WHERE schemaname = current_schema() AND tablename = 'django_migrations'), "
                "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
            )
            me, tables_owner, superuser = cursor.fetchone()
        owner = tables_owner if superuser and tables_owner else me  # a superuser acts for it
        if tables_owner is None:
            raise CommandError(
                "Er zijn nog geen tabellen: draai eerst `deelwijzer migrate` als de eigenaar "
                "(docs/deployment.md, sectie 2).",
                returncode=BAD_INPUT,
            )
        if tables_owner != owner:
            raise CommandError(
                f"Je bent verbonden als {me}, maar de tabellen zijn van {tables_owner}: "
                f"alleen de eigenaar kan rechten geven. Draai grant-app-role met de "
                f"DATABASE_URL van {tables_owner} (docs/deployment.md, sectie 2).",
                returncode=BAD_INPUT,
            )
        if options["role"] == owner:
            raise CommandError(
                f"{owner} is de eigenaar van de tabellen; de app hoort als een andere rol te "
                "verbinden (docs/deployment.md, sectie 2).",
                returncode=BAD_INPUT,
            )
        statements = grant_statements(
            app_role=options["role"], owner_role=owner, quote=connection.ops.quote_name
        )
        if options["print"]:
            self.stdout.write(";\n".join(statements) + ";")
            return
        try:
            with transaction.atomic(using=options["database"]), connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except DatabaseError as exc:
            raise CommandError(
                f"Rechten geven is mislukt: {str(exc).strip().splitlines()[0]}", returncode=1
            ) from exc
        self.stdout.write(f"Rechten gegeven aan {options['role']} (eigenaar {owner}).")
