"""The web app under load, its pages and documents, seeding, and workers' memory (issue 10).

``run()`` (called by bench/run.py) does, each on a fresh database that is dropped afterwards:

* SQLite: seed the bench volume (timed), then time the pages and documents in-process.
* PostgreSQL (127.0.0.1:5432): the same, then the load test against gunicorn with production
  settings (bench/loadtest.py), then the memory of gunicorn's workers with and without
  deduce (bench/memory.py).

Environment: BENCH_SCALE (1 = 10,000 cases and 300,000 entries; 0.02 for a quick run),
BENCH_USERS (50), BENCH_MIX_SECONDS (60), BENCH_FLAT_SECONDS (30), BENCH_WORKERS
(2 x cores + 1), BENCH_SKIP (comma-separated: sqlite, load, memory).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

from bench import memory
from bench.loadtest import run_load
from bench.server import ROOT, database, gunicorn, seed, workers
from deelwijzer.devdata.seed.names import CASES_PER_PROFESSIONAL

FULL_CASES = 10_000
ORGANISATIONS = 20
METHOD = (
    "gunicorn (production settings, {workers} sync workers, 127.0.0.1) on PostgreSQL with "
    "the seeded volume; locust headless in a second process, FastHttpUser. {users} "
    "professionals signed in first, each once, with password and TOTP code (timed apart). "
    "Mix: {users} users for {mix} s (dashboard 2, case page 4, step page 4, post a signal 1, "
    "/healthz 1), latencies read here: once with think time 3-10 s (people who read the page "
    "before they click on), once with 0.5-2 s (busy: the method of the first runs). "
    "Saturated: {users} users without think time, {flat} s on the case page only (some of "
    "the cases for the first time today, which builds their evaluation), then every user "
    "opens each of their cases once and {flat} s on the case page again (every evaluation "
    "kept), then {flat} s on /healthz only (the bare view: no session, no database), then "
    "{flat} s on /healthz with the session cookie (the signed-in floor); their throughputs "
    "give the ratios. "
    "Without think time latency is only concurrency / throughput. The machine is shared: "
    "ratios within a run count, absolute figures vary."
)


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def probe(env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.probe_app"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def professionals_per_org(scale: float) -> int:
    cases = round(FULL_CASES * scale) / ORGANISATIONS
    return max(2, math.ceil(cases / CASES_PER_PROFESSIONAL))


def run() -> dict:
    scale = float(os.environ.get("BENCH_SCALE") or 1)
    skip = set(filter(None, (os.environ.get("BENCH_SKIP") or "").split(",")))
    users = _env_int("BENCH_USERS", 50)
    mix, flat = _env_int("BENCH_MIX_SECONDS", 60), _env_int("BENCH_FLAT_SECONDS", 30)
    method = METHOD.format(workers=workers(), users=users, mix=mix, flat=flat)
    out: dict = {"scale": scale, "cases": round(FULL_CASES * scale), "method": method}
    if "sqlite" not in skip:
        with database("sqlite") as env:
            out["sqlite"] = {"seed_seconds": seed(env, scale), **probe(env)}
    with database("postgresql") as env:
        out["postgresql"] = {"seed_seconds": seed(env, scale), **probe(env)}
        if "load" not in skip:
            with gunicorn(env) as server:
                out["load"] = run_load(
                    server["base"],
                    users=users,
                    mix_seconds=mix,
                    flat_seconds=flat,
                    organisations=ORGANISATIONS,
                    per_org=professionals_per_org(scale),
                )
        if "memory" not in skip:
            out["memory"] = memory.run(env, workers())
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
