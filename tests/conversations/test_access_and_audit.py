"""Only the team reaches step 3; every write leaves an audit event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.interchange.casefile import build_casefile
from tests.conversations.helpers import advice_request, case_aged, url, with_parents
from tests.conversations.permissions import URL_NAMES, url_kwargs


@pytest.mark.parametrize("persona", ["colleague", "attention_officer", "stranger"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_who_is_not_on_the_team_gets_404_on_every_step_3_url(personas, client_for, persona, method):
    client = client_for(getattr(personas, persona))
    for name in URL_NAMES:
        target = reverse(name, kwargs=url_kwargs(name, personas))
        response = getattr(client, method)(target, {"held_on": "2026-01-01"})
        assert response.status_code == 404, (name, method)
    assert not AuditEvent.objects.filter(
        user_id=getattr(personas, persona).pk, case_id=personas.case.pk
    ).exists()


def test_outsiders_cannot_write_even_with_a_complete_body(personas, client_for):
    before = build_casefile(personas.case)
    body = with_parents(
        personas.case, personas.professional, youth_consents_to_parent_contact="yes"
    )
    for user in (personas.colleague, personas.attention_officer, personas.decision_maker):
        response = client_for(user).post(url("step3_conversation_new", personas.case), body)
        assert response.status_code == 404
    assert build_casefile(personas.case)["conversations"] == before["conversations"]


def test_every_write_is_audited(personas, client_for):
    # turned 16 ten days ago, talked with before that: both parent exceptions can apply (R3.2
    # for the talk before 16, R3.3 from today), so the page offers both forms
    case = case_aged(personas, "J-AUDT", turned_16_days_ago=10)
    advice_request(case, personas.professional)
    client = client_for(personas.professional)
    before_16 = (timezone.localdate() - timedelta(days=20)).isoformat()
    posts = [
        ("step3_conversation_new", with_parents(case, personas.professional, held_on=before_16)),
        ("step3_guardians_not_involved", {"gn-ground": "contrary_to_good_care", "gn-reason": "x"}),
        ("step3_guardians_without_consent", {"gw-reason": "Veiligheid van het broertje."}),
        ("step3_skip", {"skip-reason": "Te riskant volgens advies.", "skip-advice_key": "a1"}),
    ]
    for name, body in posts:
        assert client.post(url(name, case), body).status_code == 302, name
    events = AuditEvent.objects.filter(case_id=case.pk, user_id=personas.professional.pk)
    assert {
        "conversation.record",
        "guardians_not_involved.record",
        "guardians_without_consent.record",
        "conversation_skipped.record",
    } <= set(events.values_list("action", flat=True))
    writes = events.exclude(action__startswith="case.")
    assert writes.count() == 4
    assert all(e.role == "team" for e in writes)
