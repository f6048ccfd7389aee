"""Withdrawing a case-level statement of step 3 that no longer holds (skip R3.4, parents not
involved R3.2, without consent R3.3), through the real pages: with a reason it leaves the case
file the engine judges, stays visible as withdrawn (who, when, why) and can be recorded anew."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.lifecycle import case_close
from deelwijzer.conversations.models import (
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
from deelwijzer.interchange.casefile import build_casefile
from tests.conversations.helpers import (
    advice_request,
    case_aged,
    conversation_post,
    findings,
    url,
    with_parents,
)

NOT_INVOLVED = {"gn-ground": "contrary_to_good_care", "gn-reason": "Thuis is het onrustig."}
WHY = "Toch een goed gesprek met beide ouders gevoerd."


def withdraw(client, case, key: str, reason: str):
    return client.post(
        url("step3_statement_withdraw", case, key=key), {f"intrekken-{key}-reason": reason}
    )


def step_page(client, case) -> str:
    return client.get(url("step3", case)).content.decode()


@pytest.fixture
def case15(personas):
    return case_aged(personas, "J-VYFT", turned_16_days_ago=-200)


@pytest.fixture
def not_involved(personas, client_for, case15):
    """A youth of 15, a conversation with the youth only, and gn1: parents not involved."""
    client = client_for(personas.professional)
    talk = conversation_post(case15, personas.professional)
    assert client.post(url("step3_conversation_new", case15), talk).status_code == 302
    assert client.post(url("step3_guardians_not_involved", case15), NOT_INVOLVED).status_code == 302
    assert not findings(step_page(client, case15), "R3.2")
    return client


def test_the_walk_gn1_then_both_parents_spoken_gn1_is_withdrawn_with_a_reason(
    personas, case15, not_involved
):
    client = not_involved
    both = with_parents(case15, personas.professional)
    assert client.post(url("step3_conversation_new", case15), both).status_code == 302
    page = step_page(client, case15)
    assert "Verklaring gn1 intrekken" in page
    response = withdraw(client, case15, "gn1", WHY)
    assert response.status_code == 302
    assert response["Location"].endswith("#gn1")
    statement = GuardiansNotInvolved.objects.get(case=case15)
    assert statement.withdrawn_by == personas.professional
    assert statement.withdrawal_reason == WHY and statement.withdrawn_at is not None
    assert build_casefile(case15)["guardians_not_involved"] is None
    page = step_page(client, case15)
    who = personas.professional.display_name()
    assert f"Verklaring gn1 is ingetrokken door {who} op " in page
    assert WHY in page
    assert "Verklaring gn1 intrekken" not in page  # nothing left to withdraw
    assert not findings(page, "R3.2")  # both parents were spoken with


def test_withdrawing_the_exception_brings_the_r3_2_finding_back(personas, case15, not_involved):
    response = withdraw(not_involved, case15, "gn1", "De ouders blijken toch bereikbaar.")
    assert response.status_code == 302
    assert findings(step_page(not_involved, case15), "R3.2")


def test_withdrawing_without_a_reason_is_refused_and_nothing_changes(
    personas, case15, not_involved
):
    writes = AuditEvent.objects.filter(case_id=case15.pk).exclude(action__startswith="case.view")
    before = writes.count()
    response = withdraw(not_involved, case15, "gn1", "   ")
    page = response.content.decode()
    assert response.status_code == 422
    assert "Stap 3 (R3.2): schrijf kort op waarom deze verklaring niet meer klopt" in page
    assert GuardiansNotInvolved.objects.get(case=case15).withdrawn_at is None
    assert build_casefile(case15)["guardians_not_involved"] is not None
    assert writes.count() == before  # the page read back is audited, no write
    assert not findings(step_page(not_involved, case15), "R3.2")


def test_the_withdrawal_is_audited(personas, case15, not_involved):
    assert withdraw(not_involved, case15, "gn1", WHY).status_code == 302
    event = AuditEvent.objects.get(case_id=case15.pk, action="guardians_not_involved.withdraw")
    assert (event.user_id, event.object_id, event.role) == (personas.professional.pk, "gn1", "team")


def test_the_dossier_shows_the_withdrawal_with_who_when_and_why(personas, case15, not_involved):
    assert withdraw(not_involved, case15, "gn1", WHY).status_code == 302
    dossier = not_involved.get(reverse("dossier", args=[case15.public_id])).content.decode()
    assert "Ouders niet betrokken gn1, versie 1" in dossier
    assert "Ouders niet betrokken gn1 ingetrokken" in dossier
    assert WHY in dossier


def test_after_a_withdrawal_a_new_statement_can_be_recorded(personas, case15, not_involved):
    assert withdraw(not_involved, case15, "gn1", WHY).status_code == 302
    again = {**NOT_INVOLVED, "gn-reason": "Vader dreigt opnieuw; het advies is nu onveilig."}
    assert not_involved.post(url("step3_guardians_not_involved", case15), again).status_code == 302
    keys = GuardiansNotInvolved.objects.filter(case=case15).values_list("key", "withdrawn_at")
    assert [k for k, at in keys if at is None] == ["gn2"]
    assert build_casefile(case15)["guardians_not_involved"]["reason"] == again["gn-reason"]
    page = step_page(not_involved, case15)
    assert "Verklaring gn1 is ingetrokken" in page and "Verklaring gn2 intrekken" in page


def test_a_withdrawn_statement_cannot_be_withdrawn_again(personas, case15, not_involved):
    assert withdraw(not_involved, case15, "gn1", WHY).status_code == 302
    response = withdraw(not_involved, case15, "gn1", WHY)
    assert response.status_code == 422
    assert "deze verklaring (gn1) is al ingetrokken" in response.content.decode()
    assert AuditEvent.objects.filter(action="guardians_not_involved.withdraw").count() == 1


def test_a_colleague_off_the_team_gets_404_and_nothing_changes(
    personas, client_for, case15, not_involved
):
    for user in (personas.colleague, personas.stranger):
        assert withdraw(client_for(user), case15, "gn1", WHY).status_code == 404
    assert GuardiansNotInvolved.objects.get(case=case15).withdrawn_at is None
    assert not AuditEvent.objects.filter(action="guardians_not_involved.withdraw").exists()


def test_an_unknown_key_is_404(personas, case15, not_involved):
    for key in ("gn9", "gw1", "c1", "s1"):
        assert withdraw(not_involved, case15, key, WHY).status_code == 404, key


def test_a_closed_case_takes_no_withdrawal(personas, case15, not_involved):
    case_close(actor=personas.professional, case_id=case15.pk, reason="Afgerond.")
    assert withdraw(not_involved, case15, "gn1", WHY).status_code == 409
    assert GuardiansNotInvolved.objects.get(case=case15).withdrawn_at is None
    page = step_page(not_involved, case15)
    assert "Verklaring gn1 intrekken" not in page


def test_withdrawing_the_r3_3_reason_brings_the_r3_3_violation_back(personas, client_for):
    case = case_aged(personas, "J-ZSTN", turned_16_days_ago=100)
    client = client_for(personas.professional)
    talk = with_parents(case, personas.professional, safety_reason="Hij dreigde met geweld.")
    assert client.post(url("step3_conversation_new", case), talk).status_code == 302
    assert not findings(step_page(client, case), "R3.3")
    assert withdraw(client, case, "gw1", "   ").status_code == 422
    response = withdraw(client, case, "gw1", "De dreiging bleek een misverstand.")
    assert response.status_code == 302
    assert GuardiansWithoutConsent.objects.get(case=case).withdrawn_by == personas.professional
    assert build_casefile(case)["guardians_without_consent"] is None
    page = step_page(client, case)
    assert findings(page, "R3.3")
    assert "Verklaring gw1 is ingetrokken door" in page
    assert AuditEvent.objects.filter(
        case_id=case.pk, action="guardians_without_consent.withdraw", object_id="gw1"
    ).exists()


def test_withdrawing_the_skip_leaves_step_3_not_started(personas, client_for):
    advice_request(personas.case, personas.professional)
    client = client_for(personas.professional)
    skip = {"skip-reason": "Te riskant volgens het advies.", "skip-advice_key": "a1"}
    assert client.post(url("step3_skip", personas.case), skip).status_code == 302
    refused = withdraw(client, personas.case, "cs1", "")
    assert refused.status_code == 422
    assert "Stap 3 (R3.4): schrijf kort op" in refused.content.decode()
    response = withdraw(client, personas.case, "cs1", "Het gesprek kan nu toch veilig.")
    assert response.status_code == 302
    assert ConversationSkipped.objects.get(case=personas.case).withdrawn_at is not None
    assert build_casefile(personas.case)["conversation_skipped"] is None
    case_page = client.get(reverse("case_detail", args=[personas.case.public_id]))
    step3 = case_page.content.decode().split('id="stap-3"')[1].split("</li>")[0]
    assert "nog niet begonnen" in step3
    page = step_page(client, personas.case)
    assert "Verklaring cs1 is ingetrokken door" in page
    assert "Het gesprek kan nu toch veilig." in page
    assert AuditEvent.objects.filter(
        case_id=personas.case.pk, action="conversation_skipped.withdraw", object_id="cs1"
    ).exists()
