"""The API's errors: every one ``application/problem+json`` with the status the document
names (issue #17 items 9 and 12)."""

from __future__ import annotations

import json

import pytest

from deelwijzer.audit.models import AuditEvent
from deelwijzer.signalling.models import Signal
from tests.api.data import case_with_entries
from tests.api.helpers import BASE, ApiClient, token_for
from tests.cases.test_encryption import raw, set_raw
from tests.concurrency import FIRST_TEXT, first_signal_correction, second_while_first_holds

SIGNAL = {"observed_on": "2026-10-05", "text": "Zegt dat hij niet meer naar muziekles gaat."}


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@pytest.mark.django_db(transaction=True)
def test_the_loser_of_a_concurrent_correction_gets_409(personas, client):
    case_with_entries(personas)
    api = ApiClient(client, token_for(personas.professional))
    body = {**SIGNAL, "correction_note": "Tekst aangevuld.", "expected_version": 1}
    response = second_while_first_holds(
        first_signal_correction(personas),
        lambda: api.put(f"/cases/{personas.case.public_id}/signals/s1", body),
    )
    problem = _problem(response, 409)
    assert "intussen" in problem["detail"] and "bestaat niet" not in problem["detail"]
    assert Signal.objects.filter(key="s1", is_current=True).get().text == FIRST_TEXT


# --- every error is problem+json ---------------------------------------------------------------


def test_a_body_over_the_upload_limit_is_413_problem_json(personas, api_as):
    case_with_entries(personas)
    big = {**SIGNAL, "text": "x" * 3_000_000}
    response = api_as(personas.professional).post(f"/cases/{personas.case.public_id}/signals", big)
    assert "te groot" in _problem(response, 413)["title"].lower()
    assert not Signal.objects.filter(key="s2").exists()


def test_a_body_that_is_no_json_is_400_problem_json(personas, client):
    headers = {"Authorization": f"Bearer {token_for(personas.professional)}"}
    response = client.post(
        f"{BASE}/cases/{personas.case.public_id}/signals",
        data=b'{"text": "niet af',
        content_type="application/json",
        headers=headers,
    )
    assert "JSON" in _problem(response, 400)["detail"]


def test_a_tampered_ciphertext_is_500_problem_json_and_audited(personas, api_as):
    youth = personas.case.youth
    stored = raw("cases_youth", "name", youth.pk)
    set_raw("cases_youth", "name", youth.pk, stored[:-6] + "AAAAAA")
    response = api_as(personas.professional).get(f"/cases/{personas.case.public_id}")
    problem = _problem(response, 500)
    assert problem["title"] == "Gegevens niet leesbaar"
    assert b"Traceback" not in response.content and b"<html" not in response.content
    event = AuditEvent.objects.filter(action="crypto.decrypt_failed").get()
    assert event.user_id == personas.professional.pk
    assert event.detail["column"] == "cases_youth.name"


def test_an_unexpected_error_is_500_problem_json(personas, client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr("deelwijzer.api.endpoints.cases.services.case_view", broken)
    client.raise_request_exception = False
    api = ApiClient(client, token_for(personas.professional))
    response = api.get(f"/cases/{personas.case.public_id}")
    assert b"stuk" not in response.content
    _problem(response, 500)


def test_an_unknown_address_under_the_api_is_404_problem_json(personas, api_as):
    _problem(api_as(personas.professional).get("/bestaat-niet"), 404)


def test_a_method_the_address_has_not_is_405_problem_json_with_allow(personas, api_as):
    response = api_as(personas.professional).put("/cases", {})
    _problem(response, 405)
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}
    # a read of an address that only takes a POST: the API's problem, not the web's 405 page
    _problem(api_as(personas.professional).get("/cases/import"), 405)


