"""Benchmark of the pseudonymiser (issue 4): time per 1,000 words against deduce alone, memory.

``run()`` returns a dict; ``python bench/bench_pseudonymise.py`` prints it as JSON.

* ``ms_per_1000_words``: median time of ``pseudonymise`` on a 1,000-word text made of the test
  corpus, and of deduce's own ``deidentify`` (default processors, with the youth as patient)
  on the same text, measured alternately; ``ratio`` is the first over the second (target:
  under 1.3), ``ratio_of_fastest_runs`` the same for the fastest run of each (less noisy on a
  busy machine).
* ``rss_mb``: resident memory (VmRSS from /proc/self/status) of a fresh process that imported
  the pseudonymiser without the model, and of one that also loaded the model.
* ``load_seconds_warm``: loading the model from deduce's built lookup structures, in a fresh
  process. The cold build (about two minutes, ~1 GB) is an install step and is not rerun here.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "procedure" / "pseudo_corpus"
WORDS = 1000
REPEAT = 25

_PROBE = """
import json, time
t = time.perf_counter()
import deelwijzer.procedure.pseudonymise
{load}
elapsed = time.perf_counter() - t
status = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
kb = lambda k: int(status[k].split()[0])
print(json.dumps({{"rss_kb": kb("VmRSS"), "hwm_kb": kb("VmHWM"), "seconds": elapsed}}))
"""


def _text_and_case() -> tuple[str, dict]:
    items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    words: list[str] = []
    while len(words) < WORDS:
        for item in items:
            words.extend(item["text"].split())
    return " ".join(words[:WORDS]), items[0]["case"]


def _paired_ms(first, second, repeat: int = REPEAT) -> tuple[list[float], list[float]]:
    """Alternate the two actions so that load from other processes hits both alike."""
    first(), second()  # warm-up
    a, b = [], []
    for _ in range(repeat):
        for action, times in ((first, a), (second, b)):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
    return a, b


def _probe(load: str) -> dict:
    code = _PROBE.format(load=load)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> dict:
    from deelwijzer.procedure.casefile import load_casefile
    from deelwijzer.procedure.deidentify import get_deduce
    from deelwijzer.procedure.pseudonymise import pseudonymise
    from deelwijzer.procedure.pseudonymise.generic import patient_metadata

    text, case = _text_and_case()
    cf = load_casefile(case)
    model = get_deduce()
    metadata = patient_metadata(cf)
    ours_all, theirs_all = _paired_ms(
        lambda: pseudonymise(text, cf, model=model),
        lambda: model.deidentify(text, metadata=metadata),
    )
    ours, theirs = statistics.median(ours_all), statistics.median(theirs_all)
    best_ratio = min(ours_all) / min(theirs_all)
    bare = _probe("")
    loaded = _probe("from deelwijzer.procedure.deidentify import get_deduce; get_deduce()")
    return {
        "words": WORDS,
        "ms_per_1000_words": {"pseudonymise": round(ours, 2), "deduce": round(theirs, 2)},
        "ratio": round(ours / theirs, 3),
        "ratio_of_fastest_runs": round(best_ratio, 3),
        "target_ratio": 1.3,
        "rss_mb": {
            "without_model": round(bare["rss_kb"] / 1024, 1),
            "with_model": round(loaded["rss_kb"] / 1024, 1),
            "peak_with_model": round(loaded["hwm_kb"] / 1024, 1),
        },
        "load_seconds_warm": round(loaded["seconds"], 2),
        "load_seconds_cold": None,
        "note": "cold build not rerun: python -m deelwijzer.procedure.deidentify --build",
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
