"""The restore drill (NEN 7510 / BIO 12.3.1, ASVS V14.2): back up, restore into an empty
database, and prove the copy is whole: migrations current, every table's row count equal,
the audit chain intact, every encrypted field decrypts (ASVS V11.2.1, NEN 7510 10.1.2) and
a restore with the wrong keys is reported at once.

Runs on whichever database the suite runs on (SQLite file or PostgreSQL server) through the
real ``deelwijzer`` command in a subprocess, so the test data must be committed: a
transactional test. The subprocesses use the same key file as this process.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import deelwijzer
from deelwijzer import crypto
from deelwijzer.cases.services import case_view
from tests.cases.test_retention import all_table_counts, fill_every_case_model

pytestmark = pytest.mark.django_db(transaction=True)
SRC = str(Path(deelwijzer.__file__).resolve().parent.parent)  # the code under test, also there


def database_url(settings_dict: dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings_dict['NAME']).absolute()}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def cli(url: str, *args: str, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": SRC, **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "deelwijzer.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[dict]:
    """A new, empty database next to the test database; PostgreSQL's is dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{source['NAME']}_restored"
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        yield {**source, "NAME": name}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


COUNT_ROWS = """
import io
import json
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(table))
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""


DECRYPTED = """
import json
from django.db import connection
from deelwijzer import crypto
from deelwijzer.cases.encryption import encrypted_tables
out = {}
with connection.cursor() as cursor:
    for table, (pk, columns) in encrypted_tables().items():
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {pk}")
        out[table] = [
            [crypto.decrypt(v, context=f"{table}.{c}") if v else v for c, v in zip(columns, row)]
            for row in cursor.fetchall()
        ]
print(json.dumps(out))
"""


RUNS = """
from deelwijzer.jobs.models import JobRun
for run in JobRun.objects.all():
    print(f"{run.job}:{run.status}")
"""


def decrypted_in(settings_dict: dict | None) -> dict[str, list]:
    """Every encrypted value, decrypted (in this process for None, else through DATABASE_URL)."""
    if settings_dict is None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(DECRYPTED, {})  # noqa: S102 - our own script, the same one the subprocess runs
        return json.loads(out.getvalue())
    done = cli(database_url(settings_dict), "shell", "-c", DECRYPTED)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def counts_in(settings_dict: dict) -> dict[str, int]:
    """Every table's row count, read by a separate process through DATABASE_URL."""
    done = cli(database_url(settings_dict), "shell", "-c", COUNT_ROWS)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def recorded(personas):
    """A case with an entry in every step model and a few audited reads."""
    fill_every_case_model(personas.case, personas.professional)
    for need in ("view", "identity"):
        case_view(actor=personas.professional, case_id=personas.case.pk, need=need)
    return personas


def test_restore_drill_into_an_empty_database(recorded, tmp_path):
    source_url = database_url(connection.settings_dict)
    assert call_command("audit_checkpoint", stdout=io.StringIO()) is None  # signed, outside
    dump = tmp_path / "deelwijzer.backup"
    made = cli(source_url, "backup", str(dump))
    assert made.returncode == 0, made.stderr
    assert dump.stat().st_mode & 0o077 == 0  # readable by its owner only
    before = all_table_counts()
    assert before["audit_auditevent"] >= 4 and before["cases_youth"] == 2

    with empty_database(tmp_path) as target:
        url = database_url(target)
        restored = cli(url, "restore", str(dump))
        assert restored.returncode == 0, restored.stderr
        check = cli(url, "migrate", "--check")
        assert check.returncode == 0, check.stdout + check.stderr
        # The dump is made inside the backup's own job run (jobs/services.py): it holds that
        # run as "running" with its job.start event. The restore closes that run, as the
        # backup did (job.run): it ended, the file exists. Left "running", the next backup
        # marked it "abandoned", a failure in the metrics that never happened.
        assert counts_in(target) == before
        runs = cli(url, "shell", "-c", RUNS)
        assert runs.stdout.strip().splitlines()[-1] == "backup:ok", runs.stdout + runs.stderr
        verified = cli(url, "verify-audit")
        assert verified.returncode == 0, verified.stderr
        checked = before["audit_auditevent"] + 1  # and verify-audit's own job.start
        assert f"OK: {checked} audit events" in verified.stdout
        assert "Held against 1 signed checkpoint" in verified.stdout  # the restore is whole
        assert "versleutelde waarden ontsleuteld" in restored.stdout
        decrypted = decrypted_in(target)
        assert decrypted == decrypted_in(None)
        youth = ["Yusuf Bakker", "2011-03-14", '["Kastanjelaan 14", "klas 3B", "@yusuf_b"]']
        assert youth in decrypted["cases_youth"]

        wrong_key = {"DEELWIJZER_KEYS": crypto.new_key_line("k-andere")}
        other = cli(url, "restore", "--force", str(dump), extra_env=wrong_key)
        assert other.returncode == 1 and "Traceback" not in other.stderr
        assert crypto.keyring().current_id in other.stderr and "sleutelbestand" in other.stderr
        assert "deelwijzer restore --force" in other.stderr  # what to do (no "check" command)

        again = cli(url, "restore", str(dump))
        assert again.returncode == 1
        assert "niet leeg" in again.stderr and "--force" in again.stderr
        assert "Traceback" not in again.stderr
        forced = cli(url, "restore", "--force", str(dump))
        assert forced.returncode == 0, forced.stderr
        assert counts_in(target) == before


