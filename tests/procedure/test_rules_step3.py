"""Step 3 rules: each fires on a case that breaks it and stays quiet on a near-identical one."""

import pytest

from tests.procedure.factories import casefile, evaluate_data, fired, with_

SIXTEEN = "2010-03-14"  # 16 at the conversation of 2026-10-12 (the factory's youth is 15)


_R3_1_PARTS = (
    "purpose_explained",
    "signals_and_concerns_described",
    "reaction_asked",
    "next_steps_after_reaction",
)


@pytest.mark.parametrize("field", _R3_1_PARTS)
@pytest.mark.parametrize("value", [False, None])
def test_r3_1_each_part_of_the_conversation_is_needed(field, value):
    ev = evaluate_data(with_(casefile(), f"conversations.0.{field}", value))
    [f] = fired(ev, "R3.1", "missing")
    assert f.refs == ("c1",) and ev.steps[3].status == "incomplete"


def test_r3_1_quiet_when_all_parts_are_done():
    assert fired(evaluate_data(casefile()), "R3.1") == []


def _second_conversation(data, **parts):
    """``data`` with a second, later conversation c2, complete unless ``parts`` says not."""
    complete = dict.fromkeys(_R3_1_PARTS, True)
    c2 = dict(data["conversations"][0], id="c2", held_on="2026-10-19", **{**complete, **parts})
    data["conversations"].append(c2)
    return data


def test_r3_1_an_incomplete_first_talk_completed_by_a_second_is_enough():
    first = with_(casefile(), "conversations.0.reaction_asked", False)
    first = with_(first, "conversations.0.next_steps_after_reaction", False)
    ev = evaluate_data(_second_conversation(first))
    assert fired(ev, "R3.1") == [] and ev.steps[3].status == "complete"


def test_r3_1_parts_missing_in_every_conversation_are_still_missing():
    first = with_(casefile(), "conversations.0.next_steps_after_reaction", False)
    ev = evaluate_data(_second_conversation(first, next_steps_after_reaction=None))
    [f] = fired(ev, "R3.1", "missing")
    assert f.refs == ("c1", "c2") and ev.steps[3].status == "incomplete"
    assert "geen van de gesprekken (c1, c2)" in f.message
    assert "vervolgstappen" in f.message and "doel" not in f.message


def _youth_only(data):
    data = with_(data, "conversations.0.participants", ["youth"])
    return with_(data, "conversations.0.guardian_ids", [])


def test_r3_2_under_16_without_parents_with_authority_is_missing():
    ev = evaluate_data(_youth_only(casefile()))
    [f] = fired(ev, "R3.2", "missing")
    assert f.refs == ("g1",) and ev.steps[3].status == "incomplete"


def test_r3_2_every_parent_with_authority_counts():
    data = casefile()
    data["guardians"].append({"id": "g2", "name": "Karim Bakker", "has_authority": True})
    [f] = fired(evaluate_data(data), "R3.2", "missing")
    assert f.refs == ("g2",)
    data["guardians"][1]["has_authority"] = False  # without authority: not required
    assert fired(evaluate_data(data), "R3.2") == []


def test_r3_2_quiet_when_parents_took_part():
    assert fired(evaluate_data(casefile()), "R3.2") == []


def test_r3_2_quiet_from_16_on():
    data = with_(_youth_only(casefile()), "youth.birth_date", SIXTEEN)
    assert fired(evaluate_data(data), "R3.2") == []


def test_r3_2_exception_contrary_to_good_care_with_reason_is_fine():
    exc = {
        "ground": "contrary_to_good_care",
        "reason": "Huiselijk geweld bekend.",
        "advice_id": None,
    }
    data = casefile(guardians_not_involved=exc)
    assert fired(evaluate_data(_youth_only(data)), "R3.2") == []


def test_r3_2_exception_without_reason_is_missing():
    exc = {"ground": "contrary_to_good_care", "reason": " ", "advice_id": None}
    [f] = fired(evaluate_data(_youth_only(casefile(guardians_not_involved=exc))), "R3.2")
    assert "reden" in f.message


def _advice_a2_says(data, conversation_possible):
    return with_(data, "advice.1.answers.conversation_possible", conversation_possible)


def test_r3_2_unsafe_per_advice_needs_the_advice():
    exc = {"ground": "unsafe_per_advice", "reason": "Vader dreigt.", "advice_id": None}
    [f] = fired(evaluate_data(_youth_only(casefile(guardians_not_involved=exc))), "R3.2")
    assert "advies" in f.message
    exc["advice_id"] = "a2"
    data = _advice_a2_says(_youth_only(casefile(guardians_not_involved=exc)), False)
    assert fired(evaluate_data(data), "R3.2") == []


def test_r3_2_unsafe_per_advice_on_an_advice_that_says_a_conversation_is_possible():
    """The same check on the advice as R3.4's: an advice that says a conversation is
    possible does not find it unsafe, so the exception does not hold."""
    exc = {"ground": "unsafe_per_advice", "reason": "Vader dreigt.", "advice_id": "a2"}
    data = _advice_a2_says(_youth_only(casefile(guardians_not_involved=exc)), True)
    [f] = fired(evaluate_data(data), "R3.2", "missing")
    assert "advies a2 zegt juist dat een gesprek mogelijk is" in f.message
    assert "geen reden" not in f.message
    contrary = {**exc, "ground": "contrary_to_good_care"}  # that ground rests on no advice
    data = _advice_a2_says(_youth_only(casefile(guardians_not_involved=contrary)), True)
    assert fired(evaluate_data(data), "R3.2") == []


