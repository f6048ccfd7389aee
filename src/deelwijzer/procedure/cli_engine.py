"""The engine's commands: ``deelwijzer evaluate FILE|- [--json]`` and ``deelwijzer schema``.

``evaluate`` exits 0 whenever the file is valid (whatever the findings) and 2 when it is not,
with one problem per line on standard error; never a traceback, also not for a file that
cannot be read or is no JSON. Also runnable as ``python -m deelwijzer.procedure.cli_engine``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from deelwijzer.procedure.casefile import CaseFile, CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Evaluation
from deelwijzer.procedure.validation import load_schema

INVALID = 2

STEP_NAMES = {
    1: "Signalen beschrijven",
    2: "Advies vragen",
    3: "Gesprek met jongere en/of ouders",
    4: "Risico's taxeren",
    5: "Beslissen over extern delen",
    6: "Welke informatie, met wie",
}
STATUS_NL = {
    "complete": "compleet",
    "incomplete": "onvolledig",
    "not_started": "nog niet begonnen",
    "not_applicable": "niet van toepassing",
}
KIND_NL = {"violation": "overtreding", "missing": "ontbreekt", "warning": "let op"}
GROUND_NL = {
    "consent": "de jongere gaf toestemming (R5.1)",
    "serious_risk_only_way": "er is een concreet, ernstig risico en delen is de enige weg (R5.2)",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports errors as a return value instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CaseFileError([f"{self.prog}: {message}"])


def read_input(name: str, stdin: TextIO | None = None) -> Any:
    """Read and parse the JSON file ``name`` ('-' is standard input); raise CaseFileError."""
    try:
        if name == "-":
            text = (stdin or sys.stdin).read()
        else:
            with open(name, encoding="utf-8-sig") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CaseFileError([f"{name}: cannot read the file: {reason}"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise CaseFileError([f"$: not valid JSON: {exc.msg} ({where})"]) from None
    except RecursionError:
        raise CaseFileError(["$: not valid JSON: nested too deeply"]) from None


def format_human(cf: CaseFile, ev: Evaluation) -> str:
    lines = [f"Casus {cf.youth.pseudonym}: leeftijd {ev.age} jaar", "", "Stappen"]
    for n, step in sorted(ev.steps.items()):
        lines.append(f"  {n}. {STEP_NAMES[n]:<34} {STATUS_NL[step.status]}")
    lines += ["", "Extern delen"]
    if ev.sharing.allowed and ev.sharing.ground:
        lines.append(f"  Nu toegestaan: {GROUND_NL[ev.sharing.ground]}.")
    else:
        lines.append(
            "  Nu niet toegestaan: geen toestemming van de jongere, en geen concreet, ernstig "
            "risico waarvoor delen de enige weg is."
        )
    lines += ["", f"Bevindingen ({len(ev.findings)})" if ev.findings else "Geen bevindingen."]
    for f in ev.findings:
        refs = f" [{', '.join(f.refs)}]" if f.refs else ""
        lines.append(f"  - {KIND_NL[f.kind]}: {f.message}{refs}")
    return "\n".join(lines)


def evaluate_main(argv: list[str], stdin: TextIO | None = None) -> int:
    """``evaluate FILE|- [--json]``; returns the exit status."""
    parser = _Parser(prog="deelwijzer evaluate", description="Toets een casusbestand.")
    parser.add_argument("file", help="het casusbestand (JSON), of - voor standaardinvoer")
    parser.add_argument("--json", action="store_true", help="uitvoer als deelwijzer-evaluation/1")
    try:
        args = parser.parse_args(argv)
        cf = load_casefile(read_input(args.file, stdin))
    except CaseFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return INVALID
    ev = evaluate(cf)
    if args.json:
        _emit(json.dumps(ev.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(format_human(cf, ev))
    return 0


def _emit(text: str) -> None:
    """Print; a reader that stops early (``| head``) is not an error worth a traceback."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def schema_main(argv: list[str]) -> int:
    """``schema [--evaluation]``: print the published JSON Schema."""
    parser = _Parser(prog="deelwijzer schema", description="Toon het JSON Schema.")
    parser.add_argument(
        "--evaluation",
        action="store_true",
        help="het schema van de evaluatie in plaats van de casus",
    )
    try:
        args = parser.parse_args(argv)
    except CaseFileError as exc:
        print(*exc.problems, sep="\n", file=sys.stderr)
        return INVALID
    name = "evaluation-1.json" if args.evaluation else "casefile-1.json"
    _emit(json.dumps(load_schema(name), ensure_ascii=False, indent=2))
    return 0


COMMANDS = {"evaluate": evaluate_main, "schema": schema_main}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(
            "usage: python -m deelwijzer.procedure.cli_engine evaluate|schema ...", file=sys.stderr
        )
        return INVALID
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
