"""procedure/ is the werkwijze as code: it must never import Django (DESIGN.md)."""

import ast
from pathlib import Path

PROCEDURE = Path(__file__).resolve().parent.parent / "src" / "deelwijzer" / "procedure"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_procedure_imports_no_django():
    files = list(PROCEDURE.rglob("*.py"))
    assert files, "procedure package has no modules"
    offenders = {
        str(path.relative_to(PROCEDURE)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "django"
        )
        for path in files
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_purity_check_catches_a_django_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\nimport os\n")
    assert "django.db" in imported_modules(module)
