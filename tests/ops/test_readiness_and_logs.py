"""Issue #23: /readyz beside /healthz, JSON logs with a request id carried through."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest
from django.db import connection
from django.test import Client

from deelwijzer.ops.logs import JsonFormatter
from deelwijzer.ops.requestid import HEADER, RequestIdFilter
from tests.test_backup_restore import SRC

READ = (
    "from django.test import Client; r = Client().get('/readyz'); print(r.status_code, r.content)"
)


def ask_readyz(tmp_path, database_url: str, **env: str) -> str:
    """/readyz in a process of its own, with the database and deduce cache given."""
    done = subprocess.run(
        [sys.executable, "-m", "deelwijzer.cli", "shell", "-c", READ],
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": SRC,
            "DATABASE_URL": database_url,
            "DEELWIJZER_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_ready_when_database_migrations_and_deduce_are_there(db):
    response = Client().get("/readyz")
    assert response.status_code == 200 and response.content == b"ready"
    assert Client().post("/readyz").status_code == 405


def test_not_ready_on_an_unmigrated_database_without_deduce(tmp_path):
    answer = ask_readyz(
        tmp_path,
        f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        DEELWIJZER_DEDUCE_CACHE=str(tmp_path / "no-deduce"),
    )
    assert answer.startswith("503 ") and "not applied" in answer
    assert "deduce: DeduceNotBuiltError" in answer


def test_not_ready_when_the_database_does_not_answer(tmp_path):
    answer = ask_readyz(
        tmp_path,
        "postgres://postgres@127.0.0.1:1/nergens",
        DEELWIJZER_DEDUCE_CACHE=str(tmp_path / "no-deduce"),
    )
    assert answer.startswith("503 ") and "database: OperationalError" in answer
    assert "nergens" not in answer  # names the check, not the setup


@pytest.fixture
def json_lines():
    """A handler as settings.LOGGING makes it with DEELWIJZER_LOG_JSON=1, on django.request."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def test_the_balancers_request_id_reaches_the_log_and_the_answer(db, json_lines):
    response = Client().get("/bestaat-niet/", headers={HEADER: "a1b2c3-7"})
    assert response.status_code == 404 and response[HEADER] == "a1b2c3-7"
    line = json.loads(json_lines[-1])
    assert line["request_id"] == "a1b2c3-7" and line["level"] == "WARNING"
    assert line["message"] == "Not Found: /bestaat-niet/" and line["status_code"] == 404


def test_a_request_id_that_is_not_one_is_replaced(db, json_lines):
    response = Client().get("/bestaat-niet/", headers={HEADER: 'x" onmouseover=alert(1)'})
    made = response[HEADER]
    assert len(made) == 32 and int(made, 16) >= 0
    assert json.loads(json_lines[-1])["request_id"] == made


def test_each_request_gets_its_own_id(db):
    first, second = (Client().get("/healthz")[HEADER] for _ in range(2))
    assert first != second


def test_json_logs_are_on_in_production_settings(tmp_path):
    show = "from django.conf import settings; print(settings.LOGGING['handlers']['console'])"
    production = {
        "DEELWIJZER_SECURE": "1",
        "SECRET_KEY": "x" * 50,
        "DEELWIJZER_KEYS": "k1:" + "A" * 43 + "=",
        "DEELWIJZER_AUDIT_KEYS": "a1:" + "A" * 43 + "=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    for extra, formatter in [({}, "json"), ({"DEELWIJZER_LOG_JSON": "0"}, "plain")]:
        done = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {show}"],
            env={
                "PATH": "/usr/bin:/bin",
                "PYTHONPATH": SRC,
                "DJANGO_SETTINGS_MODULE": "deelwijzer.settings",
                "DEELWIJZER_VAR_DIR": str(tmp_path),
                **production,
                **extra,
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert f"'formatter': '{formatter}'" in done.stdout


def test_healthz_still_needs_no_database(db):
    with connection.execute_wrapper(lambda *a: pytest.fail("healthz queried the database")):
        assert Client().get("/healthz").status_code == 200
