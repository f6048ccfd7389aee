"""Which program judged a case: the stamp on what is kept of a judgement between requests.

A kept case file and evaluation (cases.snapshots) and the summary of a case's open findings
(cases.findings) hold for the program that made them: an upgrade may change the rules, the
case file's sections or what they read. So each carries ``program()``, and what another
version made counts as not kept: after an upgrade, and on a node that still runs the other
version during a rolling one.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def source_digest(root: Path) -> str:
    """A digest of every Python file below ``root``, by path and content."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def program() -> str:
    """The installed version and a digest of the package's Python source, 16 hex digits.
    Read once per process (about 30 ms; gunicorn's master reads it before the fork)."""
    try:
        version = metadata.version("deelwijzer")
    except metadata.PackageNotFoundError:
        version = ""
    return hashlib.sha256(f"{version}:{source_digest(PACKAGE_DIR)}".encode()).hexdigest()[:16]
