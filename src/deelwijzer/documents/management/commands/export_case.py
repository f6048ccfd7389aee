"""``deelwijzer export-case --case ID|PSEUDONYM [--output FILE]``: the case file as JSON
(deelwijzer-casefile/1), checked against the schema; ``deelwijzer evaluate`` reads it back."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from deelwijzer.cases.models import Case
from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.documents.services import casefile_export_cli
from deelwijzer.procedure.casefile import CaseFileError


def find_case(reference: str) -> Case:
    reference = reference.strip()
    case = None
    if reference.isdigit():
        case = Case.objects.filter(pk=int(reference)).first()
    if case is None:  # a pseudonym is unique within an organisation only
        found = list(Case.objects.filter(pseudonym=reference)[:2])
        if len(found) > 1:
            raise CommandError(
                f"Meer dan één organisatie heeft een casus met pseudoniem {reference!r}: "
                "geef het nummer van de casus.",
                returncode=BAD_INPUT,
            )
        case = found[0] if found else None
    if case is None:
        raise CommandError(
            f"Geen casus met nummer of pseudoniem {reference!r}.", returncode=BAD_INPUT
        )
    return case


class Command(DatabaseCommand):
    help = "Exporteer een casus als casusbestand (deelwijzer-casefile/1)."

    def add_arguments(self, parser):
        parser.add_argument("--case", required=True, help="nummer of pseudoniem van de casus")
        parser.add_argument("--output", help="schrijf naar dit bestand in plaats van de uitvoer")

    def handle(self, *args, **options):
        case, problems = None, []  # every problem in one run
        try:
            case = find_case(options["case"])
        except CommandError as error:
            problems.append(str(error))
        folder = Path(options.get("output") or ".").parent
        if not folder.is_dir():
            problems.append(f"De map {folder} bestaat niet.")
        if case is None or problems:
            raise CommandError(" ".join(problems), returncode=BAD_INPUT)
        try:
            data = casefile_export_cli(case)
        except CaseFileError as error:
            raise CommandError("Geen geldig casusbestand: " + "; ".join(error.problems)) from None
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if options.get("output"):
            try:
                with open(options["output"], "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            except OSError as error:
                raise CommandError(
                    f"Kan {options['output']} niet schrijven: {error.strerror}.",
                    returncode=BAD_INPUT,
                ) from None
        else:
            self.stdout.write(text)
