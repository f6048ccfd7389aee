"""Step 6 rules: each fires on a case that breaks it and stays quiet on a near-identical one."""

import pytest

from deelwijzer.procedure.rules import context
from deelwijzer.procedure.rules.step6 import as_draft
from tests.procedure.factories import casefile, evaluate_data, fired, with_
from tests.procedure.test_rules_step1 import fake_checker


def test_r6_1_shared_item_with_interpretive_words_is_a_warning(monkeypatch):
    monkeypatch.setattr(context, "check_language", fake_checker)
    data = with_(casefile(), "signals.0.text", "Was agressief tegen de docent.")
    [f] = fired(evaluate_data(data), "R6.1", "warning")
    assert f.refs == ("x1", "s1") and "'agressief'" in f.message


def test_r6_1_quiet_when_the_interpretive_item_is_not_shared(monkeypatch):
    monkeypatch.setattr(context, "check_language", fake_checker)
    data = with_(casefile(), "signals.0.text", "Was agressief tegen de docent.")
    data = with_(data, "disclosures.0.items", ["r1"])
    ev = evaluate_data(data)
    assert fired(ev, "R6.1") == [] and len(fired(ev, "R1.1")) == 1


def test_r6_1_shared_signal_without_its_source_is_a_warning():
    data = with_(casefile(), "signals.1.source", {"kind": "other", "name": None, "role": None})
    data["risks"][0]["based_on"].append("s2")
    data = with_(data, "disclosures.0.items", ["s2", "r1"])
    [f] = fired(evaluate_data(data), "R6.1")
    assert f.refs == ("x1", "s2") and "bron" in f.message


def test_r6_1_real_checker_on_a_shared_signal():
    data = with_(casefile(), "signals.0.text", "Hij is gewelddadig en agressief.")
    assert fired(evaluate_data(data), "R6.1", "warning")
    assert fired(evaluate_data(casefile()), "R6.1") == []


def test_r6_2_share_without_steps_taken_is_missing():
    ev = evaluate_data(with_(casefile(), "disclosures.0.steps_taken", ""))
    [f] = fired(ev, "R6.2", "missing")
    assert f.refs == ("x1",) and ev.steps[6].status == "incomplete"
    assert fired(evaluate_data(casefile()), "R6.2") == []


def test_r6_3_item_not_linked_to_a_risk_is_a_warning():
    data = with_(casefile(), "disclosures.0.items", ["s1", "r1", "s2", "o1"])
    [f] = fired(evaluate_data(data), "R6.3", "warning")
    assert f.refs == ("x1", "s2", "o1")


def test_r6_3_says_that_no_risk_of_step_4_rests_on_the_item():
    data = with_(casefile(), "disclosures.0.items", ["s1", "r1", "s2", "o1"])
    [f] = fired(evaluate_data(data), "R6.3", "warning")
    assert f.message.startswith("Stap 6 (R6.3): verstrekking x1 deelt s2 en o1, maar in stap 4 ")
    assert "rust geen risico op s2 en o1" in f.message and "stap 4 toe" in f.message


def test_r6_3_on_a_draft_names_it_without_a_key_and_the_risk_chosen_per_item():
    """A disclosure being prepared (x1 only in the file judged): the professional chose r1
    for s2, which r1 does not rest on, and nothing for o1."""
    data = with_(casefile(), "disclosures.0.items", ["s1", "r1", "s2", "o1"])
    [f] = fired(evaluate_data(data), "R6.3", "warning")
    draft = as_draft(f, "x1", {"s1": "r1", "s2": "r1"})
    assert draft.message == (
        "Stap 6 (R6.3): deze verstrekking deelt s2 en o1, maar r1 rust in stap 4 niet op s2 "
        "en in stap 4 rust geen risico op o1. Deel alleen wat nodig is om de risico's te "
        "verkleinen: onderbouwt het een risico, voeg het dan in stap 4 toe aan waar dat risico "
        "op rust; anders deel je het niet."
    )
    assert (draft.rule, draft.kind, draft.refs) == (f.rule, f.kind, f.refs)


