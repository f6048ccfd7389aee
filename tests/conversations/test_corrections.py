"""Corrections make a new version; the earlier one stays on the page with who and when."""

from __future__ import annotations

import pytest

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import TeamMember
from deelwijzer.conversations.models import Conversation
from tests.conftest import make_user
from tests.conversations.helpers import case_aged, conversation_post, url, with_parents


@pytest.fixture
def recorded(personas, client_for):
    client = client_for(personas.professional)
    data = conversation_post(personas.case, personas.professional, reaction="Eerste versie.")
    assert client.post(url("step3_conversation_new", personas.case), data).status_code == 302
    return Conversation.objects.get(case=personas.case)


def correction(case, user, **overrides):
    body = conversation_post(case, user, reaction="Tweede versie.", expected_version="1")
    body["correction_note"] = "Reactie letterlijker overgenomen."
    body.update(overrides)
    return body


def test_a_correction_makes_a_new_version_and_the_page_shows_both(personas, client_for, recorded):
    client = client_for(personas.professional)
    target = url("step3_conversation_correct", personas.case, key=recorded.key)
    form = client.get(target).content.decode()
    assert "Eerste versie." in form and 'name="expected_version" value="1"' in form
    response = client.post(target, correction(personas.case, personas.professional))
    assert response.status_code == 302
    versions = Conversation.objects.filter(case=personas.case, key=recorded.key).order_by("version")
    assert [(v.version, v.is_current, v.reaction) for v in versions] == [
        (1, False, "Eerste versie."),
        (2, True, "Tweede versie."),
    ]
    page = client.get(url("step3", personas.case)).content.decode()
    name = personas.professional.display_name()
    assert "Tweede versie." in page and "Eerste versie." in page
    assert f"Versie 1, vastgelegd door {name}" in page
    assert f"Versie 2, vastgelegd door {name}" in page
    assert "Reactie letterlijker overgenomen." in page
    event = AuditEvent.objects.get(action="conversation.correct")
    assert event.detail["changed"] == ["reaction"] and event.detail["version"] == 2


def test_the_concurrent_correction_is_refused(personas, client_for, recorded):
    colleague = make_user("teamgenoot", personas.organisation, "professional")
    TeamMember.objects.create(case=personas.case, user=colleague, role_on_team="zorgcoördinator")
    target = url("step3_conversation_correct", personas.case, key=recorded.key)
    first = client_for(colleague).post(target, correction(personas.case, colleague))
    assert first.status_code == 302
    second = client_for(personas.professional).post(
        target, correction(personas.case, personas.professional, reaction="Derde versie.")
    )
    page = second.content.decode()
    assert second.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "Derde versie." not in [c.reaction for c in Conversation.objects.all()]
    assert Conversation.objects.filter(case=personas.case, key=recorded.key).count() == 2


def test_a_correction_without_a_note_is_refused(personas, client_for, recorded):
    target = url("step3_conversation_correct", personas.case, key=recorded.key)
    response = client_for(personas.professional).post(
        target, correction(personas.case, personas.professional, correction_note="")
    )
    assert "Schrijf kort op wat je corrigeert" in response.content.decode()
    assert Conversation.objects.filter(case=personas.case).count() == 1


def test_a_correction_that_would_break_r3_3_is_refused(personas, client_for):
    case = case_aged(personas, "J-CORR", turned_16_days_ago=100)
    client = client_for(personas.professional)
    lawful = with_parents(case, personas.professional, youth_consents_to_parent_contact="yes")
    assert client.post(url("step3_conversation_new", case), lawful).status_code == 302
    entry = Conversation.objects.get(case=case)
    body = with_parents(
        case,
        personas.professional,
        youth_consents_to_parent_contact="not_asked",
        expected_version="1",
        correction_note="Toch niet gevraagd.",
    )
    response = client.post(url("step3_conversation_correct", case, key=entry.key), body)
    assert response.status_code == 422 and "R3.3" in response.content.decode()
    assert Conversation.objects.filter(case=case).count() == 1


def test_an_unknown_conversation_is_404(personas, client_for):
    response = client_for(personas.professional).get(
        url("step3_conversation_correct", personas.case, key="c99")
    )
    assert response.status_code == 404


def test_a_refused_correction_names_every_error_at_once(personas, client_for, recorded):
    """The correction page (the versioned-entry kit) too: a null character in the reaction
    does not hide the missing participants, nor the missing note."""
    target = url("step3_conversation_correct", personas.case, key=recorded.key)
    body = correction(
        personas.case, personas.professional, reaction="Nul\x00", participants=[],
        correction_note="",
    )  # fmt: skip
    response = client_for(personas.professional).post(target, body)
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"reaction", "participants", "correction_note"}
    assert Conversation.objects.filter(case=personas.case).count() == 1
