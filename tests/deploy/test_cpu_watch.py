"""Issue #23: ``make bench-scale`` says how busy the machine was while the mix ran (bench.cpu),
per part: the app nodes, PostgreSQL, locust, HAProxy and the rest."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.cpu import Sample, cores, part_of, watch
from bench.scale import _cpu_text

BURN = """
import time
while time.process_time() < 1.0:
    pass
print("burnt", flush=True)
time.sleep(60)
"""


def test_a_process_that_starts_during_the_run_counts_whole_and_one_that_ran_counts_from_the_start():
    first = Sample({(10, 5): ("app nodes", 100.0), (11, 5): ("postgresql", 7.0)}, 50.0, 1.0)
    last = {
        (10, 5): ("app nodes", 104.0),  # 4 s in the run
        (11, 5): ("postgresql", 8.0),
        (12, 900): ("load generator", 0.5),  # started during the run: all of it
        (10, 950): ("other", 2.0),  # pid 10 used again by a new process: not 2 - 100
    }
    end = Sample({}, 60.0, 1.5)
    used = cores(first, last, end, 10.0)
    assert used["app nodes"] == 0.4
    assert used["postgresql"] == 0.1
    assert used["load generator"] == 0.05
    assert used["other"] == 0.2
    assert used["balancer"] == 0.0
    assert used["machine_busy"] == 1.0
    assert used["machine_steal"] == 0.05


def test_the_parts_are_told_by_their_command():
    assert part_of("/srv/.venv/bin/python /srv/.venv/bin/gunicorn deelwijzer.wsgi -c x") == (
        "app nodes"
    )
    assert part_of("postgres: 15/main: postgres deelwijzer 127.0.0.1(5432) idle") == "postgresql"
    assert part_of("/srv/.venv/bin/python /srv/.venv/bin/locust -f bench/locustfile.py") == (
        "load generator"
    )
    assert part_of("/usr/sbin/haproxy -f deploy/haproxy.cfg") == "balancer"
    assert part_of("redis-server 127.0.0.1:6379") == "other"


def test_a_real_process_started_in_the_run_is_counted_from_proc():
    """A child that burns a second of processor time, then waits: the watch reads it from
    /proc and counts all of it (it started after the first sample)."""
    child = None
    try:
        with watch(interval=0.2) as used:
            child = subprocess.Popen(
                [sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True
            )
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "burnt"
            time.sleep(0.3)  # a sample after the burn
    finally:
        if child is not None:
            child.kill()
            child.wait()
    figures = used.figures
    spent = figures["other"] * figures["seconds"]
    slack = 0.05 + 0.01 * figures["seconds"]  # cores are rounded to 0.01, seconds to 0.1
    assert spent >= 1.0 - slack
    assert figures["machine_busy"] * figures["seconds"] >= spent - slack


def test_the_report_says_the_cores_per_part_and_the_machines():
    used = {
        "app nodes": 1.29,
        "postgresql": 0.21,
        "load generator": 0.04,
        "balancer": 0.01,
        "other": 0.03,
        "machine_busy": 1.58,
        "machine_steal": 0.0,
        "machine_cores": 2,
        "seconds": 60.5,
    }
    assert _cpu_text(used) == (
        "app nodes 1.29, postgresql 0.21, load generator 0.04, balancer 0.01, other 0.03; "
        "the machine 1.58 of 2 cores busy, 0.00 taken by other machines (steal)"
    )
