"""Precision and recall of the language checker on hand-written Dutch notes.

A sentence counts as flagged when the checker reports at least one finding; an
interpretive sentence counts as found only when a finding names the expected rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from deelwijzer.procedure.language import check_text

CORPUS = Path(__file__).parent / "language_corpus"


@dataclass(frozen=True)
class Score:
    found: int
    positives: int
    false_alarms: int
    negatives: int
    missed: list[str]
    wolf_cries: list[str]

    @property
    def recall(self) -> float:
        return self.found / self.positives

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_alarms
        return self.found / flagged if flagged else 1.0


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def interpretive(name: str) -> list[tuple[str, str]]:
    rows = [line.split("\t", 1) for line in _lines(CORPUS / f"{name}_interpretive.tsv")]
    return [(rule, sentence) for rule, sentence in rows]


def factual(name: str) -> list[str]:
    return _lines(CORPUS / f"{name}_factual.txt")


def score(name: str) -> Score:
    positives = interpretive(name)
    missed = [s for rule, s in positives if rule not in {f.rule for f in check_text(s)}]
    negatives = factual(name)
    wolf = [s for s in negatives if check_text(s)]
    return Score(
        found=len(positives) - len(missed),
        positives=len(positives),
        false_alarms=len(wolf),
        negatives=len(negatives),
        missed=missed,
        wolf_cries=wolf,
    )


def _report(name: str, result: Score) -> None:
    print(
        f"\n[{name}] recall {result.recall:.3f} ({result.found}/{result.positives}), "
        f"precision {result.precision:.3f} ({result.false_alarms} of {result.negatives} "
        "factual sentences flagged)"
    )
    for sentence in result.missed:
        print(f"  missed: {sentence}")
    for sentence in result.wolf_cries:
        print(f"  flagged factual: {sentence} -> {[f.text for f in check_text(sentence)]}")


@pytest.mark.parametrize("name", ["dev", "heldout", "fresh"])
def test_corpus_has_at_least_forty_sentences_of_each_kind(name: str) -> None:
    assert len(interpretive(name)) >= 40
    assert len(factual(name)) >= 40


def test_dev_set_precision_and_recall_floor() -> None:
    result = score("dev")
    _report("dev", result)
    assert result.recall >= 0.9
    assert result.precision >= 0.9


def test_heldout_set_precision_and_recall_floor() -> None:
    """Sentences never used to tune the lexicon: a lower, honest floor."""
    result = score("heldout")
    _report("heldout", result)
    assert result.recall >= 0.8
    assert result.precision >= 0.9
