"""The load test: gunicorn (production settings) on PostgreSQL with the seeded volume, locust
headless in a second process, only against 127.0.0.1, bounded in time.

Method (stated in the results as well):

1. ``users`` professionals sign in for real, each once: password, then a TOTP code from the
   user's known key (bench.signin). Their sign-in times are reported apart.
2. Mix: ``users`` virtual users with think time: dashboard, case page, step pages, now and
   then posting a signal, and /healthz (the bare view, without cookies) in the same run.
   Twice: people who read the page before they click on (3-10 s, ``mix``; the latency target
   is read here), and a busy mix in which everyone clicks every 0.5-2 s (``mix_busy``, the
   method of the first runs: about 40 requests a second from 50 people).
3. Saturated: the same number of users without think time, first only the case page (some
   cases viewed for the first time today: their evaluation is built then), then, after every
   user opened each of their cases once, only the case page again (every evaluation kept),
   then only /healthz without cookies (the bare view: no session, no database), then only
   /healthz with the session cookie (the same view, plus what being signed in costs every
   request).
   Throughput of the case page over the bare view is the ratio target; over the signed-in
   floor it shows how much is the page's own work. With no think time the latency is just
   concurrency / throughput, so it is reported but not judged.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench import cpu
from bench.server import BIN, ROOT
from bench.signin import bench_users, must_be_loopback, sign_in_all

LOCUSTFILE = ROOT / "bench" / "locustfile.py"


def _figures(row: dict) -> dict:
    count = int(row["Request Count"])
    return {
        "requests": count,
        "errors": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "mean_ms": round(float(row["Average Response Time"]), 1),
    }


# Think time of the two mixes, in seconds: people who read what is on the page before the next
# click, and a stress mix in which everyone clicks every second or so (the earlier method).
READING = "3-10"
BUSY = "0.5-2"


def locust(
    base: str, user_class: str, users: int, seconds: int, sessions: Path, think: str = BUSY
) -> dict:
    """One bounded, headless locust run; figures per request name."""
    must_be_loopback(base)
    prefix = Path(tempfile.mkdtemp(prefix="deelwijzer-locust-")) / "run"
    command = [
        str(BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",  # over about ten seconds, not all at once; counted from the last one
        str(max(1, users // 10)),
        "--reset-stats",
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    env = {**os.environ, "BENCH_SESSIONS": str(sessions), "BENCH_THINK": think}
    load_before = os.getloadavg()[0]
    with cpu.watch() as used:
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    load_after = os.getloadavg()[0]
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise RuntimeError(f"locust wrote no statistics:\n{done.stderr[-2000:]}")
    with stats.open() as f:
        rows = {row["Name"]: _figures(row) for row in csv.DictReader(f)}
    failures = Path(f"{prefix}_failures.csv").read_text() if rows["Aggregated"]["errors"] else ""
    return {
        "seconds": seconds,
        "users": users,
        "by_name": rows,
        "failures": failures[:2000],
        "load_average_1min": [round(load_before, 1), round(load_after, 1)],
        "cpu_cores": used.figures,  # cores each part of the machine used during the run
    }


def sign_in(base: str, users: int, organisations: int, per_org: int) -> tuple[Path, dict]:
    """Sign in up to ``users`` different professionals; virtual users share them round-robin
    when there are fewer (a small BENCH_SCALE)."""
    sessions = sign_in_all(base, bench_users(users, organisations, per_org))
    path = Path(tempfile.mkdtemp(prefix="deelwijzer-sessions-")) / "sessions.json"
    path.write_text(json.dumps([s.__dict__ for s in sessions]))
    seconds = sorted(s.seconds for s in sessions)
    summary = {
        "users": len(sessions),
        "p50_s": round(seconds[len(seconds) // 2], 2),
        "max_s": round(seconds[-1], 2),
        "cases_per_user": round(sum(len(s.case_ids) for s in sessions) / len(sessions), 1),
    }
    return path, summary


def run_load(
    base: str, *, users: int, mix_seconds: int, flat_seconds: int, organisations: int, per_org: int
) -> dict:
    sessions, signin = sign_in(base, users, organisations, per_org)
    result: dict[str, Any] = {"sign_in": signin}
    result["mix"] = locust(base, "Professional", users, mix_seconds, sessions, think=READING)
    result["mix_busy"] = locust(base, "Professional", users, mix_seconds, sessions, think=BUSY)
    result["saturated_case_page"] = locust(base, "CasePageFlat", users, flat_seconds, sessions)
    result["warm_up"] = view_every_case(base, sessions)
    result["saturated_case_page_kept"] = locust(base, "CasePageFlat", users, flat_seconds, sessions)
    result["saturated_healthz"] = locust(base, "HealthzFlat", users, flat_seconds, sessions)
    result["saturated_healthz_signed_in"] = locust(
        base, "HealthzSignedFlat", users, flat_seconds, sessions
    )
    floor_rps = result["saturated_healthz"]["by_name"]["healthz"]["rps"]
    signed_rps = result["saturated_healthz_signed_in"]["by_name"]["healthz signed in"]["rps"]
    for phase, suffix in (("saturated_case_page", ""), ("saturated_case_page_kept", "_kept")):
        case_rps = result[phase]["by_name"]["case page"]["rps"]
        result[f"case_page{suffix}_vs_floor"] = (
            round(case_rps / floor_rps, 3) if floor_rps else None
        )
        result[f"case_page{suffix}_vs_signed_in_floor"] = (
            round(case_rps / signed_rps, 3) if signed_rps else None
        )
    return result


def view_every_case(base: str, sessions: Path, threads: int = 4) -> dict:
    """Each signed-in user opens each of their case pages once, so that the next phase sees
    the case page as it is once a case was viewed today (its evaluation kept: cases.snapshots)
    rather than partly the first view of the day, which builds it."""
    from bench.signin import Browser, Session

    visits = [
        (Session(s["user"], cookies=dict(s["cookies"])), case_id)
        for s in json.loads(sessions.read_text())
        for case_id in s["case_ids"]
    ]

    def visit(item: tuple[Session, int]) -> int:
        session, case_id = item
        return Browser(base, session).request(f"/casussen/{case_id}/")[0]

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(visit, visits))
    errors = sum(1 for status in statuses if status != 200)
    if errors:
        raise RuntimeError(f"warm-up: {errors} of {len(statuses)} case pages did not answer 200")
    return {
        "cases": len({case for _, case in visits}),
        "requests": len(visits),
        "seconds": round(time.monotonic() - started, 1),
    }
