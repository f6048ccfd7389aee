"""Issue #16 ("Done when"): once every step is klaar, the case page's "Wat nu" says the case
is complete instead of falling silent; a step still open, or a decision waiting for sign-off,
keeps it pointing at that step."""

from __future__ import annotations

from deelwijzer.decisions.selectors import step5_status
from deelwijzer.ui.stepview import all_done, next_thing, step_rows
from tests.procedure.factories import casefile, evaluate_data, with_, without


def test_a_complete_case_has_nothing_next_and_is_all_done():
    rows = step_rows(1, evaluate_data(casefile()))
    assert [r.status_label for r in rows] == ["klaar"] * 6
    assert next_thing(rows) is None
    assert all_done(rows)


def test_a_decision_not_to_share_leaves_step_6_not_applicable_and_the_case_done():
    data = with_(without(casefile(), "disclosures"), "decision.share", False)
    rows = step_rows(1, evaluate_data(data))
    assert rows[5].status == "not_applicable"
    assert all_done(rows)


def test_a_new_decision_waiting_for_sign_off_is_not_done():
    evaluation = evaluate_data(casefile())
    shown = step5_status(evaluation.steps[5].status, "submitted")  # step 5's status hook
    rows = step_rows(1, evaluation, statuses={5: shown})
    assert not all_done(rows)
    assert next_thing(rows).number == 5


def test_an_open_step_is_not_done():
    rows = step_rows(1, evaluate_data(with_(casefile(), "advice.0.outcome", None)))
    assert not all_done(rows)
    assert next_thing(rows).number == 2


def test_without_an_evaluation_nothing_is_done():
    assert not all_done(step_rows(1, None))
