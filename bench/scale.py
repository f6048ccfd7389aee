"""``make bench-scale`` (issue #23): many organisations on two app nodes behind HAProxy.

BENCH_SCALE (default 1: 100,000 cases in 200 organisations, 3,000,000 entries) scales cases
and organisations; BENCH_SCALE_USERS (200) and BENCH_SCALE_SECONDS (300) the load run;
BENCH_FAILOVER_SECONDS (120) the failover run; BENCH_SCALE_NIGHTLY=0 leaves out the nightly
job (1b). Writes bench/results/scale.json and scale.md.

1. Seed a PostgreSQL database (COPY: ``deelwijzer seed``), timed, and a second one
   with a tenth of the cases; the query counts of the case page, a step page and the dashboard
   on both (bench.scale_queries).
1b. The operator's nightly job, ``deelwijzer open-findings --stale-only`` (docs/deployment.md),
   timed: after the bulk load every open case is stale, as after an upgrade, and the job judges
   each and keeps what it judged (cases.snapshots). The mix then sees the morning after: the
   first view of a case reads what was kept instead of building it. Without it (0) the mix
   sees the day of an upgrade, when nothing is kept yet.
2. Two gunicorn nodes (deploy/gunicorn.conf.py: production settings, --preload) behind
   HAProxy (deploy/haproxy.cfg) on loopback; ``users`` professionals sign in through it.
3. Locust, headless, second process: the mixed workload of ``make bench`` with think time
   3-10 s; then the case page and /healthz with the session cookie without think time, for
   the ratio to the signed-in floor (the issue's remaining benchmark measure). While the mix
   runs, the cores each part of the machine uses are sampled (bench.cpu): on these 2-core
   machines the nodes share them with PostgreSQL and locust, and the p95 is read against it.
4. Failover: locust posts signals, each with a mark of its own; a quarter of the way in one
   node is SIGKILLed (master and workers) and, once HAProxy has taken it out, started again
   (loading deduce takes it about 40 s). Failed
   requests are counted; every mark the clients saw accepted is looked up among the stored
   signals (lost writes), and the restarted node must have taken requests again.
5. Memory per node (PSS of master and workers).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.cluster import Cluster, cluster, node_memory_mb
from bench.loadtest import READING, locust, sign_in
from bench.run import machine
from bench.server import ROOT, database, deelwijzer

RESULTS = ROOT / "bench" / "results"
FULL = {"cases": 100_000, "organisations": 200, "entries_per_case": 30}

LAST_SIGNAL = """
from deelwijzer.signalling.models import Signal
print(Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
"""
STORED_MARKS = """
import json, re
from deelwijzer.signalling.models import Signal
marks = set()
for text in Signal.objects.filter(pk__gt=%d).values_list("text", flat=True).iterator():
    marks.update(re.findall(r"\\(ref ([0-9a-f]{12})\\)", text or ""))
print(json.dumps(sorted(marks)))
"""


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def sizes(scale: float) -> dict[str, int]:
    return {
        "cases": max(40, round(FULL["cases"] * scale)),
        "organisations": max(2, round(FULL["organisations"] * scale)),
        "entries_per_case": FULL["entries_per_case"],
    }


SEED_LINE = re.compile(
    r"in (?P<wall>[\d.]+) s \(processortijd: seed (?P<client>[\d.]+) s"
    r"(?:, PostgreSQL (?P<server>[\d.]+) s)?\)"
)


def seed(env: dict[str, str], size: dict[str, int]) -> dict[str, Any]:
    """Migrate, then seed (COPY on PostgreSQL), timed from outside; with the processor time
    of the seeding process and of its PostgreSQL server process, as the command reports them
    (on a shared machine the wall clock mostly measures the others)."""
    deelwijzer(env, "migrate", "--noinput", "-v", "0")
    load = os.getloadavg()[0]
    started = time.monotonic()
    out = deelwijzer(
        env,
        "seed",
        "--cases",
        str(size["cases"]),
        "--orgs",
        str(size["organisations"]),
        "--entries-per-case",
        str(size["entries_per_case"]),
    )
    seconds = round(time.monotonic() - started, 1)
    found = SEED_LINE.search(out)
    entries = size["cases"] * size["entries_per_case"]
    return {
        "cases": size["cases"],
        "entries": entries,
        "seconds": seconds,
        "entries_per_second": round(entries / seconds),
        "cpu_seed_s": float(found["client"]) if found else None,
        "cpu_postgresql_s": float(found["server"]) if found and found["server"] else None,
        "load_average_1min": [round(load, 1), round(os.getloadavg()[0], 1)],
    }


JUDGED_LINE = re.compile(r"(?P<cases>\d+) open casus(?:sen)? beoordeeld")


def nightly_job(env: dict[str, str]) -> dict[str, Any]:
    """``deelwijzer open-findings --stale-only`` as the operator's timer runs it: one process;
    its wall clock and the number of cases it judged."""
    started = time.monotonic()
    out = deelwijzer(env, "open-findings", "--stale-only")
    found = JUDGED_LINE.search(out)
    return {
        "seconds": round(time.monotonic() - started, 1),
        "cases": int(found["cases"]) if found else None,
    }


def query_counts(env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale_queries"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page(figures: dict) -> dict:
    return {k: figures[k] for k in ("p50_ms", "p95_ms", "p99_ms", "rps")}


def load(running: Cluster, size: dict[str, int], users: int, seconds: int) -> dict[str, Any]:
    per_org = max(2, size["cases"] // size["organisations"] // 20)
    sessions, signin = sign_in(running.base, users, size["organisations"], per_org)
    mix = locust(running.base, "Professional", users, seconds, sessions, think=READING)
    flat = max(10, seconds // 10)
    case = locust(running.base, "CasePageFlat", users, flat, sessions)
    floor = locust(running.base, "HealthzSignedFlat", users, flat, sessions)
    by_name = mix["by_name"]
    case_rps = case["by_name"]["case page"]["rps"]
    floor_rps = floor["by_name"]["healthz signed in"]["rps"]
    return {
        "sessions": sessions,
        "sign_in": signin,
        "mix": mix,
        "case_page": _page(by_name["case page"]),
        "step_page": _page(by_name["step page"]),
        "dashboard": _page(by_name["dashboard"]),
        "errors": by_name["Aggregated"]["errors"],
        "requests": by_name["Aggregated"]["requests"],
        "case_page_vs_signed_in_floor": round(case_rps / floor_rps, 3) if floor_rps else None,
        "saturated": {"case_page_rps": case_rps, "signed_in_floor_rps": floor_rps},
    }


def _served(running: Cluster, node: str) -> int:
    for line in running.admin("show stat").splitlines():
        fields = line.split(",")
        if fields[:2] == ["nodes", node]:
            return int(fields[7])  # stot: requests (sessions) sent to the node
    return 0


def _failure_window(failures_csv: str, killed_at: datetime) -> float | None:
    """At most how many seconds after the kill the last request failed (None: nothing failed).

    Locust's "Last Seen" is a whole second, cut off: the failure came before the end of that
    second, which may begin before the kill (a request sent to the node as it died)."""
    rows = list(csv.DictReader(io.StringIO(failures_csv)))
    if not rows:
        return None
    last = max(datetime.fromisoformat(row["Last Seen"].replace("Z", "+00:00")) for row in rows)
    return round((last + timedelta(seconds=1) - killed_at).total_seconds(), 1)


def _failures_text(within: float | None) -> str:
    if within is None:
        return "no request failed"
    return f"the last failure at most {within} s after the kill"


def failover(running: Cluster, env: dict[str, str], sessions: Path, users: int, seconds: int):
    accepted_file = Path(tempfile.mkdtemp(prefix="deelwijzer-failover-")) / "accepted"
    accepted_file.touch()
    os.environ["BENCH_ACCEPTED"] = str(accepted_file)
    victim = running.nodes[1]
    timeline: dict[str, Any] = {}

    def chaos() -> None:
        time.sleep(seconds / 4)
        timeline["killed_at_s"] = round(seconds / 4, 1)
        timeline["killed_at"] = datetime.now(UTC)
        victim.kill()
        timeline["taken_out_after_s"] = running.wait_for_states({victim.name: "DOWN"})
        started = time.monotonic()
        victim.start()
        timeline["restart_ready_s"] = round(time.monotonic() - started, 1)
        timeline["back_in_after_s"] = running.wait_for_states({victim.name: "UP"})
        timeline["served_before_back"] = _served(running, victim.name)

    last = int(deelwijzer(env, "shell", "-c", LAST_SIGNAL).splitlines()[-1])
    thread = threading.Thread(target=chaos)
    thread.start()
    run = locust(running.base, "SignalPoster", users, seconds, sessions, think=READING)
    thread.join()
    served_after = _served(running, victim.name) - timeline.pop("served_before_back", 0)
    probe = _served(running, victim.name)
    for _ in range(20):  # after the run too: the restarted node takes its share
        urllib.request.urlopen(f"{running.base}/healthz", timeout=10).read()
    timeline["restarted_node_probe"] = f"{_served(running, victim.name) - probe} of 20"
    timeline["failed_within_s_of_kill"] = _failure_window(run["failures"], timeline["killed_at"])
    timeline["killed_at"] = timeline["killed_at"].isoformat(timespec="seconds")
    accepted = set(accepted_file.read_text().split())
    stored_all = set(
        json.loads(deelwijzer(env, "shell", "-c", STORED_MARKS % last).splitlines()[-1])
    )
    total = run["by_name"]["Aggregated"]
    return {
        "requests": total["requests"],
        "failed": total["errors"],
        "error_rate": round(total["errors"] / total["requests"], 4) if total["requests"] else 0,
        "writes_accepted": len(accepted),
        "writes_stored": len(stored_all),
        "lost_writes": len(accepted - stored_all),
        "stored_not_confirmed": len(stored_all - accepted),
        "restarted_node_requests": served_after,
        "failures": run["failures"],
        **timeline,
    }


def main() -> int:
    scale = float(os.environ.get("BENCH_SCALE") or 1)
    users = _int("BENCH_SCALE_USERS", 200)
    seconds = _int("BENCH_SCALE_SECONDS", 300)
    failover_seconds = _int("BENCH_FAILOVER_SECONDS", 120)
    big, small = sizes(scale), sizes(scale / 10)
    result: dict[str, Any] = {
        "date": date.today().isoformat(),
        "machine": machine(),
        "scale": scale,
        "nodes": 2,
        "users": users,
        "seconds": seconds,
    }
    with database("postgresql") as env_small:
        seeded_small = seed(env_small, small)
        queries_small = query_counts(env_small)
    with database("postgresql") as env:
        seeded = seed(env, big)
        result["seed_seconds"] = seeded["seconds"]
        result.update(
            cases=big["cases"], organisations=big["organisations"], entries=seeded["entries"]
        )
        result["seed_entries_per_second"] = seeded["entries_per_second"]
        result["seeding"] = {"small": seeded_small, "big": seeded}
        queries_big = query_counts(env)
        result["queries"] = {
            f"{page}_{label}": counts[page]
            for page in ("case_page", "step_page", "dashboard")
            for label, counts in (("small", queries_small), ("big", queries_big))
        }
        result["queries_cases"] = {"small": small["cases"], "big": big["cases"]}
        result["nightly_job"] = nightly_job(env) if _int("BENCH_SCALE_NIGHTLY", 1) else None
        with cluster(env, Path(tempfile.mkdtemp(prefix="deelwijzer-scale-")), workers=2) as running:
            measured = load(running, big, users, seconds)
            sessions = measured.pop("sessions")
            result.update({k: measured[k] for k in ("case_page", "step_page", "dashboard")})
            result["errors"] = measured["errors"]
            result["requests"] = measured["requests"]
            result["case_page_vs_signed_in_floor"] = measured["case_page_vs_signed_in_floor"]
            result["saturated"] = measured["saturated"]
            result["sign_in"] = measured["sign_in"]
            result["load_average_1min"] = measured["mix"]["load_average_1min"]  # shared machine
            result["cpu_cores"] = measured["mix"]["cpu_cores"]
            result["memory_mb"] = {node.name: node_memory_mb(node) for node in running.nodes}
            result["failover"] = failover(running, env, sessions, users, failover_seconds)
    write(result)
    return 0


def table(r: dict) -> str:
    f = r["failover"]
    q = r["queries"]
    rows = [
        (
            "volume",
            f"{r['cases']:,} cases, {r['organisations']} organisations, "
            f"{r['entries']:,} entries (BENCH_SCALE {r['scale']})",
        ),
        (
            "seeding (COPY)",
            f"{r['seed_seconds']} s, {r['seed_entries_per_second']:,} entries/s"
            + _seed_cpu(r.get("seeding", {}).get("big")),
        ),
        ("nightly job before the mix", _nightly_text(r.get("nightly_job"))),
        (
            "load",
            f"{r['users']} users, think time 3-10 s, {r['seconds']} s, {r['nodes']} nodes "
            f"behind HAProxy: {r['requests']} requests, {r['errors']} errors",
        ),
    ]
    for page in ("case_page", "step_page", "dashboard"):
        p = r[page]
        rows.append(
            (
                page.replace("_", " ") + " p50 / p95 / p99",
                f"{p['p50_ms']:.0f} / {p['p95_ms']:.0f} / {p['p99_ms']:.0f} ms, {p['rps']} req/s",
            )
        )
    if r.get("cpu_cores"):
        rows.append(("processor use during the mix", _cpu_text(r["cpu_cores"])))
    rows += [
        ("case page vs signed-in floor (saturated)", str(r["case_page_vs_signed_in_floor"])),
        (
            "queries at {small:,} / {big:,} cases".format(**r["queries_cases"]),
            f"case page {q['case_page_small']} / {q['case_page_big']}, step page "
            f"{q['step_page_small']} / {q['step_page_big']}, dashboard {q['dashboard_small']} / "
            f"{q['dashboard_big']}",
        ),
        (
            "failover (SIGKILL one node)",
            f"{f['failed']} of {f['requests']} requests failed "
            f"({f['error_rate']:.2%}); writes accepted {f['writes_accepted']}, stored "
            f"{f['writes_stored']}, lost {f['lost_writes']}; out after {f['taken_out_after_s']} s, "
            f"{_failures_text(f['failed_within_s_of_kill'])}; restarted, ready after "
            f"{f['restart_ready_s']} s, in again after {f['back_in_after_s']} s; it answered "
            f"{f['restarted_node_requests']} requests of the run and {f['restarted_node_probe']} "
            "after it",
        ),
        ("memory per node (PSS)", ", ".join(f"{k} {v} MB" for k, v in r["memory_mb"].items())),
    ]
    lines = ["| measure | result |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    load = r.get("load_average_1min")
    busy = f", load average {load[0]}-{load[1]} during the mix" if load else ""
    head = f"# make bench-scale, {r['date']} ({r['machine']}{busy})"
    return head + "\n\n" + "\n".join(lines) + "\n"


def _cpu_text(used: dict) -> str:
    """Cores used on average during the mix, per part (bench.cpu), and the machine's."""
    parts = ("app nodes", "postgresql", "load generator", "balancer", "other")
    text = ", ".join(f"{part} {used[part]:.2f}" for part in parts)
    text += f"; the machine {used['machine_busy']:.2f} of {used['machine_cores']} cores busy"
    return text + f", {used['machine_steal']:.2f} taken by other machines (steal)"


def _nightly_text(nightly: dict | None) -> str:
    if not nightly:
        return "none: nothing kept, as on the day of an upgrade (BENCH_SCALE_NIGHTLY=0)"
    return (
        f"open-findings --stale-only: {nightly['cases']:,} cases judged and kept in "
        f"{nightly['seconds']} s (one process)"
    )


def _seed_cpu(seeded: dict | None) -> str:
    if not seeded or seeded.get("cpu_seed_s") is None:
        return ""
    server = seeded.get("cpu_postgresql_s")
    text = f"; processor time: seeding {seeded['cpu_seed_s']} s"
    text += f", PostgreSQL {server} s" if server is not None else ""
    low, high = seeded["load_average_1min"]
    return text + f" (load average {low}-{high})"


def write(result: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "scale.md").write_text(table(result))
    print(table(result))


if __name__ == "__main__":
    sys.exit(main())
