"""R3.3 through the real form: a youth of 16 or over, talking with the parents."""

from __future__ import annotations

import re

import pytest

from deelwijzer.audit.models import AuditEvent
from deelwijzer.conversations.models import Conversation, GuardiansWithoutConsent
from tests.conversations.helpers import case_aged, step3_counts, url, with_parents


@pytest.fixture
def case17(personas):
    return case_aged(personas, "J-ZEVN", turned_16_days_ago=400)


def post(client_for, personas, case, data):
    client = client_for(personas.professional)
    return client.post(url("step3_conversation_new", case), data)


def test_parents_without_consent_or_reason_is_refused_naming_r3_3(personas, client_for, case17):
    before = (step3_counts(case17), AuditEvent.objects.filter(case_id=case17.pk).count())
    response = post(client_for, personas, case17, with_parents(case17, personas.professional))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Dit is nog niet opgeslagen" in page
    assert "R3.3" in page and "zonder diens toestemming" in page
    assert (step3_counts(case17), AuditEvent.objects.filter(case_id=case17.pk).count()) == (
        before[0],
        # the refused post re-renders the page: one audited read, no write
        before[1] + 1,
    )
    assert not AuditEvent.objects.filter(case_id=case17.pk, action__startswith="conversation")


def test_consent_refused_explicitly_is_refused_too(personas, client_for, case17):
    data = with_parents(case17, personas.professional, youth_consents_to_parent_contact="no")
    response = post(client_for, personas, case17, data)
    assert "R3.3" in response.content.decode()
    assert step3_counts(case17) == (0, 0, 0, 0)


def test_parents_with_consent_is_saved(personas, client_for, case17):
    data = with_parents(case17, personas.professional, youth_consents_to_parent_contact="yes")
    response = post(client_for, personas, case17, data)
    assert response.status_code == 302
    saved = Conversation.objects.get(case=case17)
    assert response["Location"].endswith(f"#{saved.key}")
    assert saved.youth_consents_to_parent_contact is True
    assert saved.participants == ["youth", "guardians"]
    assert sorted(saved.guardian_ids) == sorted(case17.guardians.values_list("pk", flat=True))


def test_parents_without_consent_but_with_safety_reason_is_saved_with_the_reason(
    personas, client_for, case17
):
    reason = "De jongere dreigde weg te lopen naar Syrië; de ouders moesten dit direct weten."
    data = with_parents(case17, personas.professional, safety_reason=reason)
    response = post(client_for, personas, case17, data)
    assert response.status_code == 302
    assert Conversation.objects.filter(case=case17).count() == 1
    override = GuardiansWithoutConsent.objects.get(case=case17)
    assert override.reason == reason
    actions = set(AuditEvent.objects.filter(case_id=case17.pk).values_list("action", flat=True))
    assert {"conversation.record", "guardians_without_consent.record"} <= actions


def test_a_blank_safety_reason_does_not_count(personas, client_for, case17):
    data = with_parents(case17, personas.professional, safety_reason="   ")
    response = post(client_for, personas, case17, data)
    assert "R3.3" in response.content.decode()
    assert step3_counts(case17) == (0, 0, 0, 0)


def test_the_safety_reason_on_its_own_form_is_saved_and_then_parents_may_be_recorded(
    personas, client_for, case17
):
    client = client_for(personas.professional)
    refused = client.post(url("step3_guardians_without_consent", case17), {"gw-reason": " "})
    assert "R3.3" in refused.content.decode()
    assert step3_counts(case17) == (0, 0, 0, 0)
    reason = "Acuut gevaar voor een broertje; de ouders moesten het weten."
    saved = client.post(url("step3_guardians_without_consent", case17), {"gw-reason": reason})
    assert saved.status_code == 302
    response = post(client_for, personas, case17, with_parents(case17, personas.professional))
    assert response.status_code == 302
    assert step3_counts(case17) == (1, 0, 0, 1)


def test_the_page_states_r3_3_before_recording(personas, client_for, case17):
    page = client_for(personas.professional).get(url("step3", case17)).content.decode()
    assert 'data-rule="R3.3"' in page and 'data-rule="R3.2"' not in page
    assert "16 jaar of ouder (R3.3)" in page
    assert "Fatima Bakker" in page and "Karim Bakker" in page
    assert "<strong>17 jaar</strong>" in page


def test_the_safety_reasons_own_form_marks_it_required_with_the_rules_words(
    personas, client_for, case17
):
    """The R3.3 statement's reason is required by the service, so the form marks it
    "(verplicht)"; left empty it names R3.3 as the service does."""
    client = client_for(personas.professional)
    page = client.get(url("step3", case17)).content.decode()
    label = re.search(r'<label for="id_gw-reason">(.*?)</label>', page, re.S)
    assert label and '<span class="req">(verplicht)</span>' in label.group(1)
    response = client.post(url("step3_guardians_without_consent", case17), {"gw-reason": " "})
    assert response.status_code == 422
    assert (
        response.context["without_consent_form"]
        .errors["reason"][0]
        .startswith("Stap 3 (R3.3): schrijf op waarom het gesprek met de ouders zonder toestemming")
    )
    assert step3_counts(case17) == (0, 0, 0, 0)
