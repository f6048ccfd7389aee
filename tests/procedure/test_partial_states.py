"""Every rule R1.1-R6.7 in partial states: an entry holds part of what the rule asks.

Each test builds a case file that is complete except for one partial entry and asserts the
exact finding: rule, kind, refs, and a message that names what is missing (and nothing that
is there). docs/engine-partial-states.md lists the rule x partial state table with these
test names.
"""

import pytest

from tests.procedure.factories import casefile, evaluate_data, fired, with_

SIXTEEN = "2010-03-14"  # 16 at the conversation of 2026-10-12 (the factory's youth is 15)


def only(ev, rule):
    """The one finding of ``rule`` (fails when there is none or more than one)."""
    [f] = fired(ev, rule)
    return f


# --- step 1 ---------------------------------------------------------------------------------


def test_r1_1_interpretation_in_a_contra_signal_names_the_words():
    ev = evaluate_data(with_(casefile(), "signals.1.text", "Is agressief op het veld."))
    f = only(ev, "R1.1")
    assert f.kind == "warning" and f.refs == ("s2",)
    assert f.message.startswith("Stap 1 (R1.1): Contrasignaal s2 bevat 'agressief'")
    assert ev.steps[1].status == "complete"  # a warning never blocks


def _closed_opinion(status, follow_ups):
    opinion = {"id": "o1", "about": ["s1"], "text": "Wellicht invloed van nieuwe vrienden?"}
    return casefile(opinions=[opinion | {"status": status, "follow_ups": follow_ups}])


@pytest.mark.parametrize(("status", "word"), [("confirmed", "bevestigd"), ("refuted", "ontkracht")])
def test_r1_2_closed_opinion_without_follow_up_names_the_status(status, word):
    f = only(evaluate_data(_closed_opinion(status, [])), "R1.2")
    assert (f.kind, f.refs) == ("missing", ("o1",))
    assert f"mening o1 is {word}, maar er is geen vervolgaantekening" in f.message


def test_r1_2_a_follow_up_with_only_white_space_is_no_note():
    data = _closed_opinion("confirmed", [{"date": "2026-11-01", "text": "   "}])
    f = only(evaluate_data(data), "R1.2")
    assert f.kind == "missing" and "geen vervolgaantekening" in f.message


def test_r1_2_closed_opinion_with_a_dated_note_is_fine():
    data = _closed_opinion("refuted", [{"date": "2026-11-01", "text": "Nieuwe vrienden: nee."}])
    assert fired(evaluate_data(data), "R1.2") == []


@pytest.mark.parametrize(
    ("source", "gap"),
    [
        ({"kind": "other", "name": "Piet Jansen", "role": None}, "de rol van de bron"),
        ({"kind": "other", "name": " ", "role": "trainer"}, "de naam van de bron"),
        ({"kind": "other"}, "de naam en rol van de bron"),
    ],
)
def test_r1_3_source_of_someone_else_names_what_is_missing(source, gap):
    f = only(evaluate_data(with_(casefile(), "signals.1.source", source)), "R1.3")
    assert (f.kind, f.refs) == ("missing", ("s2",))
    assert f"contrasignaal s2 komt van een ander, maar {gap} staat er niet bij" in f.message


def test_r1_3_signal_without_any_source():
    f = only(evaluate_data(with_(casefile(), "signals.0.source", None)), "R1.3")
    assert f.kind == "missing" and "signaal s1 vermeldt geen bron" in f.message


def _diagnosis(established_by, relevance="Verklaart de terugtrekking niet."):
    return [{"id": "d1", "text": "ADHD", "established_by": established_by, "relevance": relevance}]


@pytest.mark.parametrize(
    ("by", "gap"),
    [
        ({"name": "Dr. Ali", "role": None}, "rol van die beroepskracht ontbreekt"),
        ({"name": None, "role": "GZ-psycholoog"}, "naam van die beroepskracht ontbreekt"),
        ({}, "naam en rol van die beroepskracht ontbreken"),
        (None, "naam en rol van die beroepskracht ontbreken"),
    ],
)
def test_r1_4_diagnosis_names_what_of_the_professional_is_missing(by, gap):
    f = only(evaluate_data(casefile(diagnoses=_diagnosis(by))), "R1.4")
    assert (f.kind, f.refs) == ("violation", ("d1",)) and f"({gap})" in f.message