def test_r3_2_unsafe_per_advice_on_an_unanswered_advice():
    exc = {"ground": "unsafe_per_advice", "reason": "Vader dreigt.", "advice_id": "a2"}
    data = with_(_youth_only(casefile(guardians_not_involved=exc)), "advice.1.answers", None)
    [f] = fired(evaluate_data(data), "R3.2", "missing")
    assert "advies a2 is nog niet beantwoord" in f.message


def test_r3_2_uses_the_age_at_the_conversation_not_today():
    # 15 at the conversation (2026-10-12), 16 by the evaluation date
    data = with_(_youth_only(casefile()), "youth.birth_date", "2010-11-01")
    ev = evaluate_data(data)
    assert ev.age == 15 and len(fired(ev, "R3.2")) == 1


def test_r3_3_parents_of_a_16_year_old_without_consent_is_a_violation():
    data = with_(casefile(), "youth.birth_date", SIXTEEN)
    ev = evaluate_data(data)
    [f] = fired(ev, "R3.3", "violation")
    assert f.refs == ("c1",) and ev.age == 16


def test_r3_3_refused_consent_is_also_a_violation():
    data = with_(casefile(), "youth.birth_date", SIXTEEN)
    data = with_(data, "conversations.0.youth_consents_to_parent_contact", False)
    assert len(fired(evaluate_data(data), "R3.3", "violation")) == 1


def test_r3_3_consent_makes_it_fine():
    data = with_(casefile(), "youth.birth_date", SIXTEEN)
    data = with_(data, "conversations.0.youth_consents_to_parent_contact", True)
    assert fired(evaluate_data(data), "R3.3") == []


def test_r3_3_consent_given_earlier_counts_later_not():
    data = with_(casefile(), "youth.birth_date", "2009-01-01")
    youth_talk = dict(
        data["conversations"][0],
        id="c0",
        participants=["youth"],
        guardian_ids=[],
        youth_consents_to_parent_contact=True,
    )
    data["conversations"][0]["youth_consents_to_parent_contact"] = None
    data["conversations"].append(dict(youth_talk, held_on="2026-10-01"))
    assert fired(evaluate_data(data), "R3.3") == []
    data["conversations"][1]["held_on"] = "2026-10-20"
    assert len(fired(evaluate_data(data), "R3.3")) == 1


def test_r3_3_safety_reason_overrides_missing_consent():
    data = with_(casefile(), "youth.birth_date", SIXTEEN)
    data["guardians_without_consent"] = {"reason": "Dreigt te vertrekken naar Syrië."}
    assert fired(evaluate_data(data), "R3.3") == []
    data["guardians_without_consent"] = {"reason": ""}
    assert len(fired(evaluate_data(data), "R3.3")) == 1


def _skipped(reason, advice_id):
    return casefile(
        conversations=[], conversation_skipped={"reason": reason, "advice_id": advice_id}
    )


def _risky_advice(data):
    return with_(data, "advice.1.answers.conversation_possible", False)


@pytest.mark.parametrize(("reason", "advice_id"), [(None, "a2"), ("  ", "a2"), ("Dreigt.", None)])
def test_r3_4_skip_needs_a_reason_and_advice(reason, advice_id):
    data = _risky_advice(_skipped(reason, advice_id))
    data["risks"][0]["based_on"] = ["s1"]
    ev = evaluate_data(data)
    assert len(fired(ev, "R3.4", "violation")) == 1
    assert ev.steps[3].status == "incomplete"


def test_r3_4_skip_with_reason_and_advice_is_fine():
    data = _risky_advice(_skipped("Dreigt met geweld bij confrontatie.", "a2"))
    data["risks"][0]["based_on"] = ["s1"]
    ev = evaluate_data(data)
    assert fired(ev, "R3.4") == [] and ev.steps[3].status == "complete"


def test_r3_4_skip_cannot_rest_on_advice_that_says_a_conversation_is_possible():
    data = _skipped("Dreigt met geweld bij confrontatie.", "a2")
    data["risks"][0]["based_on"] = ["s1"]
    [f] = fired(evaluate_data(data), "R3.4")
    assert "a2" in f.message


def test_r3_4_sharing_without_conversation_or_recorded_skip_is_a_violation():
    data = casefile(conversations=[])
    data["risks"][0]["based_on"] = ["s1"]
    ev = evaluate_data(data)
    assert len(fired(ev, "R3.4", "violation")) == 1
    data = with_(data, "decision.share", False)
    data["disclosures"] = []
    assert fired(evaluate_data(data), "R3.4") == []


def test_r3_5_conversation_without_who_held_it_is_missing():
    ev = evaluate_data(with_(casefile(), "conversations.0.held_by", []))
    [f] = fired(ev, "R3.5", "missing")
    assert f.refs == ("c1",)
    assert fired(evaluate_data(casefile()), "R3.5") == []
