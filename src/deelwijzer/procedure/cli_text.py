"""`deelwijzer check-text [FILE|-] [--json]`: the language checker on the command line.

Exit status: 0 when the text was checked (with or without findings), 2 when the file
cannot be read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn, TextIO

from deelwijzer.procedure.language import LanguageFinding, LexiconError, check_text, load_lexicon
from deelwijzer.procedure.language.model import Lexicon

EXIT_OK = 0
EXIT_BAD_INPUT = 2

TIP = (
    "Tip: wat iemand letterlijk zei, zet je tussen aanhalingstekens; dat is een feit en "
    "wordt niet gemeld."
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"deelwijzer check-text: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="deelwijzer check-text",
        description="Zoekt interpretaties, meningen, veralgemeniseringen en diagnoses in een "
        "tekst (stap 1: R1.1, R1.2, R1.4).",
    )
    parser.add_argument("file", nargs="?", default="-", help="tekstbestand, of - voor stdin")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="MAP",
        help="extra map met lexiconbestanden van de organisatie (herhaalbaar)",
    )
    return parser


def _read(path: str, stdin: TextIO) -> str:
    if path == "-":
        return stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "geen leesbare UTF-8-tekst"
    if isinstance(exc, FileNotFoundError):
        return "bestand bestaat niet"
    if isinstance(exc, IsADirectoryError):
        return "dit is een map, geen bestand"
    if isinstance(exc, PermissionError):
        return "geen leesrechten"
    return getattr(exc, "strerror", None) or "leesfout"


def _human(text: str, findings: list[LanguageFinding]) -> str:
    if not findings:
        return "Geen interpretaties, meningen, veralgemeniseringen of diagnoses gevonden."
    count = len(findings)
    lines = [f"{count} {'plek' if count == 1 else 'plekken'} om naar te kijken:", ""]
    for finding in findings:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        lines.append(f"regel {line}, kolom {column}: '{finding.text}' ({finding.rule})")
        lines.append(f"    {finding.hint}")
    lines += ["", TIP]
    return "\n".join(lines)


def as_json(findings: list[LanguageFinding]) -> str:
    keys = ("rule", "category", "start", "end", "text", "hint")
    rows = [{key: getattr(f, key) for key in keys} for f in findings]
    return json.dumps({"findings": rows}, ensure_ascii=False, indent=2)


def check_text_main(argv: list[str], stdin: TextIO | None = None) -> int:
    """Run `check-text` with ``argv`` (without the command name); returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        text = _read(args.file, stdin or sys.stdin)
    except (OSError, UnicodeDecodeError) as exc:
        reason = _reason(exc)
        print(f"deelwijzer check-text: kan '{args.file}' niet lezen: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        lexicon: Lexicon | None = load_lexicon(args.lexicon) if args.lexicon else None
    except (LexiconError, OSError, UnicodeDecodeError) as exc:
        print(f"deelwijzer check-text: lexicon niet bruikbaar: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    findings = check_text(text, lexicon)
    print(as_json(findings) if args.json else _human(text, findings))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(check_text_main(sys.argv[1:]))
