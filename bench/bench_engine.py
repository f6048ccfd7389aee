"""Benchmark of the rule engine: evaluate() on case files of 10, 100, 200 and 1000 entries.

An entry is one signal, opinion, advice request, conversation, risk or disclosure; the case is
built in the proportions of a real dossier (mostly signals and advice). Every text differs, so
no per-text cache flatters the figures. Times are the median of repeated runs of ``evaluate``
on an already loaded case, in milliseconds; loading and validating is measured apart, and so
is the R2.1 identifier check. Run: ``python bench/bench_engine.py`` (prints JSON).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from deelwijzer.procedure.casefile import load_casefile  # noqa: E402
from deelwijzer.procedure.evaluate import evaluate  # noqa: E402
from deelwijzer.procedure.rules import Context  # noqa: E402
from deelwijzer.procedure.rules.step2 import r2_1_anonymous  # noqa: E402

SIZES = (10, 100, 200, 1000)
START = date(2026, 1, 5)
SIGNAL = (
    "Draagt sinds drie weken een nikab. Spreekt in de les regelmatig over wat volgens de "
    "Koran wel en niet mag. Doet sinds twee weken niet meer mee met gym."
)
REQUEST = (
    "Een leerling van vijftien draagt sinds drie weken een nikab en doet niet meer mee met gym. "
    "Kan dit duiden op radicalisering, en hoe kan ik het gesprek aangaan?"
)
# Share of each kind of entry, in a cycle of ten.
CYCLE = (
    "signal",
    "signal",
    "signal",
    "advice",
    "advice",
    "opinion",
    "conversation",
    "risk",
    "signal",
    "disclosure",
)


def _day(i: int) -> str:
    return (START + timedelta(days=i % 300)).isoformat()


def _entry(kind: str, i: int, ids: dict[str, list[str]]) -> dict[str, Any]:
    n = f"{kind[0]}{i}"
    if kind == "signal":
        return {
            "id": n,
            "kind": "contra_signal" if i % 7 == 0 else "signal",
            "text": f"{SIGNAL} Waarneming {i}.",
            "observed_on": _day(i),
            "recorded_by": "p1",
            "source": {"kind": "own_observation"},
        }
    if kind == "opinion":
        return {
            "id": n,
            "about": ids["signal"][-1:],
            "text": "Wellicht invloed van vrienden?",
            "status": "confirmed",
            "follow_ups": [{"date": _day(i), "text": "Bevestigd."}],
        }
    if kind == "advice":
        adviser = (
            {"kind": "attention_officer"}
            if i % 2
            else {"kind": "external", "organisation": "police"}
        )
        return {
            "id": n,
            "asked_on": _day(i),
            "asked_by": "p1",
            "adviser": adviser,
            "identifies_youth": False,
            "request_text": f"{REQUEST} Vraag {i}.",
            "answers": None,
            "outcome": None,
        }
    if kind == "conversation":
        return {
            "id": n,
            "held_on": _day(i),
            "held_by": ["p1"],
            "participants": ["youth", "guardians"],
            "guardian_ids": ["g1"],
            "purpose_explained": True,
            "signals_and_concerns_described": True,
            "reaction_asked": True,
            "next_steps_after_reaction": False,
            "youth_consents_to_sharing": "refused",
        }
    if kind == "risk":
        return {
            "id": n,
            "at_risk": "youth",
            "description": f"Risico {i}: {SIGNAL}",
            "severity": "serious",
            "timing": "short_term",
            "based_on": ids["signal"][-3:],
            "advice_id": None,
        }
    return {
        "id": n,
        "shared_on": _day(i),
        "recipient": {"organisation": "police", "name": "x"},
        "items": ids["signal"][-2:] + ids["risk"][-1:],
        "steps_taken": "Gesprek gevoerd.",
        "task_division": None,
        "feedback": {"possible": True, "due_on": None},
    }


def build_case(entries: int) -> dict[str, Any]:
    groups = {
        "signal": "signals",
        "opinion": "opinions",
        "advice": "advice",
        "conversation": "conversations",
        "risk": "risks",
        "disclosure": "disclosures",
    }
    data: dict[str, Any] = {
        "format": "deelwijzer-casefile/1",
        "evaluated_on": "2026-11-29",
        "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
        "youth": {
            "pseudonym": "J-1",
            "name": "Yusuf Bakker",
            "birth_date": "2011-03-14",
            "identifiers": ["Kastanjelaan 14", "klas 3B", "@yusuf_b"],
        },
        "guardians": [{"id": "g1", "name": "Fatima Bakker", "has_authority": True}],
        "team": [{"id": "p1", "name": "Anna de Wit", "role": "mentor"}],
        **{group: [] for group in groups.values()},
    }
    ids: dict[str, list[str]] = {kind: [] for kind in groups}
    for i in range(entries):
        kind = CYCLE[i % len(CYCLE)]
        entry = _entry(kind, i, ids)
        data[groups[kind]].append(entry)
        ids[kind].append(entry["id"])
    data["decision"] = {
        "decided_on": "2026-11-01",
        "decided_by": {"role": "team_leader"},
        "share": True,
        "consent": "refused",
        "serious_concrete_risks": ids["risk"][:1],
        "only_way": True,
        "only_way_reason": "Alleen de politie kan ingrijpen.",
    }
    return data


def _median_ms(func: Any, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 3)


def run(repeats: int = 25) -> dict[str, Any]:
    """Median milliseconds of evaluate() and of load_casefile() per case size."""
    results: dict[str, Any] = {}
    for size in SIZES:
        data = build_case(size)
        cf = load_casefile(data)
        evaluate(cf)  # warm up: lexicon, compiled patterns
        results[str(size)] = {
            "evaluate_ms": _median_ms(lambda cf=cf: evaluate(cf), repeats),
            "of_which_r2_1_identifiers_ms": _median_ms(
                lambda cf=cf: list(r2_1_anonymous(Context(cf, date.today()))), repeats
            ),
            "load_and_validate_ms": _median_ms(lambda d=data: load_casefile(d), repeats),
            "findings": len(evaluate(cf).findings),
        }
    per_entry = {s: results[s]["evaluate_ms"] / int(s) for s in results}
    results["evaluate_ms_per_entry"] = {s: round(v, 4) for s, v in per_entry.items()}
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
