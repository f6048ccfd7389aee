"""#23: on PostgreSQL the server binds the parameters and prepares a statement once it has run
more than five times on a kept connection, so that the queries every page repeats are not parsed and
planned again (settings._database; measured in bench/README.md). DB_PREPARED_STATEMENTS=0
turns preparing off, for a pooler in transaction mode."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from deelwijzer import settings
from deelwijzer.accounts.models import User

POSTGRES_URL = "postgres://deelwijzer@db.internal:5432/deelwijzer?sslmode=verify-full"


def _prepared(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [f'%"{table}"%'],
        )
        return cursor.fetchone()[0]


def test_a_query_run_a_sixth_time_is_prepared_on_postgresql(db):
    user = User.objects.create_user(username="prepared", password="x-unused-9876")
    if connection.vendor != "postgresql":  # SQLite: nothing is prepared, nothing is set
        assert "prepare_threshold" not in connection.settings_dict["OPTIONS"]
        return
    assert _prepared("accounts_user") == 0
    for _ in range(5):
        User.objects.filter(pk=user.pk).values_list("username", flat=True).get()
    assert _prepared("accounts_user") == 0  # five runs: still parsed and planned each time
    User.objects.filter(pk=user.pk).values_list("username", flat=True).get()
    assert _prepared("accounts_user") == 1


def test_the_setting_follows_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    monkeypatch.delenv("DB_PREPARED_STATEMENTS", raising=False)
    options = settings._database()["OPTIONS"]
    expected = {"sslmode": "verify-full", "server_side_binding": True, "prepare_threshold": 5}
    assert options == expected
    monkeypatch.setenv("DB_PREPARED_STATEMENTS", "0")
    assert settings._database()["OPTIONS"]["prepare_threshold"] is None
    monkeypatch.setenv("DB_PREPARED_STATEMENTS", "soms")
    with pytest.raises(ImproperlyConfigured, match="DB_PREPARED_STATEMENTS must be 1/0"):
        settings._database()


def test_sqlite_gets_no_postgresql_options(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert "prepare_threshold" not in settings._database().get("OPTIONS", {})


@pytest.mark.parametrize("url", [None, "sqlite:////tmp/elders.sqlite3"])
def test_sqlite_writers_wait_their_turn_whichever_file(monkeypatch, url):
    """The API walk: with DATABASE_URL=sqlite:///… four corrections at once gave one 200 and
    three 500s ("database is locked"); the default file waited and gave 409s."""
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    options = settings._database()["OPTIONS"]
    assert options["timeout"] == 20 and options["transaction_mode"] == "IMMEDIATE"


def test_a_relay_with_a_login_is_configured_from_the_environment(tmp_path):
    """The operator walk: no SMTP login or TLS could be set, so a hosted mail service needed
    a local relay first."""
    import subprocess
    import sys

    from tests.test_deploy_check import SRC

    show = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_PORT)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": SRC,
        "DEELWIJZER_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "deelwijzer.settings",
        "EMAIL_HOST_USER": "deelwijzer@school.nl",
        "EMAIL_HOST_PASSWORD": "geheim",
        "EMAIL_USE_TLS": "1",
        "EMAIL_PORT": "587",
    }
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.split() == ["deelwijzer@school.nl", "geheim", "True", "587"], done.stderr
    both = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "EMAIL_USE_SSL": "1"}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert both.returncode != 0 and "not both" in both.stderr