def test_r1_4_established_but_without_relevance_is_only_missing():
    by = {"name": "Dr. Ali", "role": "GZ-psycholoog"}
    f = only(evaluate_data(casefile(diagnoses=_diagnosis(by, "  "))), "R1.4")
    assert f.kind == "missing" and "niet waarom ze relevant is" in f.message


def test_r1_5_r1_7_only_an_opinion_recorded_misses_signal_and_contra_signal():
    data = casefile(signals=[], risks=[], decision=None, disclosures=[], conversations=[])
    data = with_(data, "opinions.0.about", [])
    ev = evaluate_data(data)
    assert only(ev, "R1.5").kind == "missing" and only(ev, "R1.7").kind == "missing"
    assert ev.steps[1].status == "incomplete"


def test_r1_5_only_a_contra_signal_satisfies_r1_5_but_not_r1_7():
    data = casefile(signals=casefile()["signals"][1:], opinions=[], risks=[], decision=None)
    data["disclosures"] = []
    ev = evaluate_data(data)
    assert fired(ev, "R1.5") == []
    assert "nog geen signaal beschreven" in only(ev, "R1.7").message


# --- step 2 ---------------------------------------------------------------------------------

ALL_QUESTIONS = (
    "of de signalen op radicalisering kunnen duiden",
    "hoe ernstig ze zijn",
    "welke veiligheidsrisico's er zijn",
    "of die risico's op korte termijn of later spelen",
    "welke vervolgstappen nodig zijn",
    "of een gesprek met de jongere en/of ouders mogelijk is",
    "welke risico's het gesprek zelf kan geven",
)


def test_r2_4_outcome_recorded_but_answers_missing_reports_r2_4_not_r2_6():
    ev = evaluate_data(with_(casefile(), "advice.1.answers", None))
    f = only(ev, "R2.4")
    assert (f.kind, f.refs) == ("missing", ("a2",))
    for question in ALL_QUESTIONS:
        assert question in f.message
    assert fired(ev, "R2.6") == [] and fired(ev, "R2.5") == []
    assert ev.steps[2].status == "incomplete"


def test_r2_4_r2_5_answered_in_part_and_no_outcome_names_both():
    answers = {"may_indicate_radicalisation": "yes", "severity": "zorgelijk"}
    data = with_(casefile(), "advice.1.answers", answers)
    data = with_(data, "advice.1.outcome", None)
    ev = evaluate_data(data)
    f = only(ev, "R2.4")
    assert "hoe ernstig" not in f.message and "op radicalisering kunnen duiden" not in f.message
    assert "welke veiligheidsrisico's er zijn" in f.message and "korte termijn" in f.message
    assert only(ev, "R2.5").refs == ("a2",) and fired(ev, "R2.6") == []


def test_r2_4_empty_answers_object_is_every_question_open():
    f = only(evaluate_data(with_(casefile(), "advice.1.answers", {})), "R2.4")
    assert all(q in f.message for q in ALL_QUESTIONS)


def test_r2_5_fully_answered_without_outcome_is_only_r2_5():
    ev = evaluate_data(with_(casefile(), "advice.1.outcome", None))
    assert only(ev, "R2.5").kind == "missing"
    assert fired(ev, "R2.4") == [] and fired(ev, "R2.6") == []


def test_r2_6_nothing_recorded_yet_is_only_r2_6():
    data = with_(casefile(), "advice.1.answers", None)
    ev = evaluate_data(with_(data, "advice.1.outcome", None))
    f = only(ev, "R2.6")
    assert f.refs == ("a2",) and "staat nog niet in het dossier" in f.message
    assert fired(ev, "R2.4") == [] and fired(ev, "R2.5") == []


def test_r2_1_external_request_without_text_or_flag_is_no_violation():
    data = with_(casefile(), "advice.1.adviser", {"kind": "external", "organisation": "police"})
    data = with_(data, "advice.1.request_text", None)
    assert fired(evaluate_data(data), "R2.1") == []


def test_r2_3_r2_8_attention_officer_asked_but_unanswered():
    data = with_(casefile(), "advice.1.answers", None)
    data = with_(data, "advice.1.outcome", None)
    ev = evaluate_data(data)
    assert fired(ev, "R2.3") == [] and fired(ev, "R2.8") == []  # asked: R2.6 waits for it
    assert only(ev, "R2.6").refs == ("a2",)


def test_r2_2_team_colleague_named_the_youth_and_has_not_answered_yet():
    """R2.2: naming the youth to a team colleague is allowed; the open answer is R2.4 only."""
    ev = evaluate_data(with_(casefile(), "advice.0.answers", None))
    assert fired(ev, "R2.1") == []
    f = only(ev, "R2.4")
    assert (f.kind, f.refs) == ("missing", ("a1",))


