"""#16.4: a statement on consent in step 5 that differs from step 3 needs its own record
(date, how, note) through the real view and the API; the verdict cites the record."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from deelwijzer.decisions.models import SharingDecision
from tests.api.helpers import ApiClient, token_for
from tests.decisions.helpers import CONSENT_RECORD, decision_body, decisions, prepared
from tests.decisions.helpers import submit as post_decision
from tests.risks.helpers import conversation, url


@pytest.fixture
def case(personas):
    """A case whose step 3 recorded that the young person refused to share (R5.1)."""
    case = prepared(personas)
    conversation(case, personas.professional, consent="refused", days_ago=5)
    return case


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_consent_given_without_a_record_is_refused_with_the_reason(personas, case, client_for):
    response = post_decision(client_for(personas.professional), case, consent="given", record=False)
    assert response.status_code == 422
    errors = " ".join(response.context["form"].errors["consent"])
    assert "R5.1" in errors and "in gesprek c1" in errors and "weigert toestemming" in errors
    assert "wanneer, hoe (in een gesprek of schriftelijk)" in errors
    assert errors in _page(response)
    assert decisions(case) == []


def test_a_draft_not_to_share_with_an_unrecorded_consent_is_refused_too(personas, case, client_for):
    response = post_decision(
        client_for(personas.professional), case, share="no", consent="given", record=False,
        action="draft",
    )  # fmt: skip
    assert "R5.1" in " ".join(response.context["form"].errors["consent"])
    assert decisions(case) == []


def test_not_asked_cannot_undo_what_step_3_recorded(personas, case, client_for):
    response = post_decision(
        client_for(personas.professional), case, share="no", consent="not_asked", action="draft"
    )
    assert "niet gevraagd" in " ".join(response.context["form"].errors["consent"])
    assert decisions(case) == []


def test_with_a_record_the_consent_counts_and_the_verdict_cites_it(personas, case, client_for):
    response = post_decision(client_for(personas.professional), case, consent="given")
    assert response.status_code == 302
    decision = SharingDecision.objects.get(case=case)
    assert decision.consent == "given"
    assert decision.consent_on.isoformat() == CONSENT_RECORD["consent_on"]
    assert (decision.consent_how, decision.consent_note) == (
        "in_writing",
        CONSENT_RECORD["consent_note"],
    )
    assert decision.consent_recorded_by == personas.professional
    page = _page(client_for(personas.decision_maker).get(url("step5", case)))
    with translation.override("nl"):
        when = date_format(decision.consent_on, "j F Y")
    assert "Grond: de jongere geeft toestemming (R5.1)." in page
    assert f"Vastgelegd als uitspraak van {when}, schriftelijk." in page
    assert f"Vastgelegd door {personas.professional.display_name()}." in page
    assert f"vastgelegd als uitspraak van {when}, schriftelijk" in page  # the decision itself


def test_an_incomplete_record_names_each_missing_part_and_keeps_the_input(
    personas, case, client_for
):
    body = decision_body(consent="given", record=False)
    body.update(consent_on="", consent_how="", consent_note="Zei het in de gang.")
    response = client_for(personas.professional).post(url("decision_save", case), body)
    form = response.context["form"]
    assert "welke datum" in form.errors["consent_on"][0]
    assert "in een gesprek of schriftelijk" in form.errors["consent_how"][0]
    assert "Zei het in de gang." in _page(response)
    assert decisions(case) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ((timezone.localdate() + timedelta(days=3)).isoformat(), "in de toekomst"),
        ("31-02-gisteren", "datum"),
        ("1999-01-01", "voor de geboortedatum"),  # the case file refuses it: no verdict
    ],
)
def test_a_bad_record_date_is_refused(personas, case, client_for, value, words):
    body = decision_body(consent="given")
    body["consent_on"] = value
    response = client_for(personas.professional).post(url("decision_save", case), body)
    assert response.status_code == 422
    assert words in " ".join(response.context["form"].errors["consent_on"])
    assert decisions(case) == []


def _api(client, user) -> ApiClient:
    return ApiClient(client, token_for(user))


API_DECISION = {
    "share": True,
    "consent": "given",
    "reasoning": "De jongere stemt nu in met delen met de wijkagent.",
}


def test_the_api_refuses_an_unrecorded_consent_with_422_and_the_reason(personas, case, client):
    response = _api(client, personas.professional).post(
        f"/cases/{case.public_id}/decision", API_DECISION
    )
    assert response.status_code == 422
    problem = response.json()
    assert response["Content-Type"].startswith("application/problem+json")
    assert "R5.1" in str(problem) and "weigert toestemming" in str(problem)
    assert decisions(case) == []


def test_the_api_accepts_and_returns_the_record(personas, case, client):
    api = _api(client, personas.professional)
    record = {
        "consent_on": CONSENT_RECORD["consent_on"],
        "consent_how": "in_conversation",
        "consent_note": "Tegen de mentor, na de les.",
    }
    response = api.post(f"/cases/{case.public_id}/decision", {**API_DECISION, **record})
    assert response.status_code == 200, response.content
    assert {k: response.json()[k] for k in record} == record
    bad = api.post(f"/cases/{case.public_id}/decision", {**API_DECISION, "consent_how": "per fax"})
    assert bad.status_code == 422
    schema = api.get("/openapi.json").json()["components"]["schemas"]
    assert {"consent_on", "consent_how", "consent_note"} <= set(schema["DecisionIn"]["properties"])
    assert {"consent_on", "consent_how", "consent_note"} <= set(schema["DecisionOut"]["properties"])


def test_a_new_decision_repeats_the_record_of_the_decision_in_force(personas, case, client_for):
    assert (
        post_decision(client_for(personas.professional), case, consent="given").status_code == 302
    )
    signed = client_for(personas.decision_maker).post(
        url("decision_sign_off", case), {"expected_version": "1", "confirm": "on"}
    )
    assert signed.status_code == 302
    again = post_decision(
        client_for(personas.professional),
        case, share="no", consent="given", record=False, action="draft",
        reasoning="De dreiging is weg.",
    )  # fmt: skip
    assert again.status_code == 302
    b2 = SharingDecision.objects.get(case=case, key="b2")
    assert b2.consent_on.isoformat() == CONSENT_RECORD["consent_on"]
    assert b2.consent_note == CONSENT_RECORD["consent_note"]
    assert b2.consent_recorded_by == personas.professional
