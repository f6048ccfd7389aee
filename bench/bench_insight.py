"""Statistics at 10,000 cases and the audit trail at 1,000,000 rows on PostgreSQL (issue #22).

Seeds the bench volume (``deelwijzer seed``, scaled by BENCH_SCALE), then runs
bench/probe_insight.py with AUDIT_ROWS = 1,000,000 x BENCH_SCALE synthetic audit rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bench.server import ROOT, database, seed

FULL_AUDIT_ROWS = 1_000_000


def run() -> dict:
    scale = float(os.environ.get("BENCH_SCALE") or 1)
    rows = max(10_000, round(FULL_AUDIT_ROWS * scale))
    with database("postgresql") as env:
        seconds = seed(env, scale)
        done = subprocess.run(
            [sys.executable, "-m", "bench.probe_insight"],
            env={**env, "AUDIT_ROWS": str(rows), "PYTHONPATH": str(ROOT / "src") + ":" + str(ROOT)},
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    return {"scale": scale, "seed_seconds": seconds, **json.loads(done.stdout.splitlines()[-1])}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
