"""``deelwijzer transfer-keygen --organisation NAAM --output-dir MAP``: the organisation's key
pair for transfers between installations (``deelwijzer-transfer/1``): ``<naam>.key`` (secret,
readable by the owner only) and ``<naam>.pub`` (for the other organisation), and the public
key's fingerprint to read to each other (docs/transfers.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.text import slugify

from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.organisations.models import Organisation
from deelwijzer.transfers.management.commands._files import write_json
from deelwijzer.transfers.package import fingerprint, key_pair


class Command(DatabaseCommand):
    help = "Maak het sleutelpaar van een organisatie voor overdrachten tussen installaties."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="naam van de organisatie")
        parser.add_argument("--output-dir", required=True, help="map voor .key en .pub")

    def handle(self, *args, organisation: str, output_dir: str, **options):
        problems = []  # every one in one run
        if not Organisation.objects.filter(name=organisation).exists():
            problems.append(f"Er is geen organisatie {organisation!r}.")
        directory = Path(output_dir)
        if not directory.is_dir():
            problems.append(f"{directory} is geen map.")
        if problems:
            raise CommandError(" ".join(problems), returncode=BAD_INPUT)
        private, public = key_pair(organisation)
        stem = slugify(organisation) or "organisatie"
        write_json(directory / f"{stem}.key", private, secret=True)
        write_json(directory / f"{stem}.pub", public)
        self.stdout.write(f"{directory / (stem + '.key')} (geheim: alleen voor deze installatie)")
        self.stdout.write(f"{directory / (stem + '.pub')} (voor de andere organisatie)")
        self.stdout.write(f"vingerafdruk: {fingerprint(public)}")
