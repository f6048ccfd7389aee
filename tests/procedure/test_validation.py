"""Validation: schema problems and problems of meaning, each one line with its JSON path."""

from datetime import date

from deelwijzer.procedure.validation import load_schema, validate_casefile
from tests.procedure.factories import casefile, minimal_casefile, with_


def test_the_factories_build_valid_files():
    assert validate_casefile(casefile()) == []
    assert validate_casefile(minimal_casefile()) == []


def test_schema_is_draft_2020_12_and_names_every_top_level_field():
    schema = load_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(casefile()) == set(schema["properties"])


def test_every_reference_field_is_checked():
    refs = {
        "signals.0.recorded_by": "zz",
        "opinions.0.about": ["zz"],
        "advice.0.asked_by": "zz",
        "advice.0.adviser.member": "zz",
        "conversations.0.held_by": ["zz"],
        "conversations.0.guardian_ids": ["zz"],
        "risks.0.based_on": ["zz"],
        "risks.0.advice_id": "zz",
        "decision.serious_concrete_risks": ["zz"],
        "disclosures.0.items": ["zz"],
    }
    data = casefile(
        conversation_skipped={"reason": "r", "advice_id": "zz"},
        guardians_not_involved={"ground": "unsafe_per_advice", "advice_id": "zz"},
    )
    for path, value in refs.items():
        data = with_(data, path, value)
    problems = validate_casefile(data)
    assert len(problems) == len(refs) + 2
    assert all("unknown id 'zz'" in p for p in problems)
    assert "$.guardians_not_involved.advice_id: unknown id 'zz'" in "\n".join(problems)


def test_a_disclosure_may_only_share_what_is_in_the_file():
    data = with_(casefile(), "disclosures.0.items", ["p1"])
    assert validate_casefile(data) == [
        "$.disclosures[0].items[0]: 'p1' is a team member, expected a signal or opinion or "
        "diagnosis or advice request or conversation or risk"
    ]


def test_duplicate_ids_across_groups():
    data = with_(casefile(), "risks.0.id", "s1")
    data = with_(data, "decision.serious_concrete_risks", ["s1"])
    data = with_(data, "disclosures.0.items", ["s1"])
    problems = validate_casefile(data)
    assert problems[0] == "$.risks[0].id: duplicate id 's1' (first used at $.signals[0].id)"


def test_impossible_dates():
    data = with_(casefile(), "advice.0.asked_on", "2011-03-13")
    data = with_(data, "opinions.0.follow_ups", [{"date": "2027-01-01", "text": "x"}])
    data = with_(data, "youth.birth_date", "2011-03-14")
    assert validate_casefile(data) == [
        "$.advice[0].asked_on: 2011-03-13 lies before the birth date (2011-03-14)",
        "$.opinions[0].follow_ups[0].date: 2027-01-01 lies after the evaluation date (2026-11-29)",
    ]


def test_a_birth_date_in_the_future_is_one_problem():
    data = with_(minimal_casefile(), "youth.birth_date", "2030-01-01")
    assert validate_casefile(data) == [
        "$.youth.birth_date: 2030-01-01 lies after the evaluation date (2026-11-29)"
    ]


def test_feedback_due_date_may_lie_in_the_future():
    data = with_(casefile(), "disclosures.0.feedback.due_on", "2027-02-01")
    assert validate_casefile(data) == []
    data = with_(casefile(), "disclosures.0.feedback.received_on", "2027-02-01")
    assert len(validate_casefile(data)) == 1


def test_schema_and_meaning_problems_are_reported_together():
    data = with_(casefile(), "signals.0.kind", "rumour")
    data = with_(data, "signals.1.id", "s1")
    problems = validate_casefile(data, today=date(2026, 11, 29))
    assert problems == [
        "$.signals[0].kind: 'rumour' is not one of ['signal', 'contra_signal']",
        "$.signals[1].id: duplicate id 's1' (first used at $.signals[0].id)",
    ]


def test_broken_structure_never_crashes_the_checks_of_meaning():
    data = minimal_casefile(
        signals=[1, "x", {"id": 5}],
        risks={"a": 1},
        decision=[],
        conversations=[{"participants": "guardians", "guardian_ids": 3}],
    )
    problems = validate_casefile(data)
    assert problems and all(p.startswith("$") for p in problems)
