"""`make bench`: run every benchmark, write bench/results/latest.json and latest.md.

The machines are shared and noisy: compare figures as ratios within one run.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
BENCHMARKS = ("bench_engine", "bench_text", "bench_pseudonymise")


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def rows(results: dict) -> list[tuple[str, str, str]]:
    engine, text, pseudo = (results.get(k, {}) for k in BENCHMARKS)
    table = []
    for size in ("10", "100", "200", "1000"):
        if size in engine:
            table.append(
                (
                    f"evaluate(), {size} entries",
                    f"{engine[size]['evaluate_ms']:.2f} ms",
                    "well under 10 ms at 200" if size == "200" else "",
                )
            )
    if text:
        table.append(("check-text", f"{text['words_per_second']:,} words/s", ">= 100,000 words/s"))
        table.append(
            (
                "check-text time per word, 1M vs 10k words",
                f"{text['time_per_word_1m_vs_10k']}x",
                "about 1x (linear)",
            )
        )
    if pseudo:
        table.append(("pseudonymise / deduce, per 1,000 words", f"{pseudo['ratio']}x", "< 1.3x"))
        table.append(
            (
                "RSS without / with deduce",
                f"{pseudo['rss_mb']['without_model']} / {pseudo['rss_mb']['with_model']} MB",
                "",
            )
        )
        table.append(("deduce load (tables built)", f"{pseudo['load_seconds_warm']} s", ""))
    return table


def markdown(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}.",
        "",
        "| what | figure | target |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows(results)]
    return "\n".join(lines) + "\n"


def main() -> int:
    results: dict = {"date": datetime.now(UTC).date().isoformat(), "machine": machine()}
    for name in BENCHMARKS:
        started = time.monotonic()
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        results[name] = importlib.import_module(f"bench.{name}").run()
        results[name]["_seconds"] = round(time.monotonic() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