def test_the_web_keeps_its_own_error_pages(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/problem+json")


# --- strict types ------------------------------------------------------------------------------


@pytest.mark.parametrize("version", [True, "1", 1.0, None])
def test_expected_version_must_be_a_whole_number(personas, api_as, version):
    case_with_entries(personas)
    body = {**SIGNAL, "correction_note": "Tekst aangevuld.", "expected_version": version}
    response = api_as(personas.professional).put(
        f"/cases/{personas.case.public_id}/signals/s1", body
    )
    problem = _problem(response, 422)
    assert [e["field"] for e in problem["errors"]] == ["expected_version"]
    assert Signal.objects.get(key="s1", is_current=True).version == 1


@pytest.mark.parametrize("flag", [1, "true", "yes", None])
def test_a_yes_or_no_must_be_true_or_false(personas, api_as, flag):
    response = api_as(personas.professional).put(
        f"/cases/{personas.case.public_id}/no-contra-signals", {"none_known": flag}
    )
    assert [e["field"] for e in _problem(response, 422)["errors"]] == ["none_known"]


def test_an_id_in_a_body_must_be_a_number(personas, api_as):
    case_with_entries(personas)
    body = {"contact_id": "1", "items": [{"key": "s1"}]}
    response = api_as(personas.professional).post(
        f"/cases/{personas.case.public_id}/disclosures", body
    )
    assert [e["field"] for e in _problem(response, 422)["errors"]] == ["contact_id"]


# --- the document ------------------------------------------------------------------------------


def test_every_operation_documents_its_errors_as_problem_json(client):
    document = json.loads(client.get(f"{BASE}/openapi.json").content)
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert len(operations) > 40
    for operation in operations:
        responses = operation["responses"]
        for status in ("400", "401", "403", "404", "409", "413", "422", "500"):
            content = responses[status]["content"]
            assert list(content) == ["application/problem+json"], (operation, status)
            assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem")


def test_an_answer_that_names_a_key_links_to_the_operations_on_it(client):
    paths = json.loads(client.get(f"{BASE}/openapi.json").content)["paths"]
    added = paths["/api/v1/cases/{case_id}/signals"]["post"]["responses"]["201"]["links"]
    correct = paths["/api/v1/cases/{case_id}/signals/{key}"]["put"]["operationId"]
    assert added[correct]["parameters"] == {
        "case_id": "$request.path.case_id",
        "key": "$response.body#/key",
    }
    listed = paths["/api/v1/cases"]["get"]["responses"]["200"]["links"]
    read = paths["/api/v1/cases/{case_id}"]["get"]["operationId"]
    assert listed[read]["parameters"] == {"case_id": "$response.body#/items/0/id"}
    inbox = paths["/api/v1/inbox"]["get"]["responses"]["200"]["links"]
    assert {link["parameters"]["key"] for link in inbox.values()} == {"$response.body#/items/0/key"}


def test_sending_a_request_that_was_sent_already_is_422_with_the_reason(personas, api_as):
    case_with_entries(personas)  # a2: sent to an external adviser
    body = {"request_text": "Wat raad je aan?", "expected_version": 1}
    response = api_as(personas.professional).post(
        f"/cases/{personas.case.public_id}/advice/a2/send", body
    )
    assert _problem(response, 422)["detail"] == "Deze adviesvraag is al verstuurd."
    assert not AuditEvent.objects.filter(action="advice.send").exists()


# --- refusals in Dutch ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field", "said"),
    [
        ("/signals", {**SIGNAL, "text": "x" * 20_001}, "text", "Te lang: hoogstens 20000 tekens."),
        ("/signals", {"text": "Iets."}, "observed_on", "Dit veld ontbreekt."),
        ("/signals", {**SIGNAL, "observed_on": "gisteren"}, "observed_on",
         "Hier hoort een datum als JJJJ-MM-DD."),
        ("/signals", {**SIGNAL, "text": 12}, "text", "Hier hoort tekst (een JSON-string)."),
        ("/close", {"reason": ["Klaar"]}, "reason", "Hier hoort tekst (een JSON-string)."),
        ("/signals", {**SIGNAL, "text": "a\ud800b"}, "text", "Dit is geen geldige tekst"),
    ],
)  # fmt: skip
def test_a_request_that_does_not_fit_is_refused_in_dutch(personas, api_as, path, body, field, said):
    """The walk: pydantic's English ("String should have at most 20000 characters") among
    answers that are Dutch everywhere else."""
    response = api_as(personas.professional).post(f"/cases/{personas.case.public_id}{path}", body)
    errors = _problem(response, 422)["errors"]
    assert any(e["field"] == field and e["message"].startswith(said) for e in errors), errors


def test_a_choice_outside_the_list_names_the_list_in_dutch(personas, api_as):
    response = api_as(personas.auditor).get("/statistics?per=week")
    (error,) = _problem(response, 422)["errors"]
    assert error == {
        "field": "query.per",
        "message": "Kies een van: 'month', 'quarter' of 'school_year'.",
    }


@pytest.mark.parametrize("body", [[1, 2, 3], "tekst", 7])
def test_an_import_that_is_no_object_says_so(personas, api_as, body):
    response = api_as(personas.professional).post("/cases/import", body)
    errors = _problem(response, 422)["errors"]
    assert [e["message"] for e in errors] == ["Hier hoort een JSON-object ({…})."], errors


def test_a_page_number_of_5000_digits_is_refused_in_dutch(personas, api_as):
    response = api_as(personas.professional).get("/cases", page="1" * 5000)
    (error,) = _problem(response, 422)["errors"]
    assert error == {
        "field": "query.page",
        "message": "Hier hoort een geheel getal (zonder aanhalingstekens).",
    }


