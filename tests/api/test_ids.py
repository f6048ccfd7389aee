"""#16.13: every id the API accepts, it also returns: the parents' ids (guardian_ids of a
conversation), the team members' user ids (held_by, adviser_member_id, the team operations)
and the contact of a disclosure (contact_id); and the OpenAPI document names them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from deelwijzer.api.api import api
from tests.disclosures.helpers import ready_case


def test_the_ids_of_parents_and_team_come_back_and_are_the_ones_a_conversation_takes(
    personas, api_as
):
    client = api_as(personas.professional)
    case = client.get(f"/cases/{personas.case.public_id}").json()
    mother = case["guardians"][0]
    assert mother["id"] == personas.case.guardians.get().pk
    assert [m["user_id"] for m in case["team"]] == [str(personas.professional.public_id)]
    body = {
        "held_on": "2026-10-13", "participants": ["youth", "guardians"], "reaction": "Stil.",
        "guardian_ids": [mother["id"]], "held_by": [case["team"][0]["user_id"]],
        "purpose_explained": True,
    }  # fmt: skip
    made = client.post(f"/cases/{personas.case.public_id}/conversations", body)
    assert made.status_code == 201, made.content
    listed = client.get(f"/cases/{personas.case.public_id}/conversations").json()["items"][0]
    assert listed["guardian_ids"] == [mother["id"]]
    assert listed["held_by"] == [str(personas.professional.public_id)]


def test_a_disclosure_names_the_contact_it_went_to(personas, api_as):
    contact = ready_case(personas)
    client = api_as(personas.professional)
    assert [
        c["id"] for c in client.get(f"/cases/{personas.case.public_id}/contacts").json()["items"]
    ] == [str(contact.public_id)]
    body = {
        "contact_id": contact.public_id,
        "items": [{"key": "s1", "risk": "r1"}, {"key": "r1", "risk": "r1"}],
        "identity": ["name"],
        "steps_taken": "Advies gevraagd, gesprek gevoerd, risico getaxeerd.",
        "task_professional": "De mentor blijft dagelijks in contact met de jongere.",
        "task_recipient": "De wijkagent spreekt de jongere aan.",
        "feedback_possible": True,
        "feedback_due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    shared = client.post(f"/cases/{personas.case.public_id}/disclosures", body)
    assert shared.status_code == 201, shared.content
    assert shared.json()["contact_id"] == str(contact.public_id)
    listed = client.get(f"/cases/{personas.case.public_id}/disclosures").json()["items"]
    assert [d["contact_id"] for d in listed] == [str(contact.public_id)]


def test_the_openapi_document_names_the_returned_ids():
    schemas = api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"]
    assert "id" in schemas["GuardianOut"]["required"]
    assert "user_id" in schemas["TeamMemberOut"]["required"]
    assert "contact_id" in schemas["DisclosureOut"]["required"]
    assert "identity_version" in schemas["CaseOut"]["required"]
