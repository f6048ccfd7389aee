"""Step 2 rules: each fires on a case that breaks it and stays quiet on a near-identical one."""

import pytest

from tests.procedure.factories import casefile, evaluate_data, fired, with_

ANONYMOUS = "Een leerling draagt sinds drie weken een nikab. Kan dit duiden op radicalisering?"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Yusuf draagt sinds drie weken een nikab.", "'Yusuf'"),
        ("Een leerling (geboren 14-03-2011) draagt een nikab.", "'14-03-2011'"),
        ("Zijn moeder Fatima maakt zich zorgen.", "'Fatima'"),
        ("Een leerling uit klas 3B draagt een nikab.", "3B"),
        ("Hij post als @yusuf_b filmpjes.", "yusuf_b"),
    ],
)
def test_r2_1_identifying_text_to_the_attention_officer_is_a_violation(text, named):
    ev = evaluate_data(with_(casefile(), "advice.1.request_text", text))
    [f] = fired(ev, "R2.1", "violation")
    assert f.refs == ("a2",) and named in f.message
    assert ev.steps[2].status == "incomplete"


def test_r2_1_anonymous_text_to_the_attention_officer_is_fine():
    ev = evaluate_data(with_(casefile(), "advice.1.request_text", ANONYMOUS))
    assert fired(ev, "R2.1") == []


def test_r2_1_the_flag_alone_is_a_violation_for_an_external_adviser():
    data = with_(casefile(), "advice.1.adviser", {"kind": "external", "organisation": "police"})
    data = with_(data, "advice.1.identifies_youth", True)
    [f] = fired(evaluate_data(data), "R2.1", "violation")
    assert "de politie" in f.message


def test_r2_1_external_adviser_with_anonymous_request_is_fine():
    data = with_(casefile(), "advice.1.adviser", {"kind": "external", "organisation": "police"})
    assert fired(evaluate_data(data), "R2.1") == []


def test_r2_1_a_team_colleague_may_hear_the_name():
    data = casefile()  # a1 goes to team member p2, names Yusuf and his class, flag set
    assert "Yusuf" in data["advice"][0]["request_text"]
    assert fired(evaluate_data(data), "R2.1") == []


def test_r2_3_attention_officer_not_asked_is_missing():
    data = with_(casefile(), "advice", casefile()["advice"][:1])
    data["risks"][0]["advice_id"] = "a1"
    ev = evaluate_data(data)
    assert len(fired(ev, "R2.3", "missing")) == 1
    assert ev.steps[2].status == "incomplete"


def test_r2_3_quiet_when_the_organisation_has_no_attention_officer():
    data = with_(casefile(), "advice", casefile()["advice"][:1])
    data["risks"][0]["advice_id"] = "a1"
    data = with_(data, "organisation.attention_officer", False)
    ev = evaluate_data(data)
    assert fired(ev, "R2.3") == [] and ev.steps[2].status == "complete"


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("may_indicate_radicalisation", "op radicalisering kunnen duiden"),
        ("severity", "hoe ernstig"),
        ("safety_risks", "welke veiligheidsrisico"),
        ("timing", "korte termijn"),
        ("follow_up_steps", "welke vervolgstappen"),
        ("follow_up_by", "wie de vervolgstappen"),
        ("conversation_possible", "of een gesprek"),
        ("conversation_by", "wie dat gesprek"),
        ("conversation_risks", "het gesprek zelf"),
    ],
)
def test_r2_4_each_open_question_of_the_advice_is_missing(field, words):
    ev = evaluate_data(with_(casefile(), f"advice.1.answers.{field}", None))
    [f] = fired(ev, "R2.4", "missing")
    assert f.refs == ("a2",) and words in f.message


def test_r2_4_when_signals_do_not_point_to_radicalisation_severity_is_not_asked():
    data = with_(casefile(), "advice.1.answers.may_indicate_radicalisation", "no")
    for field in ("severity", "safety_risks", "timing", "conversation_possible"):
        data = with_(data, f"advice.1.answers.{field}", None)
    assert fired(evaluate_data(data), "R2.4") == []


def test_r2_5_answered_advice_without_decision_is_missing():
    ev = evaluate_data(with_(casefile(), "advice.1.outcome", None))
    [f] = fired(ev, "R2.5", "missing")
    assert f.refs == ("a2",)


@pytest.mark.parametrize("outcome", ["no_follow_up", "extra_attention", "more_advice"])
def test_r2_5_any_one_decision_is_fine(outcome):
    assert fired(evaluate_data(with_(casefile(), "advice.1.outcome", outcome)), "R2.5") == []


def test_r2_6_unanswered_advice_is_not_yet_in_the_dossier():
    data = with_(casefile(), "advice.0.answers", None)
    data = with_(data, "advice.0.outcome", None)
    ev = evaluate_data(data)
    [f] = fired(ev, "R2.6", "missing")
    assert f.refs == ("a1",) and fired(ev, "R2.5") == []


def test_r2_6_answered_advice_is_recorded():
    assert fired(evaluate_data(casefile()), "R2.6") == []


def test_r2_8_risk_without_any_advice_is_missing():
    data = casefile(advice=[])
    data["risks"][0]["advice_id"] = None
    ev = evaluate_data(data)
    [f] = fired(ev, "R2.8", "missing")
    assert f.refs == ("r1",)
    assert ev.steps[2].status == "not_started"


def test_r2_8_no_risk_and_no_advice_is_fine():
    data = casefile(advice=[], risks=[], decision=None, disclosures=[])
    ev = evaluate_data(data)
    assert fired(ev, "R2.8") == [] and fired(ev, "R2.3") == []
