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
* ``places_eval`` (#24): on the evaluation set ``tests/procedure/places_eval.json`` (advice
  requests with streets, squares, neighbourhoods, schools, clubs and the case's identifiers),
  ``recall`` on the must-go strings and the must-stay words ``eaten``, measured as the test
  measures them; ``ratio``: as ``ratio`` above, on 1,000 words of the set's texts (the first
  text's case, every text's organisation names); ``ratio_text_by_text``: the set's short texts
  one by one, each with its own case, where the fixed cost per call (the case's identifiers,
  the review list) weighs more than on one long text.
* ``ratio_cpu``, ``ratio_text_by_text_cpu``: the same ratios in CPU time of this process
  (``time.process_time``), measured in the same runs: on a shared, busy machine the wall
  clock also counts the time other processes had the core.
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


def _paired(
    first, second, repeat: int = REPEAT
) -> tuple[list[float], list[float], list[float], list[float]]:
    """Wall-clock and CPU times (ms) of the two actions, alternated so that load from other
    processes hits both alike. CPU time (``time.process_time``) counts only this process's
    work: on a shared machine it is far less disturbed by others than the wall clock."""
    first(), second()  # warm-up
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for i, action in enumerate((first, second)):
            start, start_cpu = time.perf_counter(), time.process_time()
            action()
            wall[i].append((time.perf_counter() - start) * 1000)
            cpu[i].append((time.process_time() - start_cpu) * 1000)
    return wall[0], wall[1], cpu[0], cpu[1]


def _cpu_ratio(ours: list[float], theirs: list[float]) -> float:
    return round(statistics.median(ours) / statistics.median(theirs), 3)


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
    ours_all, theirs_all, ours_cpu, theirs_cpu = _paired(
        lambda: pseudonymise(text, cf, model=model),
        lambda: model.deidentify(text, metadata=metadata),
    )
    ours, theirs = statistics.median(ours_all), statistics.median(theirs_all)
    best_ratio = min(ours_all) / min(theirs_all)
    places = _places(model)
    bare = _probe("")
    loaded = _probe("from deelwijzer.procedure.deidentify import get_deduce; get_deduce()")
    return {
        "words": WORDS,
        "ms_per_1000_words": {"pseudonymise": round(ours, 2), "deduce": round(theirs, 2)},
        "ratio": round(ours / theirs, 3),
        "ratio_of_fastest_runs": round(best_ratio, 3),
        "ratio_cpu": _cpu_ratio(ours_cpu, theirs_cpu),
        "target_ratio": 1.3,
        "rss_mb": {
            "without_model": round(bare["rss_kb"] / 1024, 1),
            "with_model": round(loaded["rss_kb"] / 1024, 1),
            "peak_with_model": round(loaded["hwm_kb"] / 1024, 1),
        },
        "load_seconds_warm": round(loaded["seconds"], 2),
        "load_seconds_cold": None,
        "note": "cold build not rerun: python -m deelwijzer.procedure.deidentify --build",
        "places_eval": places,
    }


def _places(model) -> dict:
    from deelwijzer.procedure.pseudonymise import pseudonymise
    from deelwijzer.procedure.pseudonymise.generic import patient_metadata
    from tests.procedure.test_pseudonymise_places import casefile, eval_texts, evaluate

    outcome = evaluate(model)
    items = [(item, casefile(item)) for item in eval_texts()]
    names = sorted({name for item, _ in items for name in item["organisation_names"]})
    words: list[str] = []
    while len(words) < WORDS:
        for item, _ in items:
            words.extend(item["text"].split())
    text, cf = " ".join(words[:WORDS]), items[0][1]
    metadata = patient_metadata(cf)
    long_ours, long_theirs, long_ours_cpu, long_theirs_cpu = _paired(
        lambda: pseudonymise(text, cf, model=model, organisation_names=names),
        lambda: model.deidentify(text, metadata=metadata),
    )
    prepared = [(i["text"], c, i["organisation_names"], patient_metadata(c)) for i, c in items]

    def ours() -> None:
        for one, case, own, _ in prepared:
            pseudonymise(one, case, model=model, organisation_names=own)

    def theirs() -> None:
        for one, _, _, meta in prepared:
            model.deidentify(one, metadata=meta)

    short_ours, short_theirs, short_ours_cpu, short_theirs_cpu = _paired(ours, theirs, repeat=10)
    return {
        "texts": len(items),
        "must_go": outcome["total"],
        "recall": round(outcome["recall"], 3),
        "missed": outcome["missed"],
        "eaten": outcome["eaten"],
        "ms_per_1000_words": {
            "pseudonymise": round(statistics.median(long_ours), 2),
            "deduce": round(statistics.median(long_theirs), 2),
        },
        "ratio": round(statistics.median(long_ours) / statistics.median(long_theirs), 3),
        "ratio_of_fastest_runs": round(min(long_ours) / min(long_theirs), 3),
        "ratio_cpu": _cpu_ratio(long_ours_cpu, long_theirs_cpu),
        "ratio_text_by_text": round(
            statistics.median(short_ours) / statistics.median(short_theirs), 3
        ),
        "ratio_text_by_text_cpu": _cpu_ratio(short_ours_cpu, short_theirs_cpu),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
