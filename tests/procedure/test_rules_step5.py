"""Step 5 rules and the sharing verdict (R5.1-R5.4)."""

import pytest

from tests.procedure.factories import casefile, evaluate_data, fired, with_


def no_consent(data=None):
    data = casefile() if data is None else data
    data = with_(data, "conversations.0.youth_consents_to_sharing", "refused")
    return with_(data, "decision.consent", "refused")


def test_r5_1_consent_makes_sharing_allowed():
    ev = evaluate_data(casefile())
    assert ev.sharing.allowed and ev.sharing.ground == "consent"
    assert fired(ev, "R5.2") == []


def test_r5_2_serious_concrete_risk_and_only_way_allow_sharing_without_consent():
    ev = evaluate_data(no_consent())
    assert ev.sharing.allowed and ev.sharing.ground == "serious_risk_only_way"
    assert fired(ev, "R5.2") == []


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("risks.0.severity", "considerable", "r1"),
        ("risks.0.description", "", "r1"),
        ("decision.serious_concrete_risks", [], "geen concreet, ernstig"),
        ("decision.only_way", False, "enige weg"),
        ("decision.only_way_reason", None, "enige weg"),
    ],
)
def test_r5_2_sharing_without_consent_and_without_a_ground_is_a_violation(path, value, words):
    ev = evaluate_data(with_(no_consent(), path, value))
    [f] = fired(ev, "R5.2", "violation")
    assert words in f.message
    assert not ev.sharing.allowed and ev.sharing.ground is None
    assert ev.steps[5].status == "incomplete"


def test_r5_2_a_lawful_decision_naming_a_risk_step_4_rates_lower_gets_a_warning():
    """With consent the decision is lawful without r1, but it names r1 as serious and
    concrete while step 4 rates it considerable (the team walk): a second look, not a
    violation; the sharing and the step's status stand."""
    before = evaluate_data(casefile())
    ev = evaluate_data(with_(casefile(), "risks.0.severity", "considerable"))
    assert ev.sharing.allowed and ev.sharing.ground == "consent"
    [f] = fired(ev, "R5.2")
    assert f.kind == "warning" and f.refs == ("r1",)
    assert "r1: de ernst is aanzienlijk, niet ernstig" in f.message
    assert "op grond van de toestemming van de jongere" in f.message
    assert ev.steps[5].status == before.steps[5].status


def test_r5_2_without_consent_the_warning_names_only_the_risk_that_is_not_serious():
    data = no_consent()
    second = {**data["risks"][0], "id": "r2", "severity": "limited"}
    data = with_(data, "risks", [data["risks"][0], second])
    data = with_(data, "decision.serious_concrete_risks", ["r1", "r2"])
    ev = evaluate_data(data)
    assert ev.sharing.ground == "serious_risk_only_way"
    [f] = fired(ev, "R5.2")
    assert f.kind == "warning" and f.refs == ("r2",)
    assert "noemt r2 als" in f.message and "r1" not in f.message
    assert "op grond van de andere risico's die het noemt" in f.message


def test_r5_2_a_decision_not_to_share_needs_no_ground():
    data = with_(no_consent(), "decision.only_way", False)
    data = with_(data, "decision.share", False)
    data["disclosures"] = []
    ev = evaluate_data(data)
    assert fired(ev, "R5.2") == [] and ev.steps[6].status == "not_applicable"


def test_consent_not_asked_counts_as_no_consent():
    data = with_(no_consent(), "decision.consent", "not_asked")
    data = with_(data, "conversations.0.youth_consents_to_sharing", "not_asked")
    data = with_(data, "decision.only_way", None)
    ev = evaluate_data(data)
    assert not ev.sharing.allowed and len(fired(ev, "R5.2")) == 1


RECORD = {"recorded_on": "2026-10-19", "how": "in_writing", "note": "Brief van de jongere."}


