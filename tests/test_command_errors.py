"""Deelwijzer's own commands never show a traceback for something the operator can fix: a
database that is not migrated yet, a case that does not exist, a path that cannot be written,
a file that is missing. Each prints one clear line and ends with exit code 2."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import deelwijzer

SRC = str(Path(deelwijzer.__file__).resolve().parent.parent)
UNWRITABLE = "/proc/deelwijzer-kan-hier-niet.backup"  # not writable, not even for root


def _console(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """``deelwijzer ARGS`` in a new process, on a new, empty SQLite database in var_dir."""
    env = {**os.environ, "DEELWIJZER_VAR_DIR": str(var_dir), "PYTHONPATH": SRC}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "deelwijzer.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _exit_code(*args: str) -> tuple[int, str]:
    try:
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, ""


@pytest.mark.parametrize(
    "args",
    [
        ["demo-code", "mentor"],
        ["demo"],
        ["export-case", "--case", "1"],
        ["verify-audit"],
        ["verify-attachments"],
        ["purge", "--dry-run"],
        ["reminders"],
        ["open-findings", "--organisation", "1"],  # a job that reads the database first
        ["create-organisation", "--name", "X", "--admin-email", "x@example.nl"],
        ["create-token", "iemand", "--name", "X"],
    ],
)
def test_an_unmigrated_database_gives_a_message_and_exit_2(tmp_path, args):
    done = _console(tmp_path, *args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "nog niet ingericht" in done.stderr and "deelwijzer migrate" in done.stderr


def test_after_migrate_the_same_database_works(tmp_path):
    assert _console(tmp_path, "migrate", "-v", "0").returncode == 0
    done = _console(tmp_path, "verify-audit")
    assert done.returncode == 0 and done.stdout.startswith("OK"), done.stderr
    unknown = _console(tmp_path, "demo-code", "mentor")  # migrated, but no demo loaded
    assert unknown.returncode == 2 and "geen demo-account" in unknown.stderr
    assert "Traceback" not in unknown.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("args", [["clear_sessions"], ["purge", "--dry-run"]])
def test_a_job_checks_the_migrations_once(monkeypatch, args):
    """A job (commandbase.JobCommand) checks the migrations before its lock and record, and
    the command it then runs does not check them again (each check loads every migration)."""
    from deelwijzer import commandbase

    checks = []
    real = commandbase.unapplied_migrations
    monkeypatch.setattr(
        commandbase, "unapplied_migrations", lambda *a: checks.append(a) or real(*a)
    )
    call_command(*args, stdout=io.StringIO())
    assert len(checks) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export_case", "--case", "999999"], "Geen casus met nummer of pseudoniem '999999'"),
        (["export_case", "--case", "J-BESTAAT-NIET"], "Geen casus"),
        (["backup", UNWRITABLE], "niet schrijven"),
        (["restore", "/tmp/deelwijzer-bestaat-niet.backup"], "bestaat niet"),
        (["reminders", "--today", "morgen"], "JJJJ-MM-DD"),
        (["purge", "--today", "1-2-2026"], "JJJJ-MM-DD"),
        (["demo_code", "iemand"], "geen demo-account"),
        # every problem in one run: the case or organisation, and the folder to write to
        (
            ["export_case", "--case", "J-NIET", "--output", "/deelwijzer-geen-map/casus.json"],
            "Geen casus met nummer of pseudoniem 'J-NIET'. De map /deelwijzer-geen-map bestaat",
        ),
        (
            ["transfer_keygen", "--organisation", "Geen School", "--output-dir", "/dw-geen-map"],
            "Er is geen organisatie 'Geen School'. /dw-geen-map is geen map.",
        ),
    ],
)
def test_bad_input_gives_a_message_and_exit_2(args, message):
    code, text = _exit_code(*args)
    assert code == 2 and message in text, text


def test_an_unwritable_export_path_gives_exit_2(personas):
    code, text = _exit_code(
        "export_case", "--case", str(personas.case.pk), "--output", "/proc/casus.json"
    )
    assert code == 2 and "niet schrijven" in text


def test_a_pseudonym_two_organisations_use_asks_for_the_number(personas):
    """#17.3: a pseudonym is unique per organisation only, so the CLI cannot pick one."""
    from tests.personas import open_case

    open_case(personas.stranger, personas.other_organisation, personas.case.pseudonym)
    code, text = _exit_code("export_case", "--case", personas.case.pseudonym)
    assert code == 2 and "geef het nummer van de casus" in text, text


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path):
    """`deelwijzer pseudonymise ... | head -1` printed a BrokenPipeError traceback."""
    text = tmp_path / "signaal.txt"
    text.write_text("Hij zei gisteren dat muziek haram is.\n", encoding="utf-8")
    env = {**os.environ, "DEELWIJZER_VAR_DIR": str(tmp_path), "PYTHONPATH": SRC}
    with subprocess.Popen(
        [sys.executable, "-m", "deelwijzer.cli", "check-text", str(text)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        process.stdout.close()  # before the command writes: every write meets a closed pipe
        errors = process.stderr.read().decode()
        status = process.wait(timeout=120)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert status == 0


@pytest.mark.parametrize("command", ["create-organisation", "grant-role", "verify-audit"])
def test_usage_names_the_command_as_it_is_typed(tmp_path, command):
    """The operator walk: ``deelwijzer create-organisation`` without options answered with a
    usage line for ``deelwijzer create_organisation``, a command that does not exist."""
    done = _console(tmp_path, command, "--geen-optie")
    assert done.returncode == 2
    assert f"usage: deelwijzer {command} " in done.stderr
    assert f"deelwijzer {command}: error:" in done.stderr
