"""Issue #23: a scheduled job started on two nodes at once runs once, and a run killed midway
is taken over by the next. Real processes (``python -m deelwijzer.cli``) on the test database,
PostgreSQL (advisory lock) or SQLite (a file lock: one machine, several processes)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.jobs.locks import LOCK_CLASS, _lock_path, lock_key
from deelwijzer.jobs.models import JobRun, RunStatus
from tests.cases.test_retention import TODAY, expired  # noqa: F401 - fixture
from tests.documents.test_reminders import DAY0, shared  # noqa: F401 - fixture
from tests.test_backup_restore import SRC, database_url

pytestmark = pytest.mark.django_db(transaction=True)


def start(*args: str, **env: str) -> subprocess.Popen:
    base = {k: v for k, v in os.environ.items() if k != "DEELWIJZER_EMAIL_FILE_DIR"}
    full = {**base, "DATABASE_URL": database_url(connection.settings_dict), "PYTHONPATH": SRC}
    return subprocess.Popen(
        [sys.executable, "-m", "deelwijzer.cli", *args],
        env={**full, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


PREPARED = """
import sys
import django
django.setup()
from deelwijzer.cli import main
import deelwijzer.cases.management.commands.purge  # noqa: F401
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main(sys.argv[1:]))
"""


def prepared(*args: str) -> subprocess.Popen:
    """A node's command with Django already loaded, started by ``go``: it takes its lock
    within a second, however slow the start of a Python process is on a busy machine (the
    first node meanwhile waits on the database, at most 20 s on SQLite)."""
    base = {k: v for k, v in os.environ.items() if k != "DEELWIJZER_EMAIL_FILE_DIR"}
    env = {
        **base,
        "DATABASE_URL": database_url(connection.settings_dict),
        "PYTHONPATH": SRC,
        "DJANGO_SETTINGS_MODULE": "deelwijzer.settings",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", PREPARED, *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def go(process: subprocess.Popen) -> str:
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.flush()
    return finish(process)


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def lock_taken(job: str) -> bool:
    """Whether some process holds the job's lock (seen from outside, without taking it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid::int = %s AND objid::int = %s AND objsubid = 2 "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                [LOCK_CLASS, lock_key(job)],
            )
            return cursor.fetchone()[0] > 0
    path = _lock_path(connection, job)
    if not path.exists():
        return False
    inode = f":{os.stat(path).st_ino} "
    return any(inode in line for line in Path("/proc/locks").read_text().splitlines())


