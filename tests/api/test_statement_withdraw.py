"""Withdrawing a statement about the conversation (R3.2, R3.3, R3.4) through the API: the same
service as the page; it leaves the case file and the rules, stays listed as withdrawn, and a
new one can be made afterwards."""

from __future__ import annotations

import pytest

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.lifecycle import case_close
from deelwijzer.conversations.models import GuardiansNotInvolved
from tests.api.data import case_with_entries

NOT_INVOLVED = {"ground": "contrary_to_good_care", "reason": "Thuis is het onrustig."}
WHY = "Toch een goed gesprek met beide ouders gevoerd."


def r3_2(client, case) -> list:
    evaluation = client.get(f"/cases/{case.public_id}/evaluation").json()
    return [f for f in evaluation["findings"] if f["rule"] == "R3.2"]


@pytest.fixture
def gn1(personas, api_as):
    """The API's case (a youth of 15, c1 with the youth only) with gn1: parents not involved."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    assert r3_2(client, case)
    made = client.put(f"/cases/{case.public_id}/guardians-not-involved", NOT_INVOLVED)
    assert made.status_code == 200, made.content
    assert made.json()["key"] == "gn1" and made.json()["withdrawn_at"] is None
    assert not r3_2(client, case)
    return case, client


def withdraw(client, case, key: str, body: dict):
    return client.post(f"/cases/{case.public_id}/conversation-statements/{key}/withdraw", body)


def test_a_withdrawn_statement_leaves_the_case_file_and_the_rules(personas, gn1):
    case, client = gn1
    response = withdraw(client, case, "gn1", {"reason": WHY})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["key"] == "gn1" and body["kind"] == "guardians_not_involved"
    assert body["withdrawn_at"] is not None and body["withdrawal_reason"] == WHY
    assert body["withdrawn_by"] == personas.professional.display_name()
    casefile = client.get(f"/cases/{case.public_id}/casefile").json()
    assert casefile["guardians_not_involved"] is None
    assert r3_2(client, case)
    listed = client.get(f"/cases/{case.public_id}/conversation-statements").json()["items"]
    assert [(s["key"], s["withdrawal_reason"]) for s in listed] == [("gn1", WHY)]
    assert AuditEvent.objects.filter(
        case_id=case.pk,
        user_id=personas.professional.pk,
        action="guardians_not_involved.withdraw",
        object_id="gn1",
    ).exists()


def test_without_a_reason_it_is_422_and_nothing_changes(personas, gn1):
    case, client = gn1
    response = withdraw(client, case, "gn1", {"reason": "  "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    assert "Stap 3 (R3.2): schrijf kort op" in response.content.decode()
    assert GuardiansNotInvolved.objects.get(case=case).withdrawn_at is None
    assert not AuditEvent.objects.filter(action="guardians_not_involved.withdraw").exists()
    assert not r3_2(client, case)


def test_after_withdrawing_a_new_statement_gets_a_new_key(personas, gn1):
    case, client = gn1
    assert withdraw(client, case, "gn1", {"reason": WHY}).status_code == 200
    again = client.put(f"/cases/{case.public_id}/guardians-not-involved", NOT_INVOLVED)
    assert again.status_code == 200, again.content
    assert again.json()["key"] == "gn2"
    listed = client.get(f"/cases/{case.public_id}/conversation-statements").json()["items"]
    assert [(s["key"], s["withdrawn_at"] is None) for s in listed] == [
        ("gn1", False),
        ("gn2", True),
    ]
    assert withdraw(client, case, "gn1", {"reason": WHY}).status_code == 422  # already


def test_outsiders_get_404_and_an_unknown_key_is_404(personas, api_as, gn1):
    case, client = gn1
    for user in (personas.colleague, personas.stranger):
        assert withdraw(api_as(user), case, "gn1", {"reason": WHY}).status_code == 404
    assert withdraw(client, case, "gn7", {"reason": WHY}).status_code == 404
    assert withdraw(client, case, "c1", {"reason": WHY}).status_code == 404
    assert GuardiansNotInvolved.objects.get(case=case).withdrawn_at is None


def test_a_closed_case_takes_no_withdrawal(personas, gn1):
    case, client = gn1
    case_close(actor=personas.professional, case_id=case.pk, reason="Afgerond.")
    assert withdraw(client, case, "gn1", {"reason": WHY}).status_code == 409
    assert GuardiansNotInvolved.objects.get(case=case).withdrawn_at is None
