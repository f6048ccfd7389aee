"""#17.7: refused access is audited (a case answered 404 to an outsider, a 403, a refused API
call), and so are the auditor's reading of the audit pages and the API's list of cases. No case
content in those rows."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent, Outcome
from tests.api.helpers import BASE, ApiClient, token_for


def denied():
    return AuditEvent.objects.filter(action="access.denied")


def test_outsiders_404_on_a_case_is_audited(personas, client_for):
    case = personas.case
    url = reverse("case_detail", kwargs={"case_id": case.public_id})
    assert client_for(personas.stranger).get(url).status_code == 404
    event = denied().get()
    assert event.user_id == personas.stranger.pk
    assert event.outcome == Outcome.DENIED
    assert event.object_type == "case" and event.object_id == str(case.pk)
    assert event.organisation_id == personas.organisation.pk  # the case's auditor sees it
    assert event.case_id is None  # not part of the youth's dossier
    assert event.detail == {"path": url, "method": "GET", "status": 404}
    assert "Yusuf" not in str(event.detail) and "J-TEST" not in str(event.detail)


def test_a_403_is_audited_with_the_users_organisation(personas, client_for):
    assert client_for(personas.professional).get(reverse("audit_log")).status_code == 403
    event = denied().get()
    assert event.user_id == personas.professional.pk
    assert event.organisation_id == personas.organisation.pk
    assert event.detail["status"] == 403


def test_an_unknown_path_is_not_audited(personas, client_for):
    assert client_for(personas.stranger).get("/bestaat-niet/").status_code == 404
    assert not denied().exists()


def test_a_case_the_user_may_open_is_not_a_refusal(personas, client_for):
    url = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    assert client_for(personas.professional).get(url).status_code == 200
    assert not denied().exists()


def test_refused_api_calls_are_audited(personas, client):
    client.cookies.clear()
    wrong = client.get(f"{BASE}/cases", headers={"Authorization": "Bearer verkeerd"})
    assert wrong.status_code == 401
    event = denied().get()
    assert event.user_id is None and event.purpose == "web"
    assert event.detail == {"path": f"{BASE}/cases", "method": "GET", "status": 401}
    api = ApiClient(Client(), token_for(personas.stranger))
    assert api.get(f"/cases/{personas.case.public_id}").status_code == 404
    event = denied().latest("id")
    assert event.user_id == personas.stranger.pk
    assert event.purpose == "api"
    assert event.object_id == str(personas.case.pk)


def test_the_auditors_reading_of_the_audit_pages_is_audited(personas, client_for):
    client = client_for(personas.auditor)
    assert client.get(reverse("audit_log"), {"voor": "999"}).status_code == 200  # keyset (#22)
    event = AuditEvent.objects.get(action="audit.view")
    assert event.user_id == personas.auditor.pk
    assert event.organisation_id == personas.organisation.pk
    assert event.detail == {"page": "voor 999"}
    url = reverse("audit_case", kwargs={"case_id": personas.case.public_id})
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.get(action="audit.view_case")
    assert event.case_id == personas.case.pk and event.user_id == personas.auditor.pk


def test_the_api_case_list_is_audited_per_case_shown(personas):
    api = ApiClient(Client(), token_for(personas.professional))
    response = api.get("/cases")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [str(personas.case.public_id)]
    event = AuditEvent.objects.get(action="case.list")
    assert event.user_id == personas.professional.pk
    assert event.case_id == personas.case.pk
    assert event.purpose == "api"