def test_other_step_6_findings_on_a_draft_call_it_deze_verstrekking():
    data = with_(casefile(), "disclosures.0.steps_taken", "")
    data["disclosures"][0]["id"] = "x10"  # "verstrekking x1" must not match inside x10
    [f] = fired(evaluate_data(data), "R6.2", "missing")
    assert as_draft(f, "x1", {}).message == f.message
    draft = as_draft(f, "x10", {})
    assert draft.message.startswith("Stap 6 (R6.2): bij deze verstrekking staat niet")
    assert "x10" not in draft.message


def test_r6_3_risk_and_what_it_rests_on_are_linked():
    data = with_(casefile(), "disclosures.0.items", ["s1", "c1", "r1"])
    assert fired(evaluate_data(data), "R6.3") == []


@pytest.mark.parametrize(
    "task_division",
    [None, {"professional": "blijft in gesprek", "recipient": None}, {"professional": ""}],
)
def test_r6_4_task_division_is_needed(task_division):
    ev = evaluate_data(with_(casefile(), "disclosures.0.task_division", task_division))
    assert len(fired(ev, "R6.4", "missing")) == 1
    assert fired(evaluate_data(casefile()), "R6.4") == []


@pytest.mark.parametrize(
    "feedback",
    [None, {"possible": None}, {"possible": True, "due_on": None, "received_on": None}],
)
def test_r6_5_feedback_agreement_is_needed(feedback):
    ev = evaluate_data(with_(casefile(), "disclosures.0.feedback", feedback))
    assert len(fired(ev, "R6.5", "missing")) == 1


def test_r6_5_agreeing_that_no_feedback_is_possible_is_an_agreement():
    feedback = {"possible": False, "due_on": None, "received_on": None}
    assert fired(evaluate_data(with_(casefile(), "disclosures.0.feedback", feedback)), "R6.5") == []


@pytest.mark.parametrize("recipient", [None, {"organisation": "other", "name": " "}])
def test_r6_6_recipient_is_needed(recipient):
    ev = evaluate_data(with_(casefile(), "disclosures.0.recipient", recipient))
    assert len(fired(ev, "R6.6", "missing")) == 1


def test_r6_6_named_recipient_is_fine():
    recipient = {"organisation": "other", "name": "Zorg- en Veiligheidshuis Regio Noord"}
    ev = evaluate_data(with_(casefile(), "disclosures.0.recipient", recipient))
    assert fired(ev, "R6.6") == []


def test_r6_7_disclosure_without_decision_is_a_violation():
    ev = evaluate_data(casefile(decision=None))
    [f] = fired(ev, "R6.7", "violation")
    assert f.refs == ("x1",) and ev.steps[6].status == "incomplete"


def test_r6_7_disclosure_after_a_decision_not_to_share_is_a_violation():
    ev = evaluate_data(with_(casefile(), "decision.share", False))
    assert len(fired(ev, "R6.7", "violation")) == 1
    assert ev.steps[6].status == "incomplete"  # something was shared after all


def test_r6_7_disclosure_before_the_decision_is_a_violation():
    ev = evaluate_data(with_(casefile(), "disclosures.0.shared_on", "2026-10-19"))
    [f] = fired(ev, "R6.7")
    assert "vóór" in f.message


def test_r6_7_disclosure_on_an_unlawful_decision_is_a_violation():
    data = with_(casefile(), "decision.consent", "refused")
    data = with_(data, "decision.only_way", False)
    assert len(fired(evaluate_data(data), "R6.7", "violation")) == 1


def test_r6_7_quiet_after_a_lawful_decision():
    ev = evaluate_data(casefile())
    assert fired(ev, "R6.7") == [] and ev.steps[6].status == "complete"


def test_step_6_not_applicable_after_a_decision_not_to_share():
    data = with_(casefile(disclosures=[]), "decision.share", False)
    assert evaluate_data(data).steps[6].status == "not_applicable"
    data = casefile(disclosures=[])
    assert evaluate_data(data).steps[6].status == "not_started"
