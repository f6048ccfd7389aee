"""``deelwijzer seed``: fill a database with bench data (fictional, for `make bench`).

Bench data, not user actions: written with the ORM's bulk_create in batches, past the
services (see ``devdata.seed.build``). Never run it against a database in use.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from deelwijzer.devdata.seed.build import (
    BENCH_PASSWORD,
    SeedOptions,
    already_seeded,
    seed,
    username,
)
from deelwijzer.devdata.seed.rows import server_cpu_seconds


def _positive(name: str, value: int, minimum: int = 1) -> int:
    if value < minimum:
        raise CommandError(f"--{name} moet minstens {minimum} zijn, niet {value}.", returncode=2)
    return value


class Command(BaseCommand):
    help = (
        "Vul de database met fictieve benchmarkgegevens (standaard 10.000 casussen in 20 "
        "organisaties, 300.000 aantekeningen). Alleen voor een lege benchmarkdatabase."
    )

    def add_arguments(self, parser):
        defaults = SeedOptions()
        parser.add_argument("--cases", type=int, default=defaults.cases)
        parser.add_argument("--orgs", type=int, default=defaults.organisations)
        parser.add_argument(
            "--entries-per-case",
            type=int,
            default=defaults.entries_per_case,
            help="gemiddeld aantal aantekeningen per casus (totaal = casussen x dit getal)",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="vermenigvuldig --cases met dit getal (0.01 = 100 casussen)",
        )
        parser.add_argument("--big-cases", type=int, default=defaults.big_cases)
        parser.add_argument("--big-size", type=int, default=defaults.big_size)
        parser.add_argument("--seed", type=int, default=defaults.seed)

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale moet groter dan 0 zijn.", returncode=2)
        opts = SeedOptions(
            cases=_positive("cases", round(options["cases"] * options["scale"])),
            organisations=_positive("orgs", options["orgs"]),
            entries_per_case=_positive("entries-per-case", options["entries_per_case"]),
            big_cases=_positive("big-cases", options["big_cases"], 0),
            big_size=_positive("big-size", options["big_size"]),
            seed=options["seed"],
        )
        if already_seeded():
            raise CommandError(
                "Deze database bevat al benchmarkgegevens. Gebruik een nieuwe, lege database.",
                returncode=2,
            )
        server_before = server_cpu_seconds()
        started, cpu_before = time.monotonic(), time.process_time()
        result = seed(opts, progress=lambda line: self.stderr.write(line))
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu_before
        server_after = server_cpu_seconds()
        server = (
            f", PostgreSQL {server_after - server_before:.2f} s"
            if server_before is not None and server_after is not None
            else ""
        )
        self.stdout.write(
            f"{result.organisations} organisaties, {result.users} gebruikers, "
            f"{result.cases} casussen, {result.entries} aantekeningen in {seconds:.1f} s "
            f"(processortijd: seed {cpu:.2f} s{server})."
        )
        self.stdout.write(
            f"Inloggen: {username(1, 'prof', 1)} … met wachtwoord {BENCH_PASSWORD}; "
            "de TOTP-sleutel staat in devdata.seed.build.totp_key."
        )