def test_r2_7_advice_asked_after_the_conversation_is_no_finding():
    """R2.7: steps 2 and 3 in either order; advice after the conversation completes both."""
    data = with_(casefile(), "advice.0.asked_on", "2026-10-13")
    data = with_(data, "advice.1.asked_on", "2026-10-14")
    ev = evaluate_data(data)
    assert [f for f in ev.findings if f.rule.startswith(("R2", "R3"))] == []
    assert ev.steps[2].status == "complete" and ev.steps[3].status == "complete"


# --- step 3 ---------------------------------------------------------------------------------


def test_r3_1_conversation_partly_filled_names_exactly_the_open_parts():
    data = with_(casefile(), "conversations.0.reaction_asked", None)
    data = with_(data, "conversations.0.next_steps_after_reaction", False)
    f = only(evaluate_data(data), "R3.1")
    assert (f.kind, f.refs) == ("missing", ("c1",))
    assert "om een reactie gevraagd" in f.message and "pas na de reactie" in f.message
    assert "het doel uitgelegd" not in f.message and "signalen en zorgen" not in f.message


def _youth_only(data):
    data = with_(data, "conversations.0.participants", ["youth"])
    return with_(data, "conversations.0.guardian_ids", [])


def test_r3_2_exception_without_reason_and_without_advice_names_both():
    exc = {"ground": "unsafe_per_advice", "reason": None, "advice_id": None}
    f = only(evaluate_data(_youth_only(casefile(guardians_not_involved=exc))), "R3.2")
    assert f.kind == "missing" and "vul de reden en het advies aan" in f.message


def test_r3_2_exception_with_advice_but_without_reason_names_the_reason():
    exc = {"ground": "unsafe_per_advice", "reason": "", "advice_id": "a2"}
    data = _youth_only(casefile(guardians_not_involved=exc))
    f = only(evaluate_data(with_(data, "advice.1.answers.conversation_possible", False)), "R3.2")
    assert "geen reden: vul de reden aan" in f.message and "advies" not in f.message


def test_r3_2_exception_without_reason_on_an_advice_that_says_a_talk_is_possible_names_both():
    exc = {"ground": "unsafe_per_advice", "reason": "", "advice_id": "a2"}
    f = only(evaluate_data(_youth_only(casefile(guardians_not_involved=exc))), "R3.2")
    assert "geen reden: vul de reden aan" in f.message
    assert "advies a2 zegt juist dat een gesprek mogelijk is" in f.message


def test_r3_3_override_with_an_empty_reason_is_still_a_violation():
    data = casefile(guardians_without_consent={"reason": "  "})
    data = with_(data, "youth.birth_date", SIXTEEN)
    f = only(evaluate_data(data), "R3.3")
    assert (f.kind, f.refs) == ("violation", ("c1",)) and "zonder vastgelegde reden" in f.message


def _skipped(reason, advice_id):
    data = casefile(
        conversations=[], conversation_skipped={"reason": reason, "advice_id": advice_id}
    )
    data["risks"][0]["based_on"] = ["s1"]
    return with_(data, "advice.1.answers.conversation_possible", False)


def test_r3_4_skip_resting_on_an_unanswered_advice_is_a_violation():
    data = with_(_skipped("Dreigt met geweld bij confrontatie.", "a2"), "advice.1.answers", None)
    f = only(evaluate_data(data), "R3.4")
    assert (f.kind, f.refs) == ("violation", ("a2",))
    assert "advies a2 is nog niet beantwoord" in f.message


def test_r3_4_skip_without_reason_and_advice_names_both():
    f = only(evaluate_data(_skipped(None, None)), "R3.4")
    assert "er staat geen reden bij en er staat niet bij op welk advies" in f.message


def test_r3_5_conversation_without_who_held_it():
    f = only(evaluate_data(with_(casefile(), "conversations.0.held_by", [])), "R3.5")
    assert f.kind == "missing" and "niet wie het voerde" in f.message


# --- step 4 ---------------------------------------------------------------------------------


def test_r4_1_risk_without_timing_names_only_the_timing():
    f = only(evaluate_data(with_(casefile(), "risks.0.timing", None)), "R4.1")
    assert (f.kind, f.refs) == ("missing", ("r1",))
    assert "ontbreekt of het op korte termijn of later speelt." in f.message
    assert "de ernst" not in f.message and "beschrijving" not in f.message


