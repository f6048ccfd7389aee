"""How gunicorn's workers share deduce's memory: RSS, PSS and USS per process.

Three servers in turn (bench/gunicorn_deduce.py): no deduce; deduce loaded by each worker;
deduce loaded once in the master with --preload (and gc.freeze()). Each worker pseudonymises
one text first. Read from /proc/<pid>/smaps_rollup: RSS counts shared pages in full in every
process, PSS shares them out (the sum of PSS is what the server really takes), USS
(Private_Clean + Private_Dirty) is what a process holds alone.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.server import ROOT, gunicorn, worker_pids

CONFIG = ROOT / "bench" / "gunicorn_deduce.py"
MODES = ("none", "worker", "preload")


def smaps(pid: int) -> dict[str, float]:
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, rest = line.split(":", 1)
        values[name] = int(rest.split()[0])
    uss = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {
        "rss_mb": round(values["Rss"] / 1024, 1),
        "pss_mb": round(values["Pss"] / 1024, 1),
        "uss_mb": round(uss / 1024, 1),
    }


def _wait_ready(ready: Path, count: int, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while len(list(ready.iterdir())) < count:
        if time.monotonic() > deadline:
            raise RuntimeError("the workers did not get ready in time")
        time.sleep(0.5)


def measure(env: dict[str, str], mode: str, workers: int) -> dict:
    ready = Path(tempfile.mkdtemp(prefix="deelwijzer-ready-"))
    env = {**env, "BENCH_DEDUCE_MODE": mode, "BENCH_READY_DIR": str(ready)}
    extra = ["-c", str(CONFIG)] + (["--preload"] if mode == "preload" else [])
    started = time.monotonic()
    with gunicorn(env, *extra, count=workers) as server:
        _wait_ready(ready, workers)
        seconds = round(time.monotonic() - started, 1)
        time.sleep(1)
        master = smaps(server["pid"])
        each = [smaps(pid) for pid in worker_pids(server["pid"])]
    total_pss = master["pss_mb"] + sum(w["pss_mb"] for w in each)
    return {
        "workers": len(each),
        "ready_seconds": seconds,
        "master": master,
        "worker_mean": {k: round(sum(w[k] for w in each) / len(each), 1) for k in master},
        "total_pss_mb": round(total_pss, 1),
        "total_rss_mb": round(master["rss_mb"] + sum(w["rss_mb"] for w in each), 1),
    }


def run(env: dict[str, str], workers: int) -> dict:
    if not Path(f"/proc/{os.getpid()}/smaps_rollup").exists():
        return {"skipped": "no /proc/<pid>/smaps_rollup on this system"}
    return {mode: measure(env, mode, workers) for mode in MODES}
