"""docs/security.md names a test for each requirement: every named test file, folder and test
function must exist, and a row without a test must say **open**."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
_REFERENCE = re.compile(r"(tests/[\w/.]+)|::(\w+)")


def _requirement_rows() -> list[tuple[str, str]]:
    """(requirement, test cell) of each row of the table under 'Requirements and tests'."""
    section = DOC.read_text(encoding="utf-8").split("## Requirements and tests", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in {"Requirement", "---"}:
            rows.append((cells[0], cells[2]))
    return rows


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def _problems(requirement: str, cell: str) -> list[str]:
    problems, current = [], None
    for path_text, name in _REFERENCE.findall(cell):
        if path_text:
            current = ROOT / path_text
            if not current.exists():
                problems.append(f"{requirement}: {path_text} does not exist")
        elif current is None or current.suffix != ".py":
            problems.append(f"{requirement}: ::{name} follows no test file")
        elif current.exists() and name not in _functions(current):
            problems.append(f"{requirement}: {current.relative_to(ROOT)}::{name} does not exist")
    if not _REFERENCE.search(cell) and "**open**" not in cell:
        problems.append(f"{requirement}: names no test and is not marked **open**")
    return problems


def test_every_test_named_in_the_requirements_table_exists():
    rows = _requirement_rows()
    assert len(rows) > 20  # the table was found and read
    problems = [problem for requirement, cell in rows for problem in _problems(requirement, cell)]
    assert problems == []


def test_the_check_itself_catches_a_missing_test_and_an_unmarked_row():
    cell = "tests/accounts/test_two_factor.py::test_a_replayed_totp_code_fails, ::no_such_test"
    assert _problems("X", cell) == [
        "X: tests/accounts/test_two_factor.py::no_such_test does not exist"
    ]
    assert _problems("Y", "tests/nowhere.py") == ["Y: tests/nowhere.py does not exist"]
    assert _problems("Z", "settings only") == ["Z: names no test and is not marked **open**"]
    assert _problems("W", "settings (no own test: **open**)") == []