def test_r4_1_risk_without_severity_and_description_names_both():
    data = with_(casefile(), "risks.0.severity", None)
    data = with_(data, "risks.0.description", " ")
    f = only(evaluate_data(data), "R4.1")
    assert "een concrete beschrijving, de ernst." in f.message


def test_r4_2_risk_without_who_is_at_risk():
    f = only(evaluate_data(with_(casefile(), "risks.0.at_risk", None)), "R4.2")
    assert f.kind == "missing" and "niet voor wie of wat" in f.message


def test_r4_3_quiet_when_the_only_advice_is_unanswered():
    data = casefile(advice=casefile()["advice"][1:])
    data = with_(data, "advice.0.answers", None)
    data = with_(data, "advice.0.outcome", None)
    data = with_(data, "risks.0.advice_id", None)
    assert fired(evaluate_data(data), "R4.3") == []


# --- step 5 ---------------------------------------------------------------------------------


def _no_consent(data=None):
    data = casefile() if data is None else data
    data = with_(data, "conversations.0.youth_consents_to_sharing", "refused")
    return with_(data, "decision.consent", "refused")


@pytest.mark.parametrize(
    ("path", "value", "why"),
    [
        ("risks.0.severity", "considerable", "(r1: de ernst is aanzienlijk, niet ernstig)"),
        ("risks.0.severity", None, "(r1: de ernst ontbreekt)"),
        ("risks.0.description", "", "(r1: de concrete beschrijving ontbreekt)"),
    ],
)
def test_r5_2_named_risk_says_what_keeps_it_from_serious_and_concrete(path, value, why):
    f = only(evaluate_data(with_(_no_consent(), path, value)), "R5.2")
    assert f.kind == "violation" and f.refs == ("r1",)
    assert f"risico r1 is niet als ernstig en concreet beschreven {why}" in f.message
    assert "enige weg" not in f.message.split("Zonder toestemming")[0]


@pytest.mark.parametrize(
    ("only_way", "reason", "why"),
    [
        (True, " ", "er staat niet waarom andere wegen tekortschieten"),
        (None, "Alleen de politie kan dit.", "het besluit stelt niet dat andere wegen"),
    ],
)
def test_r5_2_only_way_names_whether_the_statement_or_its_reason_is_missing(only_way, reason, why):
    data = with_(_no_consent(), "decision.only_way", only_way)
    f = only(evaluate_data(with_(data, "decision.only_way_reason", reason)), "R5.2")
    assert f"het is niet onderbouwd dat delen de enige weg is ({why}" in f.message
    assert "niet als ernstig en concreet" not in f.message


def test_r5_3_decision_submitted_but_not_signed_is_missing():
    ev = evaluate_data(
        with_(casefile(), "decision.decided_by", {"name": None, "role": "team_leader"})
    )
    f = only(ev, "R5.3")
    assert f.kind == "missing" and "het besluit is nog niet afgetekend" in f.message
    assert ev.steps[5].status == "incomplete"


def test_r5_3_decider_named_without_role_asks_for_the_role():
    data = with_(casefile(), "decision.decided_by", {"name": "Carla Vos", "role": None})
    f = only(evaluate_data(data), "R5.3")
    assert f.kind == "missing" and "niet in welke rol Carla Vos het besluit nam" in f.message


@pytest.mark.parametrize("by", [None, {}, {"name": " ", "role": ""}])
def test_r5_3_no_decider_at_all(by):
    f = only(evaluate_data(with_(casefile(), "decision.decided_by", by)), "R5.3")
    assert f.kind == "missing" and "er staat niet wie het besluit nam" in f.message


def test_r5_4_decision_before_any_risk_assessment():
    data = casefile(risks=[])
    data = with_(data, "decision.serious_concrete_risks", [])
    data = with_(data, "disclosures.0.items", ["s1"])
    f = only(evaluate_data(data), "R5.4")
    assert f.kind == "missing" and "zonder risicotaxatie" in f.message


def test_r5_1_consent_at_the_decision_when_step_3_recorded_none_asks_for_its_record():
    """The conversation holds no statement on sharing; the decision says 'given' without a
    record of its own. The message says step 3 holds none (not that it holds another one)."""
    data = with_(casefile(), "conversations.0.youth_consents_to_sharing", None)
    f = only(evaluate_data(data), "R5.1")
    assert (f.kind, f.refs) == ("missing", ())
    assert "in stap 3 is niet vastgelegd dat de jongere zich over delen uitsprak" in f.message
    assert "Die uitspraak telt pas met een eigen vastlegging" in f.message
    assert "andere uitspraak" not in f.message


