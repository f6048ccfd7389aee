"""Speed of the language checker: words per second and growth with text size.

Run: ``python bench/bench_text.py`` (prints JSON). The text is generated from
notes-like sentence parts, about one in five sentences holding something to flag,
with quotes and reported speech mixed in. It also reports recall and the false-alarm
rate on the annotated evaluation set (tests/procedure/data/language_eval.tsv), for the
whole set and for its held-out part.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from deelwijzer.procedure.language import check_text, default_lexicon  # noqa: E402

EVAL_SET = Path(__file__).resolve().parents[1] / "tests/procedure/data/language_eval.tsv"
EXPECTED_RULE = {"opinion": "R1.2", "diagnosis": "R1.4"}

NAMES = ["Mohammed", "Lisa", "Daan", "Yasmina", "Kevin", "Sem", "Fatima", "Jayden", "Noor"]
WHEN = ["Op 3 maart", "Op dinsdag", "Sinds de kerstvakantie", "Tijdens de pauze", "Vorige week"]
FACTS = [
    "{n} kwam twintig minuten te laat binnen en ging achterin zitten",
    "{n} heeft de opdrachten voor Nederlands en geschiedenis niet ingeleverd",
    "{n} zat met een koptelefoon op alleen in de kantine",
    "{n} vroeg de docent waarom de school geen gebedsruimte heeft",
    "{n} duwde een klasgenoot tegen de kluisjes en liep daarna weg",
    "de mentor sprak {n} aan over het filmpje in de klassenapp",
    '{n} zei tegen de conciërge: "ik kom hier niet meer, jullie zijn allemaal nep"',
    "zijn moeder vertelde dat {n} 's nachts lang op zijn telefoon zit",
    "{n} weigerde met de meisjes in een groep te werken",
    "{n} droeg een zwarte trui met een Arabische tekst op de mouw",
]
CONCERNS = [
    "{n} is erg agressief tegen de invallers",
    "ik denk dat {n} thuis onder druk staat",
    "{n} trekt zich steeds meer terug uit de groep",
    "{n} is altijd boos en niet gemotiveerd",
    "waarschijnlijk heeft {n} contact met een radicale groep",
    "{n} heeft volgens de buurvrouw ADHD",
]


def sentence(rng: random.Random) -> str:
    parts = CONCERNS if rng.random() < 0.2 else FACTS
    body = rng.choice(parts).format(n=rng.choice(NAMES))
    return f"{rng.choice(WHEN)} {body}."


def generate(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        line = sentence(rng)
        out.append(line)
        count += len(line.split())
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out)


def measure(text: str, repeat: int = 3) -> tuple[float, int]:
    """Best time of ``repeat`` runs, and the number of findings."""
    best = float("inf")
    findings = 0
    for _ in range(repeat):
        began = time.perf_counter()
        findings = len(check_text(text))
        best = min(best, time.perf_counter() - began)
    return best, findings


def _eval_rows() -> list[list[str]]:
    lines = EVAL_SET.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _figures(rows: list[list[str]]) -> dict[str, object]:
    """Recall on the interpretive rows (the expected rule found) and false-alarm rate on
    the factual rows (any finding)."""
    positives = [r for r in rows if r[1] == "interpretive"]
    negatives = [r for r in rows if r[1] == "factual"]
    found = sum(
        EXPECTED_RULE.get(r[2], "R1.1") in {f.rule for f in check_text(r[0])} for r in positives
    )
    alarms = sum(bool(check_text(r[0])) for r in negatives)
    return {
        "interpretive": len(positives),
        "factual": len(negatives),
        "recall": round(found / len(positives), 3),
        "false_alarm_rate": round(alarms / len(negatives), 3),
    }


def evaluation() -> dict[str, object]:
    rows = _eval_rows()
    held_out = [r for r in rows if r[3] == "heldout"]
    return {"all": _figures(rows), "heldout": _figures(held_out)}


def run() -> dict[str, object]:
    default_lexicon()  # loading the lexicon once is not part of the measurement
    growth = []
    for size in (10_000, 100_000, 1_000_000):
        text = generate(size)
        words = len(text.split())
        seconds, findings = measure(text, repeat=3 if size < 1_000_000 else 1)
        growth.append(
            {
                "words": words,
                "seconds": round(seconds, 4),
                "words_per_second": round(words / seconds),
                "findings": findings,
            }
        )
    main = growth[1]
    first, last = growth[0], growth[-1]
    per_word_ratio = (last["seconds"] / last["words"]) / (first["seconds"] / first["words"])
    return {
        "benchmark": "check_text",
        "words": main["words"],
        "seconds": main["seconds"],
        "words_per_second": main["words_per_second"],
        "target_words_per_second": 100_000,
        "growth": growth,
        "time_per_word_1m_vs_10k": round(per_word_ratio, 2),
        "evaluation": evaluation(),
        "target_recall": 0.92,
        "target_false_alarm_rate": 0.05,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
