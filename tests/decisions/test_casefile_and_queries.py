"""Step 5's case file contribution, the engine's statuses as the decision moves, and the
query counts of the step 5 page and the queue."""

from __future__ import annotations

import pytest

from deelwijzer.decisions.services import signed_off_share_decision
from deelwijzer.interchange.casefile import build_casefile, case_evaluation
from deelwijzer.procedure.casefile import load_casefile
from tests.decisions.helpers import CONSENT_RECORD, lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.risks.helpers import many_risks, queries_for, url


def sign_off(client, case, version: int = 1):
    return client.post(
        url("decision_sign_off", case), {"expected_version": str(version), "confirm": "on"}
    )


def test_only_a_signed_off_decision_is_in_the_case_file(personas, client_for):
    case = prepared(personas)
    assert build_casefile(case)["decision"] is None
    assert case_evaluation(case).steps[5].status == "not_started"
    post_decision(client_for(personas.professional), case, **lawful_without_consent())
    assert build_casefile(case)["decision"] is None  # submitted is not decided
    assert case_evaluation(case).steps[5].status == "not_started"
    assert sign_off(client_for(personas.decision_maker), case).status_code == 302
    data = build_casefile(case)
    load_casefile(data)
    decision = data["decision"]
    assert decision["decided_by"] == {"name": "Beslisser Test", "role": "team_leader"}
    assert {k: v for k, v in decision.items() if k not in {"decided_on", "decided_by"}} == {
        "share": True,
        "consent": "refused",
        "serious_concrete_risks": ["r1"],
        "only_way": True,
        "only_way_reason": "Een gesprek met hem en zijn ouders is al gevoerd en hielp niet.",
        "consent_record": {
            "recorded_on": CONSENT_RECORD["consent_on"],
            "how": "in_writing",
            "note": CONSENT_RECORD["consent_note"],
            "recorded_by": personas.professional.display_name(),
        },
    }
    evaluation = case_evaluation(case)
    assert evaluation.steps[5].status == "complete"
    assert (evaluation.sharing.allowed, evaluation.sharing.ground) == (
        True,
        "serious_risk_only_way",
    )
    assert [f for f in evaluation.findings if f.step == 5] == []


def test_a_signed_off_decision_not_to_share_makes_step_6_not_applicable(personas, client_for):
    case = prepared(personas)
    post_decision(client_for(personas.professional), case, share="no", consent="refused",
                  reasoning="Beperkt risico; de school pakt het zelf op.")  # fmt: skip
    sign_off(client_for(personas.decision_maker), case)
    data = build_casefile(case)
    load_casefile(data)
    assert data["decision"]["share"] is False
    evaluation = case_evaluation(case)
    assert evaluation.steps[5].status == "complete"
    assert evaluation.steps[6].status == "not_applicable"
    assert signed_off_share_decision(case) is None


def test_a_changed_decision_maker_role_shows_as_an_r5_3_violation(personas, client_for):
    case = prepared(personas)
    post_decision(client_for(personas.professional), case, consent="given")
    sign_off(client_for(personas.decision_maker), case)
    personas.organisation.decision_maker_role = "director"
    personas.organisation.save()
    case.refresh_from_db()
    evaluation = case_evaluation(case)
    assert [f.kind for f in evaluation.findings_for("R5.3")] == ["violation"]
    assert evaluation.steps[5].status == "incomplete"


@pytest.mark.parametrize("who", ["professional", "decision_maker"])
def test_step5_queries_do_not_grow_with_the_risks(personas, client_for, who):
    case = prepared(personas)
    post_decision(client_for(personas.professional), case, share="no", consent="refused",
                  action="draft")  # fmt: skip
    case.decision_maker_involved_at = case.opened_at
    case.save()
    client = client_for(getattr(personas, who))
    many_risks(case, personas.professional, 3)  # 5 risks
    target = url("step5", case)
    client.get(target)
    few = queries_for(lambda: client.get(target))
    many_risks(case, personas.professional, 195)
    response = client.get(target)
    assert response.status_code == 200
    assert len(response.context["page"].risks) == 200
    assert queries_for(lambda: client.get(target)) == few


def test_the_check_and_the_queue_cost_the_same_for_5_or_200_risks(personas, client_for):
    case = prepared(personas)
    many_risks(case, personas.professional, 3)
    client = client_for(personas.professional)
    check = url("decision_check", case)
    body = {"share": "yes", "consent": "refused", "serious_concrete_risks": ["r1"]}
    client.post(check, body)
    few = queries_for(lambda: client.post(check, body))
    many_risks(case, personas.professional, 195)
    client.post(check, body)  # the case file kept for the case is built again after the change
    assert queries_for(lambda: client.post(check, body)) == few


def test_the_queue_costs_the_same_for_one_or_many_submitted_decisions(personas, client_for):
    from tests.conftest import open_case
    from tests.risks.helpers import risk, signals

    def submitted_case(n: int):
        case = open_case(personas.professional, personas.organisation, f"J-Q{n:03d}")
        signals(case, personas.professional)
        risk(case, personas.professional)
        post_decision(client_for(personas.professional), case, consent="given")

    submitted_case(0)
    client = client_for(personas.decision_maker)
    client.get("/besluiten/")
    few = queries_for(lambda: client.get("/besluiten/"))
    for n in range(1, 8):
        submitted_case(n)
    client = client_for(personas.decision_maker)
    response = client.get("/besluiten/")
    assert len(response.context["rows"]) == 8
    assert queries_for(lambda: client.get("/besluiten/")) == few
