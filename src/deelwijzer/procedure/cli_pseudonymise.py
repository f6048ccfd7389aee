"""``deelwijzer pseudonymise --case CASEFILE.json [TEXT_FILE|-] [--json]`` (Stap 2, R2.1).

Prints the text with the case's identifiers and other identifying details replaced, what was
replaced, and the points the professional must check by hand. Without TEXT_FILE, or with
``-``, the text is read from standard input. ``--organisation-name NAME`` (repeatable) names
the professional's own school, club or organisation, which must go too. Exit status: 0 done;
2 a bad case file (each problem on its own line), an unreadable text or bad arguments; 1 when
deduce's lookup structures were never built (an installation step). Never a traceback. Also
runnable as ``python -m deelwijzer.procedure.cli_pseudonymise``.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from deelwijzer.procedure.casefile import CaseFile, CaseFileError, load_casefile
from deelwijzer.procedure.cli_engine import INVALID, _Parser, read_input
from deelwijzer.procedure.deidentify import DeduceNotBuiltError
from deelwijzer.procedure.pseudonymise import PseudonymiseResult, pseudonymise

NOT_BUILT = 1


def _parser() -> _Parser:
    parser = _Parser(
        prog="deelwijzer pseudonymise",
        description="Maak een tekst voor een adviesvraag onherkenbaar (stap 2, R2.1).",
    )
    parser.add_argument("--case", required=True, help="het casusbestand (JSON), of -")
    parser.add_argument("text", nargs="?", default="-", help="het tekstbestand, of - (standaard)")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument(
        "--organisation-name",
        action="append",
        default=[],
        metavar="NAAM",
        help="naam van je eigen school, club of organisatie die ook weg moet (mag vaker)",
    )
    return parser


def read_text(name: str, stdin: TextIO | None = None) -> str:
    """The text to pseudonymise; raise CaseFileError with a readable reason."""
    try:
        if name == "-":
            return (stdin or sys.stdin).read()
        with open(name, encoding="utf-8-sig") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CaseFileError([f"{name}: kan de tekst niet lezen: {reason}"]) from None


def _load(argv: list[str], stdin: TextIO | None) -> tuple[CaseFile, str, bool, list[str]]:
    args = _parser().parse_args(argv)
    if args.case == "-" and args.text == "-":
        raise CaseFileError(
            ["deelwijzer pseudonymise: casus en tekst kunnen niet allebei van standaardinvoer"]
        )
    cf = load_casefile(read_input(args.case, stdin))
    return cf, read_text(args.text, stdin), bool(args.json), list(args.organisation_name)


def format_human(result: PseudonymiseResult) -> str:
    lines = [result.text.rstrip("\n"), "", f"Vervangen ({len(result.replacements)})"]
    for r in result.replacements:
        lines.append(f"  {r.placeholder:<16} {r.original}")
    lines += ["", "Controleer zelf"]
    lines.extend(f"  - {point}" for point in result.review)
    return "\n".join(lines)


def pseudonymise_main(argv: list[str], stdin: TextIO | None = None) -> int:
    """Run the command; returns the exit status."""
    try:
        cf, text, as_json, names = _load(argv, stdin)
    except CaseFileError as exc:
        print(*exc.problems, sep="\n", file=sys.stderr)
        return INVALID
    try:
        result = pseudonymise(text, cf, organisation_names=names)
    except DeduceNotBuiltError as exc:
        print(str(exc), file=sys.stderr)
        return NOT_BUILT
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_human(result))
    return 0


def main() -> int:
    return pseudonymise_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
