"""docs/architecture.md names real things: every path and every dotted name in backticks exists,
its relative links resolve, and its list of import arrows has one entry per import-linter
contract in pyproject.toml (and names every module a contract names)."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
TEXT = DOC.read_text(encoding="utf-8")
SPANS = re.findall(r"`([^`\n]+)`", TEXT)
PATHS = [s for s in SPANS if s.startswith(("src/", "tests/"))]
NAMES = [s for s in SPANS if re.fullmatch(r"deelwijzer(\.\w+)+", s)]


def path_exists(path: str) -> bool:
    if "*" in path:
        return any(ROOT.glob(path))
    return (ROOT / path.rstrip("/")).exists()


def resolves(dotted: str) -> bool:
    """The longest importable module prefix, then attributes for the rest."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def test_the_checks_can_fail():
    assert resolves("deelwijzer.risks.views.risk_add")
    assert not resolves("deelwijzer.risks.views.no_such_view")
    assert not resolves("deelwijzer.no_such_module.thing")
    assert path_exists("src/deelwijzer/risks/models.py")
    assert not path_exists("src/deelwijzer/risks/no_such_file.py")
    assert not path_exists("src/deelwijzer/risks/no_such_*.py")


def test_the_doc_names_enough_to_be_checked():
    # a change to the pattern that found nothing would make the tests below pass on nothing
    assert len(PATHS) > 40
    assert len(NAMES) > 40


def test_every_path_in_backticks_exists():
    assert [p for p in PATHS if not path_exists(p)] == []


def test_every_dotted_name_in_backticks_exists():
    assert [n for n in NAMES if not resolves(n)] == []


def test_every_relative_link_resolves():
    links = re.findall(r"\]\(([^)#:]+)\)", TEXT)
    assert links
    assert [link for link in links if not (DOC.parent / link).exists()] == []


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _arrows_section() -> str:
    return TEXT.split("## The arrows allowed", 1)[1].split("\n## ", 1)[0]


def test_one_numbered_arrow_per_import_contract():
    numbered = re.findall(r"^\d+\. \*\*", _arrows_section(), flags=re.MULTILINE)
    assert len(numbered) == len(_contracts())


def test_every_module_a_contract_names_is_in_the_arrows():
    section = _arrows_section()
    named = set()
    for contract in _contracts():
        for key in ("layers", "source_modules", "forbidden_modules"):
            for entry in contract.get(key, []):
                named.update(m.strip() for m in entry.split("|"))
    short = {m.removeprefix("deelwijzer.") for m in named}
    missing = [
        m for m in sorted(short) if f"`{m}`" not in section and f"`deelwijzer.{m}`" not in section
    ]
    assert missing == []
