"""Step 4 rules: each fires on a case that breaks it and stays quiet on a near-identical one."""

import pytest

from tests.procedure.factories import casefile, evaluate_data, fired, with_


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("description", None, "beschrijving"),
        ("description", "   ", "beschrijving"),
        ("severity", None, "ernst"),
        ("timing", None, "korte termijn"),
        ("based_on", [], "rust"),
    ],
)
def test_r4_1_each_part_of_the_risk_is_needed(field, value, words):
    ev = evaluate_data(with_(casefile(), f"risks.0.{field}", value))
    [f] = fired(ev, "R4.1", "missing")
    assert f.refs == ("r1",) and words in f.message
    assert ev.steps[4].status == "incomplete"


def test_r4_1_quiet_on_a_fully_described_risk():
    ev = evaluate_data(casefile())
    assert fired(ev, "R4.1") == [] and ev.steps[4].status == "complete"


def test_r4_2_risk_without_who_is_at_risk_is_missing():
    ev = evaluate_data(with_(casefile(), "risks.0.at_risk", None))
    [f] = fired(ev, "R4.2", "missing")
    assert f.refs == ("r1",)


@pytest.mark.parametrize("at_risk", ["professional", "family", "regional_national"])
def test_r4_2_any_named_target_is_fine(at_risk):
    assert fired(evaluate_data(with_(casefile(), "risks.0.at_risk", at_risk)), "R4.2") == []


def test_r4_3_risk_not_naming_the_advice_given_is_a_warning():
    ev = evaluate_data(with_(casefile(), "risks.0.advice_id", None))
    [f] = fired(ev, "R4.3", "warning")
    assert f.refs == ("r1",)
    assert ev.steps[4].status == "complete"  # a warning does not block


def test_r4_3_quiet_when_no_advice_was_answered():
    data = with_(casefile(), "risks.0.advice_id", None)
    for i in (0, 1):
        data = with_(data, f"advice.{i}.answers", None)
        data = with_(data, f"advice.{i}.outcome", None)
    assert fired(evaluate_data(data), "R4.3") == []
