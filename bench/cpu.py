"""Processor use while a load run lasts, per part of the machine (issue #23).

On these 2-core machines the app nodes, PostgreSQL and locust share the processors, so a p95
is read against how busy the machine was: ``watch()`` samples ``/proc`` once a second and says
how many cores, on average over the run, each part used ("app nodes" are the gunicorn
processes, "postgresql" its server processes, "load generator" locust, "balancer" HAProxy,
"other" the rest), and the machine as a whole from ``/proc/stat``, with the time the
hypervisor gave to other machines (steal) apart.

A process first seen after the first sample started during the run: all of its processor
time counts. Of a process that ends between two samples the last second is not counted (locust
ends with the run; its share is a little low).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")
PARTS = (
    ("gunicorn", "app nodes"),
    ("postgres", "postgresql"),
    ("locust", "load generator"),
    ("haproxy", "balancer"),
)


def part_of(command: str) -> str:
    for word, part in PARTS:
        if word in command:
            return part
    return "other"


@dataclass
class Sample:
    """Processor seconds per process (user + system), and the machine's counters."""

    processes: dict[tuple[int, int], tuple[str, float]]  # (pid, start): (part, seconds)
    busy: float  # seconds of all processors, from /proc/stat
    steal: float


def _process(pid: int) -> tuple[int, str, float] | None:
    """(start, part, seconds): the start (ticks after boot) tells a pid used again apart."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        command = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, UnicodeDecodeError):
        return None  # gone meanwhile
    name = stat[stat.find("(") + 1 : stat.rfind(")")]
    fields = stat[stat.rfind(")") + 2 :].split()
    seconds = (int(fields[11]) + int(fields[12])) / TICKS
    return int(fields[19]), part_of(command or name), seconds


def _machine() -> tuple[float, float]:
    values = [int(v) for v in (PROC / "stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq) / TICKS, steal / TICKS


def sample() -> Sample:
    processes = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (found := _process(int(entry.name))):
            start, part, seconds = found
            processes[(int(entry.name), start)] = (part, seconds)
    busy, steal = _machine()
    return Sample(processes, busy, steal)


def cores(
    first: Sample, last: dict[tuple[int, int], tuple[str, float]], end: Sample, seconds: float
) -> dict:
    """Cores used on average per part, from the first sample, the last one seen of every
    process (``last``) and the machine's counters at the end."""
    used: dict[str, float] = {}
    for process, (part, spent) in last.items():
        before = first.processes.get(process)
        since = spent - before[1] if before else spent  # new: started during the run
        used[part] = used.get(part, 0.0) + since
    result = {part: round(used.get(part, 0.0) / seconds, 2) for _, part in PARTS}
    result["other"] = round(used.get("other", 0.0) / seconds, 2)
    result["machine_busy"] = round((end.busy - first.busy) / seconds, 2)
    result["machine_steal"] = round((end.steal - first.steal) / seconds, 2)
    result["machine_cores"] = os.cpu_count() or 1
    result["seconds"] = round(seconds, 1)
    return result


@dataclass
class Watch:
    figures: dict = field(default_factory=dict)


@contextlib.contextmanager
def watch(interval: float = 1.0) -> Iterator[Watch]:
    """``with watch() as w: …``; afterwards ``w.figures`` holds ``cores()`` for the block."""
    first = sample()
    last = dict(first.processes)
    started = time.monotonic()
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(interval):
            last.update(sample().processes)

    sampler = threading.Thread(target=run, daemon=True)
    sampler.start()
    found = Watch()
    try:
        yield found
    finally:
        stop.set()
        sampler.join()
        end = sample()
        last.update(end.processes)
        found.figures = cores(first, last, end, max(time.monotonic() - started, 1e-6))
