"""Databases and a gunicorn server for the benchmarks, on this machine only.

PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth): a fresh database per run, dropped
afterwards. SQLite: a fresh var directory. gunicorn runs with production settings (as in
scripts/smoke_server.sh) and binds 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"]


def _psql(sql: str) -> None:
    subprocess.run([*PG_ADMIN, sql], check=True, capture_output=True)


@contextlib.contextmanager
def database(kind: str) -> Iterator[dict[str, str]]:
    """The environment for a fresh, empty database of ``kind`` (``postgresql``/``sqlite``)."""
    var_dir = tempfile.mkdtemp(prefix=f"deelwijzer-bench-{kind}-")
    env = {**os.environ, "DEELWIJZER_VAR_DIR": var_dir}
    env.pop("DATABASE_URL", None)
    name = os.environ.get("BENCH_PG_NAME") or (
        f"{os.environ.get('BENCH_DB_PREFIX') or 'deelwijzer_bench'}_{os.getpid()}"
    )
    if kind == "postgresql":
        _psql(f"DROP DATABASE IF EXISTS {name}")
        _psql(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        yield env
    finally:
        if kind == "postgresql":
            with contextlib.suppress(subprocess.CalledProcessError):
                _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(var_dir, ignore_errors=True)


def deelwijzer(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "deelwijzer"), *args], env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def json_on_fresh_sqlite(module: str) -> dict:
    """Run ``python -m <module>`` on a fresh, migrated SQLite database (attachments in its var
    folder) and return the JSON it prints."""
    import json
    import sys

    with database("sqlite") as env:
        deelwijzer(env, "migrate", "--noinput", "-v", "0")
        done = subprocess.run(
            [sys.executable, "-m", module],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
    return json.loads(done.stdout)


def seed(env: dict[str, str], scale: float) -> float:
    """Migrate and seed; returns the seconds the seeding took (migrations not counted)."""
    deelwijzer(env, "migrate", "--noinput", "-v", "0")
    started = time.monotonic()
    deelwijzer(env, "seed", "--scale", str(scale))
    return round(time.monotonic() - started, 1)


def production_env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "DEELWIJZER_SECURE": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        # secure mode needs its keys given (#17.10): those the seed made in the data directory
        "DEELWIJZER_KEY_FILE": str(Path(env["DEELWIJZER_VAR_DIR"]) / "encryption_keys"),
        "DEELWIJZER_AUDIT_KEY_FILE": str(Path(env["DEELWIJZER_VAR_DIR"]) / "audit_keys"),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers() -> int:
    return int(os.environ.get("BENCH_WORKERS") or 2 * (os.cpu_count() or 1) + 1)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *extra: str, count: int | None = None) -> Iterator[dict]:
    """A running gunicorn (production settings) on 127.0.0.1; yields its base URL and pid."""
    port = free_port()
    log = open(Path(env["DEELWIJZER_VAR_DIR"]) / "gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "deelwijzer.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(count or workers()),
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            *extra,
        ],
        env=production_env(env),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(port, process)
        yield {"base": f"http://127.0.0.1:{port}", "pid": process.pid, "log": log.name}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped during start-up; see its log")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within two minutes")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]
