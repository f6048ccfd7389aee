"""procedure/conversation_checks.py: pure, no database. The age rule at a date and the
engine's verdict on a would-be case file."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from deelwijzer.procedure import conversation_checks as checks
from deelwijzer.procedure.casefile import load_casefile

births = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(births)
def test_the_rule_changes_exactly_on_the_16th_birthday(birth):
    turning = checks.turns_16_on(birth)
    before = checks.age_rule(birth, turning - timedelta(days=1))
    on = checks.age_rule(birth, turning)
    assert (before.age, before.rule, before.consent_needed) == (15, "R3.2", False)
    assert (on.age, on.rule, on.consent_needed) == (16, "R3.3", True)


def test_born_on_29_february():
    assert checks.turns_16_on(date(2008, 2, 29)) == date(2024, 2, 29)
    assert checks.turns_16_on(date(2084, 2, 29)) == date(2100, 3, 1)  # 2100 is no leap year
    assert checks.age_rule(date(2084, 2, 29), date(2100, 2, 28)).age == 15


def casefile(**parts):
    data = {
        "format": "deelwijzer-casefile/1",
        "evaluated_on": "2026-11-29",
        "organisation": {"attention_officer": False, "decision_maker_role": "team_leader"},
        "youth": {"pseudonym": "J-1", "birth_date": "2009-01-10"},
        "guardians": [{"id": "g1", "has_authority": True}],
        "team": [{"id": "p1"}],
    }
    data.update(parts)
    return load_casefile(data)


def parents_talk(held_on="2026-10-01", consent=None):
    return {
        "id": "c1",
        "held_on": held_on,
        "held_by": ["p1"],
        "participants": ["youth", "guardians"],
        "guardian_ids": ["g1"],
        "youth_consents_to_parent_contact": consent,
    }


TODAY = date(2026, 11, 29)


def test_new_violations_names_r3_3_for_a_17_year_old_without_consent():
    before = casefile()
    after = casefile(conversations=[parents_talk()])
    found = checks.new_violations(before, after, ["R3.3"], concerning="c1", today=TODAY)
    assert [f.rule for f in found] == ["R3.3"] and found[0].refs == ("c1",)
    with_consent = casefile(conversations=[parents_talk(consent=True)])
    assert checks.new_violations(before, with_consent, ["R3.3"], concerning="c1", today=TODAY) == []
    with_reason = casefile(
        conversations=[parents_talk()], guardians_without_consent={"reason": "Veiligheid."}
    )
    assert checks.new_violations(before, with_reason, ["R3.3"], concerning="c1", today=TODAY) == []


def test_under_16_at_the_date_no_r3_3():
    after = casefile(conversations=[parents_talk(held_on="2025-01-09")])  # one day before 16
    assert checks.violations(after, ["R3.3"], today=TODAY) == []


def test_the_exception_problem_uses_the_engines_words():
    ok = casefile(guardians_not_involved={"ground": "contrary_to_good_care", "reason": "Zorg."})
    assert checks.guardians_exception_problem(ok, today=TODAY) is None
    blank = casefile(guardians_not_involved={"ground": "contrary_to_good_care", "reason": " "})
    assert checks.guardians_exception_problem(blank, today=TODAY).startswith("Stap 3 (R3.2)")
    no_advice = casefile(guardians_not_involved={"ground": "unsafe_per_advice", "reason": "X."})
    assert "welk advies" in checks.guardians_exception_problem(no_advice, today=TODAY)
    assert checks.guardians_exception_problem(casefile(), today=TODAY) is None


def test_the_safety_reason_must_be_written_out():
    assert checks.safety_reason_problem("Acuut gevaar.") is None
    for blank in (None, "", "  \n"):
        assert "R3.3" in checks.safety_reason_problem(blank)
