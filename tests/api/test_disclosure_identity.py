"""The API's step 6 applies the same identity check as the web (issue #16.3): undeclared
identity in what goes out is a 422 problem+json naming what was found; declared or replaced
it goes through, and the identity returned is what went out."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from deelwijzer.disclosures.models import Disclosure
from tests.disclosures.helpers import ready_case


def payload(contact, **overrides) -> dict:
    body = {
        "contact_id": contact.public_id,
        "items": [{"key": "s1", "risk": "r1"}],
        "identity": [],
        "steps_taken": "Gesprek met Yusuf en zijn moeder Fatima in Zwolle.",
        "task_professional": "De mentor blijft in contact.",
        "task_recipient": "De wijkagent spreekt de jongere aan.",
        "feedback_possible": True,
        "feedback_due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    return {**body, **overrides}


def test_undeclared_identity_is_a_422_problem_naming_what_was_found(personas, api_as):
    contact = ready_case(personas)
    api = api_as(personas.professional)
    response = api.post(f"/cases/{personas.case.public_id}/disclosures", payload(contact))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    [item] = [e for e in problem["errors"] if e["field"] == "identity"]
    for found in ("‘Yusuf’", "‘Fatima’", "‘Zwolle’", "Stappen die je al zette"):
        assert found in item["message"], found
    assert not Disclosure.objects.exists()


def shared_with(personas, api, found_identity: str):
    contact = ready_case(personas)
    body = payload(contact, found_identity=found_identity)
    response = api.post(f"/cases/{personas.case.public_id}/disclosures", body)
    assert response.status_code == 201, response.content
    return response


def test_declared_identity_goes_through_and_is_returned(personas, api_as):
    api = api_as(personas.professional)
    response = shared_with(personas, api, "declare")
    guardian = personas.case.guardians.get()
    assert set(response.json()["identity"]) == {"name", f"guardian-{guardian.pk}", "other"}
    listed = api.get(f"/cases/{personas.case.public_id}/disclosures").json()
    assert set(listed["items"][0]["identity"]) == set(response.json()["identity"])


def test_replaced_identity_goes_through_without_identity(personas, api_as):
    out = shared_with(personas, api_as(personas.professional), "replace").json()
    assert out["identity"] == []
    assert "Yusuf" not in out["steps_taken"] and "[JONGERE]" in out["steps_taken"]


def test_an_unknown_found_identity_choice_is_a_422(personas, api_as):
    contact = ready_case(personas)
    api = api_as(personas.professional)
    body = payload(contact, found_identity="ignore")
    response = api.post(f"/cases/{personas.case.public_id}/disclosures", body)
    assert response.status_code == 422
    assert not Disclosure.objects.exists()


def test_the_openapi_document_describes_the_identity_check(client):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["components"]["schemas"]["DisclosureIn"]["properties"]
    assert body["found_identity"]["enum"] == ["", "declare", "replace"]
    assert "422" in body["found_identity"]["description"]
    operation = schema["paths"]["/api/v1/cases/{case_id}/disclosures"]["post"]
    assert "422" in operation["responses"] and "identity" in operation["description"]