def wait_for(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_purge_started_on_two_nodes_at_once_runs_once(expired):  # noqa: F811
    second_node = prepared("purge", "--today", TODAY.isoformat())
    with transaction.atomic():  # hold the case: the first node's purge waits midway
        Case.objects.select_for_update().filter(pk=expired.pk).first()
        first = start("purge", "--today", TODAY.isoformat())
        wait_for(lambda: lock_taken("purge"), "the first node to take the lock")
        second = go(second_node)
    assert "draait al op een andere node" in second
    assert "1 verlopen casus vernietigd" in finish(first)
    assert not Case.objects.filter(pk=expired.pk).exists()
    assert AuditEvent.objects.filter(action="case.purge").count() == 1
    runs = list(JobRun.objects.filter(job="purge").values_list("status", flat=True))
    assert runs == [RunStatus.OK]
    again = finish(start("purge", "--today", TODAY.isoformat()))  # a timer an hour later
    assert "al gedaan voor" in again and JobRun.objects.filter(job="purge").count() == 1


@pytest.fixture
def silent_mail_server():
    """An SMTP port that accepts a connection and never says a word: a hung mail server."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(120)  # the job should connect within seconds
    yield server
    server.close()


def test_a_run_killed_midway_is_taken_over_by_the_next(
    shared,  # noqa: F811
    silent_mail_server,
    tmp_path,
):
    today = (DAY0 + timedelta(days=15)).isoformat()  # the feedback is overdue: one e-mail
    hung = start(
        "reminders",
        "--today",
        today,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(silent_mail_server.getsockname()[1]),
    )
    held, _address = silent_mail_server.accept()  # the job is midway: sending its e-mail
    assert JobRun.objects.get(job="reminders").status == RunStatus.RUNNING
    hung.send_signal(signal.SIGKILL)
    hung.communicate(timeout=30)
    held.close()
    wait_for(lambda: not lock_taken("reminders"), "the dead node's lock to go")

    mail_dir = tmp_path / "mail"
    out = finish(start("reminders", "--today", today, DEELWIJZER_EMAIL_FILE_DIR=str(mail_dir)))
    assert "1 herinnering(en) verstuurd" in out and "1 afgebroken run(s) overgenomen" in out
    assert len(list(mail_dir.iterdir())) == 1
    runs = list(JobRun.objects.filter(job="reminders").values_list("status", flat=True))
    assert runs == [RunStatus.ABANDONED, RunStatus.OK]
    assert AuditEvent.objects.filter(action="job.abandoned").count() == 1

    out = finish(start("reminders", "--today", today, DEELWIJZER_EMAIL_FILE_DIR=str(mail_dir)))
    assert "al gedaan voor" in out and len(list(mail_dir.iterdir())) == 1  # no second e-mail


def test_open_findings_started_on_two_nodes_at_once_runs_once(personas):
    """The nightly judging of stale cases (hours after an upgrade at 100,000 cases) runs on
    one node; the timer of the other finds it busy and does nothing."""
    case = personas.case
    second_node = prepared("open-findings", "--stale-only")
    with transaction.atomic():  # hold the case: the first node waits midway, at keeping it
        Case.objects.select_for_update().filter(pk=case.pk).first()
        first = start("open-findings", "--stale-only")
        wait_for(lambda: lock_taken("open-findings"), "the first node to take the lock")
        second = go(second_node)
    assert "draait al op een andere node" in second
    judged = Case.objects.filter(status="open").count()
    assert f"{judged} open casussen beoordeeld" in finish(first)
    runs = list(JobRun.objects.filter(job="open-findings").values_list("status", flat=True))
    assert runs == [RunStatus.OK]
    assert AuditEvent.objects.filter(action="statistics.findings_refresh").count() == 1


def test_a_job_that_skips_only_on_request_says_how_to_run_it_again(db, capsys):
    """The operator walk: verify-audit --once-per-day skipped and said "Opnieuw: --again",
    an option verify-audit does not have."""
    from django.core.management import call_command

    for job in ("verify_audit", "open_findings"):  # open-findings lacked the option
        call_command(job, "--once-per-day")
        capsys.readouterr()
        call_command(job, "--once-per-day")
        said = capsys.readouterr().out
        assert "al gedaan voor" in said and "Opnieuw: zonder --once-per-day." in said


def test_verify_audit_against_a_checkpoint_folder_that_is_not_there_fails(db, tmp_path):
    """The operator walk: an unmounted write-once share read "OK … geen checkpoint gevonden"
    with exit code 0, so the daily alert stayed silent."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet of is geen map") as refused:
        call_command("verify_audit", "--checkpoint-dir", str(tmp_path / "worm"))
    assert refused.value.returncode == 2
    assert not JobRun.objects.filter(job="verify-audit").exists()


def test_an_operators_own_run_does_not_make_the_timer_skip_the_day(db, capsys):
    """The operator walk: verify-audit run by hand in the morning made that night's
    ``verify-audit --once-per-day`` (the timer, whose failure alerts) skip: the day was done."""
    from django.core.management import call_command

    for job, name in (("verify_audit", "verify-audit"), ("open_findings", "open-findings")):
        call_command(job)  # by hand
        call_command(job, "--once-per-day")  # the timer: still runs
        capsys.readouterr()
        call_command(job, "--once-per-day")  # the timer again (another node): skips
        assert "al gedaan voor" in capsys.readouterr().out
        runs = JobRun.objects.filter(job=name, status=RunStatus.OK)
        assert [run.scheduled for run in runs] == [False, True]