def run_command(*args: str) -> tuple[int, str]:
    """The management command in this process: its exit code and its message."""
    try:
        call_command(*args, stdout=io.StringIO())
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, ""


def test_bad_paths_exit_2_with_a_message(tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("geen back-up")
    for command, path, message in [
        ("backup", tmp_path / "no-such-dir" / "x.backup", "bestaat niet"),
        ("backup", tmp_path, "is een map"),
        ("restore", tmp_path / "missing.backup", "bestaat niet"),
        ("restore", not_a_backup, "is geen"),
    ]:
        code, text = run_command(command, str(path))
        assert code == 2 and message in text, (command, path, text)


def test_the_console_command_shows_no_traceback(tmp_path):
    done = cli(database_url(connection.settings_dict), "restore", str(tmp_path / "missing"))
    assert done.returncode == 2
    assert "bestaat niet" in done.stderr and "Traceback" not in done.stderr


def test_backup_never_overwrites_without_force(tmp_path):
    dump = tmp_path / "one.backup"
    dump.write_bytes(b"earlier backup")
    code, text = run_command("backup", str(dump))
    assert code == 2 and "--force" in text
    assert dump.read_bytes() == b"earlier backup"
    assert run_command("backup", "--force", str(dump)) == (0, "")
    assert dump.read_bytes() != b"earlier backup"


def test_backup_and_restore_carry_the_attachments(personas, tmp_path, settings):
    """Issue 19: the attachments' files go into the backup beside the database and come back
    into an empty store on restore; verify-attachments then finds each one whole."""
    from datetime import date

    from deelwijzer.attachments.services import Upload, attachment_add
    from deelwijzer.signalling.models import SignalKind, SourceKind
    from deelwijzer.signalling.services import SignalInput, signal_add
    from tests.attachments.helpers import jpeg_with_gps

    source_dir, target_dir = tmp_path / "bijlagen", tmp_path / "teruggezet"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(source_dir)},
        },
    }
    signal = signal_add(
        actor=personas.professional,
        case_id=personas.case.pk,
        data=SignalInput(
            kind=SignalKind.SIGNAL,
            observed_on=date(2026, 3, 3),
            text="Hij liet een tekening zien.",
            source_kind=SourceKind.OWN_OBSERVATION,
        ),
    )
    for data, name in ((jpeg_with_gps(), "foto.jpg"), (b"opstel\n", "opstel.txt")):
        attachment_add(
            actor=personas.professional,
            case_id=personas.case.pk,
            entry_kind="signal",
            entry_key=signal.key,
            upload=Upload(name, data, "wat het laat zien", date(2026, 3, 3)),
        )
    stored = sorted(p.relative_to(source_dir) for p in source_dir.rglob("*") if p.is_file())
    assert len(stored) == 3  # the photo, its thumbnail, the text

    dump = tmp_path / "deelwijzer.backup"
    made = cli(
        database_url(connection.settings_dict),
        "backup",
        str(dump),
        extra_env={"DEELWIJZER_ATTACHMENTS_DIR": str(source_dir)},
    )
    assert made.returncode == 0, made.stderr
    assert "Bijlagen: 3 bestanden" in made.stdout
    carried = dump.with_name(dump.name + ".bijlagen.tar")
    assert carried.stat().st_mode & 0o077 == 0
    with empty_database(tmp_path) as target:
        url = database_url(target)
        env = {"DEELWIJZER_ATTACHMENTS_DIR": str(target_dir)}
        restored = cli(url, "restore", str(dump), extra_env=env)
        assert restored.returncode == 0, restored.stderr
        assert "3 bestanden van bijlagen teruggezet" in restored.stdout
        back = sorted(p.relative_to(target_dir) for p in target_dir.rglob("*") if p.is_file())
        assert back == stored
        for name in stored:
            assert (target_dir / name).read_bytes() == (source_dir / name).read_bytes()
        verified = cli(url, "verify-attachments", extra_env=env)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "OK: 3 bestanden gecontroleerd" in verified.stdout