def test_the_latest_statement_on_consent_counts():
    # refused in the conversation, given later at the decision, with its own record
    data = with_(casefile(), "conversations.0.youth_consents_to_sharing", "refused")
    data = with_(data, "decision.consent_record", RECORD)
    ev = evaluate_data(data)
    assert ev.sharing.ground == "consent" and fired(ev, "R5.1") == []
    # given in the conversation, withdrawn at the decision
    data = with_(casefile(), "decision.consent", "refused")
    data = with_(data, "decision.only_way", False)
    assert not evaluate_data(data).sharing.allowed


def test_r5_1_consent_given_at_the_decision_without_a_record_does_not_count():
    data = with_(casefile(), "conversations.0.youth_consents_to_sharing", "refused")
    data = with_(data, "decision.only_way", False)
    ev = evaluate_data(data)
    assert not ev.sharing.allowed and ev.steps[5].status == "incomplete"
    [f] = fired(ev, "R5.1", "missing")
    assert f.refs == ("c1",)
    assert "in gesprek c1 (12 oktober 2026) staat: de jongere weigert toestemming" in f.message
    assert "wanneer, hoe (in een gesprek of schriftelijk)" in f.message


def test_r5_1_an_unrecorded_refusal_counts_but_is_reported():
    data = with_(casefile(), "decision.consent", "refused")
    data = with_(data, "decision.only_way", False)
    ev = evaluate_data(data)
    assert not ev.sharing.allowed and len(fired(ev, "R5.1", "missing")) == 1


def test_r5_1_not_asked_cannot_undo_a_recorded_statement():
    ev = evaluate_data(with_(casefile(), "decision.consent", "not_asked"))
    [f] = fired(ev, "R5.1", "missing")
    assert "het besluit zegt 'niet gevraagd'" in f.message


def test_r5_1_a_record_dated_before_a_later_conversation_is_overtaken_by_it():
    data = with_(casefile(), "conversations.0.youth_consents_to_sharing", "refused")
    data = with_(data, "decision.consent_record", dict(RECORD, recorded_on="2026-10-05"))
    assert evaluate_data(data).sharing.ground != "consent"


def test_sharing_verdict_without_a_decision_needs_consent():
    data = casefile(decision=None, disclosures=[])
    assert evaluate_data(data).sharing.ground == "consent"
    data = with_(data, "conversations.0.youth_consents_to_sharing", "not_asked")
    assert not evaluate_data(data).sharing.allowed


def test_r5_3_decision_by_another_role_is_a_violation():
    ev = evaluate_data(with_(casefile(), "decision.decided_by.role", "mentor"))
    [f] = fired(ev, "R5.3", "violation")
    assert "mentor" in f.message and "de teamleider" in f.message
    assert "team_leader" not in f.message  # #16.9: the role's name, not its code


def test_r5_3_an_unsigned_decision_names_the_role_in_words_16_9():
    ev = evaluate_data(with_(casefile(), "decision.decided_by.name", None))
    [f] = fired(ev, "R5.3", "missing")
    assert "De teamleider die het neemt" in f.message and "team_leader" not in f.message


def test_r5_3_a_role_written_out_is_the_same_role_as_its_code():
    ev = evaluate_data(with_(casefile(), "decision.decided_by.role", "Teamleider"))
    assert fired(ev, "R5.3") == []


def test_r5_3_the_named_role_is_fine_whatever_the_case_of_letters():
    ev = evaluate_data(with_(casefile(), "decision.decided_by.role", "Team_Leader"))
    assert fired(ev, "R5.3") == []


def test_r5_3_unknown_decider_is_missing():
    ev = evaluate_data(with_(casefile(), "decision.decided_by", None))
    assert [f.kind for f in fired(ev, "R5.3")] == ["missing"]


def test_r5_4_decision_without_any_risk_is_missing():
    data = casefile(risks=[])
    data = with_(data, "decision.serious_concrete_risks", [])
    data = with_(data, "disclosures.0.items", ["s1"])
    ev = evaluate_data(data)
    assert len(fired(ev, "R5.4", "missing")) == 1
    assert ev.steps[5].status == "incomplete"


def test_r5_4_quiet_when_risks_were_assessed():
    assert fired(evaluate_data(casefile()), "R5.4") == []
