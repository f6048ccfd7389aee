"""The lock that lets one node at a time run a job (issue #23, docs/deployment.md).

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on the job's name. It is
held by the database connection, so the server drops it the moment the process holding it
dies, however it dies (SIGKILL, a lost node): a crashed run never blocks the next one.

SQLite: the database is one file on one machine, so "several nodes" can only mean several
processes on that machine (two timers, a timer and an operator). The lock is an exclusive
``flock`` on a file beside the database; the kernel drops it when the process dies, the same
guarantee as the advisory lock. It does not reach other machines: SQLite is not for a
multi-node installation (docs/deployment.md).
"""

from __future__ import annotations

import fcntl
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

# The first key of the two-key advisory lock: Deelwijzer's jobs ("DW" + 1), apart from the
# audit trail's single-key lock (audit/services.py) and anything else in the database.
LOCK_CLASS = 0x4457_0001


def lock_key(job: str) -> int:
    """A stable signed 32-bit key for the job's name."""
    value = zlib.crc32(job.encode())
    return value - (1 << 32) if value >= (1 << 31) else value


@contextmanager
def job_lock(job: str, *, alias: str = "default") -> Iterator[bool]:
    """Yield True while this process holds the job's lock, False if another one holds it."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with _advisory_lock(connection, lock_key(job)) as held:
            yield held
    else:
        with _file_lock(_lock_path(connection, job)) as held:
            yield held


@contextmanager
def _advisory_lock(connection, key: int) -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_CLASS, key])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_CLASS, key])


def _lock_path(connection, job: str) -> Path:
    name = str(connection.settings_dict["NAME"])
    folder = Path(name).parent if name and ":memory:" not in name else Path(settings.VAR_DIR)
    return folder / f".{Path(name).name}.job-{job}.lock"


@contextmanager
def _file_lock(path: Path) -> Iterator[bool]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