def test_the_choices_of_a_field_stand_in_the_schema_and_are_held_to(personas, api_as):
    """The API walk: which values ``kind``, ``severity`` or ``consent`` take stood nowhere
    in the OpenAPI document; an integrator learnt them from 422s. They are the model's choices,
    declared once (api.types.OneOf)."""
    from deelwijzer.api.api import api
    from deelwijzer.risks.models import Severity

    schemas = api.get_openapi_schema()["components"]["schemas"]
    assert schemas["SignalIn"]["properties"]["kind"]["enum"] == ["signal", "contra_signal"]
    assert schemas["RiskIn"]["properties"]["severity"]["enum"] == list(Severity.values)
    assert schemas["RiskOut"]["properties"]["severity"]["enum"] == list(Severity.values)
    assert schemas["ComposeIn"]["properties"]["external_organisation"]["enum"][0] == ""
    participants = schemas["ConversationIn"]["properties"]["participants"]["items"]
    assert "guardians" in participants["enum"]

    body = {**SIGNAL, "kind": "signaal"}
    response = api_as(personas.professional).post(f"/cases/{personas.case.public_id}/signals", body)
    (error,) = _problem(response, 422)["errors"]
    assert error == {"field": "kind", "message": "Kies een van: 'signal' of 'contra_signal'."}


def test_a_refused_colleague_or_contact_names_the_field_that_was_sent(personas, api_as):
    """The API walk: the body sends ``user_id`` and ``contact_id``; the refusal named "user"
    and "contact", fields no request has."""
    api, case = api_as(personas.professional), personas.case.public_id
    already = {"user_id": str(personas.professional.public_id), "role_on_team": "mentor"}
    (error,) = _problem(api.post(f"/cases/{case}/team", already), 422)["errors"]
    assert error == {"field": "user_id", "message": "Deze collega staat al in het team."}
    no_contact = {"contact_id": None, "items": [{"key": "s1"}]}
    errors = _problem(api.post(f"/cases/{case}/disclosures", no_contact), 422)["errors"]
    assert [e["field"] for e in errors] == ["contact_id", "items.0.key"]  # no s1 in this case


def test_a_refused_item_of_a_disclosure_is_named_by_its_place(personas, api_as):
    """The phone walk moved each item's refusal to its own field in the web form; the API
    names the item the same way its schema checks do: ``items.1.purpose``, not ``items``."""
    case = case_with_entries(personas).public_id
    api = api_as(personas.professional)
    items = [{"key": "s1", "purpose": "Laat zien wat hij zei."}, {"key": "o1"}, {"key": "s9"}]
    body = {"contact_id": None, "items": items}
    errors = _problem(api.post(f"/cases/{case}/disclosures", body), 422)["errors"]
    assert [e["field"] for e in errors] == ["contact_id", "items.1.purpose", "items.2.key"]
    assert errors[1]["message"].startswith("Stap 6 (R6.3): schrijf bij o1 waarvoor")
    nothing = _problem(api.post(f"/cases/{case}/disclosures", {**body, "items": []}), 422)
    assert [e["field"] for e in nothing["errors"]] == ["contact_id", "items"]


def test_an_incomplete_advice_names_each_open_question_by_its_field(personas, api_as):
    """R2.4's open questions, each at the answer that should give it (it was one message
    without a field)."""
    case = case_with_entries(personas).public_id
    body = {
        "may_indicate_radicalisation": "unclear",
        "severity": "Nog beperkt.",
        "follow_up_steps": "Gesprek.",
        "outcome": "conversation",
        "expected_version": 1,
    }
    response = api_as(personas.attention_officer).post(f"/inbox/{case}/a1/answer", body)
    errors = _problem(response, 422)["errors"]
    assert [e["field"] for e in errors] == [
        "safety_risks", "timing", "follow_up_by", "conversation_possible", "conversation_risks",
    ]  # fmt: skip
    assert errors[0]["message"] == (
        "Stap 2 (R2.4): het advies zegt nog niet welke veiligheidsrisico's er zijn."
    )


def test_each_operation_has_a_short_id_of_its_own(client):
    """The API walk: a generated client named its methods after ninja's operation ids,
    ``deelwijzer_api_endpoints_step1_signal_add``; they are the endpoints' names now, and two
    endpoints of one name (in two routers) would give one id twice."""
    paths = json.loads(client.get(f"{BASE}/openapi.json").content)["paths"]
    ids = [operation["operationId"] for path in paths.values() for operation in path.values()]
    assert len(ids) == len(set(ids)) > 60
    assert paths["/api/v1/cases/{case_id}/signals"]["post"]["operationId"] == "signal_add"
    assert not [i for i in ids if i.startswith("deelwijzer")]