def test_r5_1_the_same_statement_as_step_3_needs_no_record():
    assert fired(evaluate_data(casefile()), "R5.1") == []


# --- step 6 ---------------------------------------------------------------------------------


def test_r6_1_shared_signal_with_half_a_source():
    data = with_(casefile(), "signals.1.source", {"kind": "other", "name": "Piet", "role": None})
    data["risks"][0]["based_on"].append("s2")
    data = with_(data, "disclosures.0.items", ["s2", "r1"])
    f = only(evaluate_data(data), "R6.1")
    assert f.kind == "warning" and f.refs == ("x1", "s2") and "noemt de bron niet" in f.message


def test_r6_2_steps_taken_blank():
    f = only(evaluate_data(with_(casefile(), "disclosures.0.steps_taken", "  ")), "R6.2")
    assert (f.kind, f.refs) == ("missing", ("x1",))


def test_r6_3_shared_opinion_not_linked_to_a_risk():
    data = with_(casefile(), "disclosures.0.items", ["s1", "r1", "o1"])
    f = only(evaluate_data(data), "R6.3")
    assert f.kind == "warning" and f.refs == ("x1", "o1")


@pytest.mark.parametrize(
    ("division", "says"),
    [
        ({"professional": "blijft in gesprek", "recipient": None}, "wat de ontvanger doet"),
        ({"professional": " ", "recipient": "onderzoekt het contact"}, "wat jij doet."),
        ({}, "wat jij doet en wat de ontvanger doet"),
        (None, "wat jij doet en wat de ontvanger doet"),
    ],
)
def test_r6_4_task_division_names_the_missing_half(division, says):
    f = only(evaluate_data(with_(casefile(), "disclosures.0.task_division", division)), "R6.4")
    assert (f.kind, f.refs) == ("missing", ("x1",)) and says in f.message


def test_r6_4_one_half_missing_does_not_claim_the_other_is_missing():
    division = {"professional": "blijft in gesprek", "recipient": None}
    f = only(evaluate_data(with_(casefile(), "disclosures.0.task_division", division)), "R6.4")
    assert "wat jij doet" not in f.message


@pytest.mark.parametrize(
    ("feedback", "says"),
    [
        (None, "niet afgesproken of de ontvanger kan terugkoppelen"),
        ({"possible": None, "due_on": "2026-11-04"}, "niet afgesproken of de ontvanger kan"),
        ({"possible": True, "due_on": None}, "niet wanneer de terugkoppeling komt"),
    ],
)
def test_r6_5_disclosure_without_full_feedback_agreement(feedback, says):
    ev = evaluate_data(with_(casefile(), "disclosures.0.feedback", feedback))
    f = only(ev, "R6.5")
    assert (f.kind, f.refs) == ("missing", ("x1",)) and says in f.message
    assert ev.steps[6].status == "incomplete"


def test_r6_5_no_feedback_possible_needs_no_date():
    data = with_(casefile(), "disclosures.0.feedback", {"possible": False, "due_on": None})
    assert fired(evaluate_data(data), "R6.5") == []


def test_r6_6_other_recipient_without_a_name():
    data = with_(casefile(), "disclosures.0.recipient", {"organisation": "other", "name": " "})
    f = only(evaluate_data(data), "R6.6")
    assert f.kind == "missing" and "'andere organisatie', maar niet welke" in f.message


def test_r6_6_no_recipient_at_all():
    f = only(evaluate_data(with_(casefile(), "disclosures.0.recipient", None)), "R6.6")
    assert "staat niet met wie je deelt" in f.message


@pytest.mark.parametrize(
    ("path", "value", "says"),
    [
        ("decision", None, "er is geen besluit (stap 5) om te delen"),
        ("decision.share", False, "het besluit in stap 5 was om niet te delen"),
        ("disclosures.0.shared_on", "2026-10-19", "er is gedeeld vóór het besluit"),
    ],
)
def test_r6_7_disclosure_without_a_lawful_prior_decision(path, value, says):
    f = only(evaluate_data(with_(casefile(), path, value)), "R6.7")
    assert (f.kind, f.refs) == ("violation", ("x1",)) and says in f.message


def test_r6_7_decision_to_share_without_ground():
    data = with_(_no_consent(), "decision.only_way", False)
    f = only(evaluate_data(data), "R6.7")
    assert "geen geldige grond" in f.message
