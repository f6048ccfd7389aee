"""Fail when a user-facing string is not in locale/nl (run `make messages` to fix)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "deelwijzer"
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MSGID = re.compile(r'^msgid "(.*)"$')


def msgids(po: Path) -> set[str]:
    ids: set[str] = set()
    current: list[str] | None = None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        match = MSGID.match(line)
        if match:
            current = [match.group(1)]
        elif current is not None and line.startswith('"'):
            current.append(line[1:-1])
        elif current is not None:
            ids.add("".join(current))
            current = None
    ids.discard("")
    return ids


def main() -> int:
    if shutil.which("xgettext") is None:
        print("xgettext not found: install gettext (apt-get install gettext)", file=sys.stderr)
        return 2
    if not CATALOGUE.exists():
        print(f"missing {CATALOGUE}: run `make messages`", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "deelwijzer"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-location"],
            cwd=copy,
            check=True,
            capture_output=True,
            env={"DJANGO_SETTINGS_MODULE": "deelwijzer.settings", "PATH": "/usr/bin:/bin"},
        )
        fresh = msgids(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    missing = sorted(fresh - msgids(CATALOGUE))
    if missing:
        print(f"{len(missing)} message(s) not in locale/nl; run `make messages`:", file=sys.stderr)
        for text in missing[:20]:
            print(f"  {text}", file=sys.stderr)
        return 1
    print(f"messages: all {len(fresh)} extracted into locale/nl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
