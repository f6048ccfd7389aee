"""Which Python ``make install`` makes ``.venv`` with: the distribution's ``/usr/bin/python3``
where it is 3.11 or newer and can make a virtualenv, else ``python3`` on the PATH; ``PYTHON=``
chooses another (issue #23: on these machines the same pages take about a quarter less
processor time on Debian's build than on pyenv's; docs/deployment.md section 1)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM = Path("/usr/bin/python3")


def _venv_command(tmp_path: Path, *overrides: str) -> str:
    """The command ``make install`` would make the virtualenv with (``make -n``: nothing runs)."""
    venv = tmp_path / "venv"
    run = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "install", f"VENV={venv}", *overrides],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    line = next(line for line in run.stdout.splitlines() if "-m venv" in line)
    return line.split("||", 1)[1].strip()


def _can_make_a_venv(python: Path) -> bool:
    if not python.exists():
        return False
    run = subprocess.run(
        [str(python), "-c", "import sys, ensurepip, venv; print(sys.version_info >= (3, 11))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return run.stdout.strip() == "True"


def test_the_distributions_python_when_it_can_make_a_virtualenv(tmp_path):
    expected = str(SYSTEM) if _can_make_a_venv(SYSTEM) else "python3"
    assert _venv_command(tmp_path) == f"{expected} -m venv {tmp_path / 'venv'}"


def test_python_on_the_path_without_a_usable_distribution_python(tmp_path):
    assert _venv_command(tmp_path, "SYSTEM_PYTHON=") == f"python3 -m venv {tmp_path / 'venv'}"


def test_python_chosen_on_the_command_line(tmp_path):
    command = _venv_command(tmp_path, "PYTHON=/opt/python-3.12/bin/python3")
    assert command == f"/opt/python-3.12/bin/python3 -m venv {tmp_path / 'venv'}"
