"""A token acts with exactly its user's rights: whoever has no part in a case gets 404 from
every operation on it (as in the web app), and nothing is written; the attention officer
reaches a case only through the inbox, and never sees who it is."""

from __future__ import annotations

import json

import pytest

from deelwijzer.api.api import api
from deelwijzer.audit.models import AuditEvent
from deelwijzer.signalling.models import Signal
from tests.api.data import case_with_entries
from tests.api.endpoints import CASE_OPERATIONS, INBOX_OPERATIONS, schema_path

OUTSIDERS = ("stranger", "colleague", "attention_officer", "decision_maker", "org_admin", "auditor")


def _schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    return {(method, path) for path, ops in paths.items() for method in ops}


def test_the_table_names_every_operation_on_a_case():
    tabled = {(m, schema_path(p)) for m, p, _b, _a in CASE_OPERATIONS}
    tabled |= {(m, schema_path(p)) for m, p, _b in INBOX_OPERATIONS}
    on_a_case = {(m, p) for m, p in _schema_operations() if "{case_id}" in p}
    assert on_a_case == tabled


def _call(api_client, method: str, path: str, body, case_id: int):
    path = path.format(case=case_id)
    return (
        getattr(api_client, method)(path)
        if body is None
        else getattr(api_client, method)(path, body)
    )


@pytest.mark.parametrize(
    "method,path,body", [(m, p, b) for m, p, b, _a in CASE_OPERATIONS], ids=lambda v: str(v)[:40]
)
def test_who_has_no_part_in_the_case_gets_404_and_nothing_happens(
    method, path, body, personas, api_as
):
    case = case_with_entries(personas)
    for persona in OUTSIDERS:
        api_client = api_as(getattr(personas, persona))
        before = (AuditEvent.objects.filter(case_id=case.pk).count(), Signal.objects.count())
        response = _call(api_client, method, path, body, case.public_id)
        assert response.status_code == 404, persona
        assert response["Content-Type"].startswith("application/problem+json")
        assert b"Yusuf" not in response.content
        after = (AuditEvent.objects.filter(case_id=case.pk).count(), Signal.objects.count())
        assert after == before, persona


def test_the_other_organisations_case_is_404_even_with_the_right_role(personas, api_as):
    response = api_as(personas.professional).get(f"/cases/{personas.other_case.public_id}")
    assert response.status_code == 404
    assert b"Lotte" not in response.content


def test_my_cases_lists_only_cases_on_whose_team_i_am(personas, api_as):
    mine = api_as(personas.professional).get("/cases").json()
    assert [c["pseudonym"] for c in mine["items"]] == ["J-TEST"]
    assert api_as(personas.colleague).get("/cases").json()["count"] == 0
    assert api_as(personas.attention_officer).get("/cases").json()["items"] == []


def test_the_team_sees_the_identity(personas, api_as):
    body = api_as(personas.professional).get(f"/cases/{personas.case.public_id}").json()
    assert body["youth"]["name"] == "Yusuf Bakker"
    assert body["guardians"][0]["name"] == "Fatima Bakker"


def test_an_involved_decision_maker_reads_the_case_but_may_not_write(personas, api_as):
    from deelwijzer.decisions.services import case_involve_decision_maker

    case_with_entries(personas)
    case_involve_decision_maker(actor=personas.professional, case_id=personas.case.pk)
    client = api_as(personas.decision_maker)
    assert client.get(f"/cases/{personas.case.public_id}/signals").status_code == 200
    refused = client.post(
        f"/cases/{personas.case.public_id}/signals", {"text": "x", "observed_on": None}
    )
    assert refused.status_code == 404


IDENTITY = (b"Yusuf", b"Bakker", b"Kastanjelaan", b"3B", b"@yusuf_b", b"2011-03-14", b"Fatima")


def test_the_attention_officers_inbox_is_anonymous(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.attention_officer)
    listed = client.get("/inbox")
    item = client.get(f"/inbox/{case.public_id}/a1")
    assert listed.status_code == item.status_code == 200
    assert listed.json()["items"][0]["pseudonym"] == "J-TEST"
    assert item.json()["request_text"].startswith("Een leerling van 15")
    for response in (listed, item):
        for word in IDENTITY:
            assert word not in response.content


def test_the_attention_officers_answer_returns_no_identity(personas, api_as):
    case = case_with_entries(personas)
    body = {
        "may_indicate_radicalisation": "unclear", "severity": "Nog beperkt.",
        "safety_risks": "Geen acute.", "timing": "later", "follow_up_steps": "Gesprek.",
        "follow_up_by": "Mentor.", "conversation_possible": True, "conversation_by": "Mentor",
        "conversation_risks": "Geen.", "outcome": "conversation", "expected_version": 1,
    }  # fmt: skip
    response = api_as(personas.attention_officer).post(f"/inbox/{case.public_id}/a1/answer", body)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    for word in IDENTITY:
        assert word not in response.content


@pytest.mark.parametrize("method,path,body", INBOX_OPERATIONS)
def test_only_the_attention_officer_reaches_the_inbox(method, path, body, personas, api_as):
    case = case_with_entries(personas)
    for persona in ("professional", "colleague", "stranger", "decision_maker"):
        client = api_as(getattr(personas, persona))
        assert _call(client, method, path, body, case.public_id).status_code == 404, persona
        assert client.get("/inbox").status_code == 403, persona


def test_an_attention_officer_of_another_organisation_sees_nothing(personas, api_as):
    from deelwijzer.organisations.models import Role
    from tests.personas import make_user

    case = case_with_entries(personas)
    elsewhere = make_user("elders", personas.other_organisation, Role.ATTENTION_OFFICER)
    client = api_as(elsewhere)
    assert client.get("/inbox").json()["count"] == 0
    assert client.get(f"/inbox/{case.public_id}/a1").status_code == 404


def test_problem_details_use_the_apps_words(personas, api_as):
    response = api_as(personas.professional).post(
        f"/cases/{personas.case.public_id}/signals", {"observed_on": "2026-10-01", "text": "  "}
    )
    assert response.status_code == 422
    problem = json.loads(response.content)
    assert problem["status"] == 422 and problem["type"].startswith("urn:deelwijzer:problem:")
    assert {"field": "text", "message": "Beschrijf wat je zag of hoorde."} in problem["errors"]


def test_answers_are_never_cached(personas, api_as):
    client = api_as(personas.professional)
    assert client.get(f"/cases/{personas.case.public_id}")["Cache-Control"] == "no-store"
    assert client.get("/cases/999999")["Cache-Control"] == "no-store"
