"""Step 1 rules: each fires on a case that breaks it and stays quiet on a near-identical one."""

from dataclasses import dataclass

import pytest

from deelwijzer.procedure.rules import context
from tests.procedure.factories import casefile, evaluate_data, fired, with_


@dataclass
class FakeFinding:
    rule: str
    category: str
    start: int
    end: int
    text: str
    hint: str


def fake_checker(text: str) -> list[FakeFinding]:
    """Flags 'agressief' (R1.1) and 'ik denk' (R1.2), so the plumbing is tested on its own."""
    out = []
    for word, rule, hint in (("agressief", "R1.1", "wat deed hij?"), ("ik denk", "R1.2", "mening")):
        start = text.lower().find(word)
        if start >= 0:
            end = start + len(word)
            out.append(FakeFinding(rule, "label", start, end, text[start:end], hint))
    return out


@pytest.fixture
def fake_language(monkeypatch):
    monkeypatch.setattr(context, "check_language", fake_checker)


def test_the_complete_case_has_no_findings_at_all():
    ev = evaluate_data(casefile())
    assert ev.findings == []
    assert {n: s.status for n, s in ev.steps.items()} == dict.fromkeys(range(1, 7), "complete")


def test_r1_1_interpretive_signal_is_a_warning_naming_the_words(fake_language):
    ev = evaluate_data(with_(casefile(), "signals.0.text", "Was agressief in de klas."))
    [f] = fired(ev, "R1.1")
    assert f.kind == "warning" and f.refs == ("s1",)
    assert "'agressief'" in f.message and "wat deed hij?" in f.message
    assert ev.steps[1].status == "complete"  # a warning never blocks


def test_r1_1_quiet_on_a_factual_signal(fake_language):
    ev = evaluate_data(
        with_(casefile(), "signals.0.text", "Sloeg twee keer met de vuist op tafel.")
    )
    assert fired(ev, "R1.1") == []


def test_r1_2_opinion_in_a_fact_is_a_warning(fake_language):
    ev = evaluate_data(with_(casefile(), "signals.0.text", "Ik denk dat hij radicaliseert."))
    [f] = fired(ev, "R1.2", "warning")
    assert f.refs == ("s1",) and "'Ik denk'" in f.message


def test_language_of_contra_signals_is_checked_too(fake_language):
    ev = evaluate_data(with_(casefile(), "signals.1.text", "Is nooit agressief."))
    [f] = fired(ev, "R1.1")
    assert f.refs == ("s2",) and f.message.startswith("Stap 1 (R1.1): Contrasignaal s2")


def test_r1_1_real_checker_flags_an_interpretation_and_not_a_fact():
    ev = evaluate_data(with_(casefile(), "signals.0.text", "Hij is gewelddadig en agressief."))
    assert fired(ev, "R1.1", "warning")
    assert fired(evaluate_data(casefile()), "R1.1") == []


@pytest.mark.parametrize("status", ["confirmed", "refuted"])
def test_r1_2_closed_opinion_without_follow_up_is_missing(status):
    ev = evaluate_data(with_(casefile(), "opinions.0.status", status))
    [f] = fired(ev, "R1.2", "missing")
    assert f.refs == ("o1",)
    assert ev.steps[1].status == "incomplete"


def test_r1_2_closed_opinion_with_dated_follow_up_is_fine():
    data = with_(casefile(), "opinions.0.status", "refuted")
    data = with_(data, "opinions.0.follow_ups", [{"date": "2026-11-01", "text": "Nieuwe club."}])
    assert fired(evaluate_data(data), "R1.2") == []


def test_r1_2_open_opinion_needs_no_follow_up():
    assert fired(evaluate_data(casefile()), "R1.2") == []


@pytest.mark.parametrize(
    "source",
    [None, {"kind": "other", "name": "Piet", "role": None}, {"kind": "other", "name": None}],
)
def test_r1_3_source_of_someone_else_must_be_named(source):
    ev = evaluate_data(with_(casefile(), "signals.1.source", source))
    [f] = fired(ev, "R1.3", "missing")
    assert f.refs == ("s2",)
    assert ev.steps[1].status == "incomplete"


def test_r1_3_named_source_or_own_observation_is_fine():
    data = with_(casefile(), "signals.1.source", {"kind": "own_observation"})
    assert fired(evaluate_data(data), "R1.3") == []
    assert fired(evaluate_data(casefile()), "R1.3") == []  # other, with name and role


def _diagnosis(established_by, relevance="Verklaart de terugtrekking niet."):
    return [{"id": "d1", "text": "ADHD", "established_by": established_by, "relevance": relevance}]


@pytest.mark.parametrize("by", [None, {"name": "Dr. Ali", "role": None}])
def test_r1_4_diagnosis_without_qualified_professional_is_a_violation(by):
    ev = evaluate_data(casefile(diagnoses=_diagnosis(by)))
    [f] = fired(ev, "R1.4", "violation")
    assert f.refs == ("d1",)


def test_r1_4_diagnosis_without_relevance_is_missing():
    data = casefile(diagnoses=_diagnosis({"name": "Dr. Ali", "role": "GZ-psycholoog"}, None))
    ev = evaluate_data(data)
    assert [f.kind for f in fired(ev, "R1.4")] == ["missing"]


def test_r1_4_qualified_and_relevant_diagnosis_is_fine():
    data = casefile(diagnoses=_diagnosis({"name": "Dr. Ali", "role": "GZ-psycholoog"}))
    assert fired(evaluate_data(data), "R1.4") == []


def test_r1_5_no_contra_signal_is_missing():
    data = casefile(signals=casefile()["signals"][:1])
    ev = evaluate_data(data)
    assert len(fired(ev, "R1.5", "missing")) == 1
    assert ev.steps[1].status == "incomplete"


def test_r1_5_explicit_statement_replaces_the_contra_signal():
    data = casefile(signals=casefile()["signals"][:1], no_contra_signals_known=True)
    ev = evaluate_data(data)
    assert fired(ev, "R1.5") == []
    assert ev.steps[1].status == "complete"


def test_r1_7_only_a_contra_signal_is_not_enough():
    data = casefile(signals=casefile()["signals"][1:], opinions=[])
    data["risks"][0]["based_on"] = ["c1"]
    data["disclosures"][0]["items"] = ["r1"]
    ev = evaluate_data(data)
    assert len(fired(ev, "R1.7", "missing")) == 1
    assert ev.steps[1].status == "incomplete"


def test_r1_7_quiet_with_a_signal_and_step_1_not_started_without_anything():
    assert fired(evaluate_data(casefile()), "R1.7") == []
    ev = evaluate_data(
        casefile(signals=[], opinions=[]) | {"risks": [], "decision": None, "disclosures": []}
    )
    assert fired(ev, "R1.7") == [] and ev.steps[1].status == "not_started"
