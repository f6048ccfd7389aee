"""Entries through the API: the same services as the web app, a stale version is 409, every
list is paged with its count."""

from __future__ import annotations

from datetime import date

import pytest

from deelwijzer.conversations.models import GuardiansNotInvolved
from deelwijzer.signalling.models import Signal
from deelwijzer.signalling.services import SignalInput, signal_add
from tests.api.data import case_with_entries
from tests.api.endpoints import CONVERSATION, DECISION, RISK, SIGNAL, WITHOUT_CONSENT
from tests.conversations.helpers import advice_request

CORRECTIONS = [
    ("/signals/s1", SIGNAL),
    ("/opinions/o1", {"text": "Zoekt houvast?", "about": ["s1"]}),
    ("/diagnoses/d1", {"text": "ADHD", "established_by_name": "Dr. Smit",
                       "established_by_role": "GZ-psycholoog", "relevance": "Onrust."}),
    ("/risks/r1", RISK),
    ("/conversations/c1", CONVERSATION),
]  # fmt: skip


@pytest.mark.parametrize("path,body", CORRECTIONS, ids=lambda v: str(v)[:20])
def test_a_correction_on_a_stale_version_is_409_and_keeps_the_newer_one(
    path, body, personas, api_as
):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    url = f"/cases/{case.public_id}{path}"
    first = client.put(url, {**body, "correction_note": "Eerste.", "expected_version": 1})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    stale = client.put(url, {**body, "correction_note": "Tweede.", "expected_version": 1})
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["status"] == 409 and "intussen" in problem["detail"]
    listed = client.get(f"/cases/{case.public_id}{path.rsplit('/', 1)[0]}").json()["items"]
    kept = next(e for e in listed if e["key"] == path.rsplit("/", 1)[1])
    assert (kept["version"], kept["correction_note"]) == (2, "Eerste.")


def test_a_stale_follow_up_and_a_stale_advice_answer_are_409(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    note = {"status": "open", "date": "2026-11-01", "text": "Niets nieuws.", "expected_version": 2}
    assert client.post(f"/cases/{case.public_id}/opinions/o1/follow-ups", note).status_code == 409
    answer = {"may_indicate_radicalisation": "no", "outcome": "no_follow_up", "expected_version": 5}
    assert client.put(f"/cases/{case.public_id}/advice/a2/answer", answer).status_code == 409


def test_a_stale_decision_is_409(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    assert client.post(f"/cases/{case.public_id}/decision", DECISION).status_code == 200
    again = client.post(
        f"/cases/{case.public_id}/decision", DECISION
    )  # "new" again: someone was first
    assert again.status_code == 409
    newer = client.post(f"/cases/{case.public_id}/decision", {**DECISION, "expected_version": 1})
    assert newer.status_code == 200 and newer.json()["version"] == 2


def test_a_closed_opinion_needs_its_follow_up_note(personas, api_as):
    case = case_with_entries(personas)
    body = {"status": "confirmed", "date": "2026-11-01", "text": "", "expected_version": 1}
    response = api_as(personas.professional).post(
        f"/cases/{case.public_id}/opinions/o1/follow-ups", body
    )
    assert response.status_code == 422
    assert any("R1.2" in e["message"] for e in response.json()["errors"])


def test_the_service_refuses_what_the_werkwijze_forbids(personas, api_as):
    """A diagnosis without who established it is refused with the app's own R1.4 sentence."""
    case = case_with_entries(personas)
    body = {"text": "Autisme", "relevance": "Verklaart de onrust."}
    response = api_as(personas.professional).post(f"/cases/{case.public_id}/diagnoses", body)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"established_by_name", "established_by_role"}


def test_lists_are_paged_with_their_count(personas, api_as):
    for n in range(27):
        signal_add(
            actor=personas.professional,
            case_id=personas.case.pk,
            data=SignalInput("signal", date(2026, 10, 1), f"Waarneming {n}.", "own_observation"),
        )
    client = api_as(personas.professional)
    first = client.get(f"/cases/{personas.case.public_id}/signals").json()
    second = client.get(f"/cases/{personas.case.public_id}/signals", page=2).json()
    assert (first["count"], first["pages"], len(first["items"])) == (27, 2, 25)
    assert [s["key"] for s in second["items"]] == ["s26", "s27"]
    assert first["items"][1]["key"] == "s2"  # s2 before s10
    beyond = client.get(f"/cases/{personas.case.public_id}/signals", page=3).json()
    assert beyond["items"] == [] and beyond["count"] == 27
    assert client.get(f"/cases/{personas.case.public_id}/signals", page=0).status_code == 422


def test_opening_a_case_through_the_api(personas, api_as):
    body = {
        "name": "Sara de Boer", "birth_date": "2010-05-01", "role_on_team": "mentor",
        "identifiers": ["klas 4A"], "guardians": [{"name": "Kees de Boer", "relation": "vader"}],
    }  # fmt: skip
    response = api_as(personas.colleague).post("/cases", body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["youth"]["name"] == "Sara de Boer" and made["pseudonym"]
    assert made["team"] == [
        {
            "user_id": str(personas.colleague.public_id),
            "name": "Collega Test",
            "role_on_team": "mentor",
        }
    ]
    duplicate = api_as(personas.colleague).post("/cases", {**body, "pseudonym": "J-TEST"})
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"] == [
        {
            "field": "pseudonym",
            "message": "Je organisatie heeft al een casus met dit pseudoniem. Kies een ander, "
            "of laat het veld leeg: dan kiest Deelwijzer er een.",
        }
    ]


def test_only_a_professional_opens_a_case(personas, api_as):
    body = {"name": "Sara", "birth_date": "2010-05-01", "role_on_team": "mentor"}
    assert api_as(personas.attention_officer).post("/cases", body).status_code == 403


def test_an_entry_written_through_the_api_is_the_same_as_one_from_the_web(personas, api_as):
    api_as(personas.professional).post(f"/cases/{personas.case.public_id}/signals", SIGNAL)
    row = Signal.objects.get(case=personas.case, key="s1")
    assert (row.text, row.recorded_by, row.version) == (SIGNAL["text"], personas.professional, 1)


def test_a_statement_about_the_conversation_is_made_once_then_corrected(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    url = f"/cases/{case.public_id}/guardians-without-consent"
    made = client.put(url, WITHOUT_CONSENT)
    assert made.status_code == 200, made.content
    assert made.json()["kind"] == "guardians_without_consent" and made.json()["key"] == "gw1"
    assert client.put(url, WITHOUT_CONSENT).status_code == 409  # someone made it already
    fixed = client.put(
        url, {**WITHOUT_CONSENT, "correction_note": "Aangevuld.", "expected_version": 1}
    )
    assert fixed.status_code == 200 and fixed.json()["version"] == 2
    listed = client.get(f"/cases/{case.public_id}/conversation-statements").json()
    assert [(s["key"], s["version"]) for s in listed["items"]] == [("gw1", 2)]


def test_skipping_the_conversation_needs_an_advice(personas, api_as):
    case = case_with_entries(personas)
    body = {"reason": "Te riskant.", "advice_key": "a9"}
    response = api_as(personas.professional).put(
        f"/cases/{case.public_id}/conversation-skipped", body
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "advice_key"


def test_not_involving_the_parents_on_an_advice_that_says_a_talk_is_possible_is_422(
    personas, api_as
):
    """R3.2 through the API: the service checks the advice, as it does for skipping (R3.4)."""
    advice_request(personas.case, personas.professional, conversation_possible=True)
    body = {"ground": "unsafe_per_advice", "reason": "Onveilig.", "advice_key": "a1"}
    response = api_as(personas.professional).put(
        f"/cases/{personas.case.public_id}/guardians-not-involved", body
    )
    assert response.status_code == 422
    assert "advies a1 zegt juist dat een gesprek mogelijk is" in response.content.decode()
    assert not GuardiansNotInvolved.objects.filter(case=personas.case).exists()


def test_a_decision_naming_a_limited_risk_as_serious_is_not_submitted(personas, api_as):
    """With consent sharing is lawful, but r1 is limited in step 4: submitting would record
    it as serious and concrete (R5.2 warning); a draft may hold it."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    body = {
        "share": True, "consent": "given", "consent_on": "2026-10-20",
        "consent_how": "in_writing", "consent_note": "Brief van de jongere.",
        "serious_concrete_risks": ["r1"], "reasoning": "Hij geeft toestemming.",
    }  # fmt: skip
    refused = client.post(f"/cases/{case.public_id}/decision", {**body, "submit": True})
    assert refused.status_code == 422, refused.content
    [error] = [e for e in refused.json()["errors"] if "R5.2" in e["message"]]
    assert "r1: de ernst is beperkt" in error["message"]
    draft = client.post(f"/cases/{case.public_id}/decision", {**body, "submit": False})
    assert draft.status_code == 200 and draft.json()["status"] == "draft"


def test_every_key_and_id_the_api_takes_it_returns(personas, api_as):
    """The API walk: a file's key came only with its upload (one added on the web page could
    not be read or withdrawn), and a colleague's user_id only from a case they were on."""
    from deelwijzer.attachments import services as files
    from tests.attachments.helpers import jpeg_with_gps

    case = personas.case
    client = api_as(personas.professional)
    client.post(f"/cases/{case.public_id}/signals", SIGNAL)
    files.attachment_add(
        actor=personas.professional,
        case_id=case.pk,
        entry_kind="signal",
        entry_key="s1",
        upload=files.Upload(
            filename="foto.jpg",
            data=jpeg_with_gps(),
            description="Foto.",
            made_on=date(2026, 10, 5),
        ),
    )  # as the web page adds it
    listed = client.get(f"/cases/{case.public_id}/attachments").json()
    assert [(a["key"], a["entry_key"]) for a in listed["items"]] == [("f1", "s1")]
    assert client.get(f"/cases/{case.public_id}/attachments/f1").status_code == 200
    assert api_as(personas.stranger).get(f"/cases/{case.public_id}/attachments").status_code == 404

    colleagues = client.get("/colleagues").json()["items"]
    named = {c["name"]: c["user_id"] for c in colleagues}
    assert named[personas.colleague.display_name()] == str(personas.colleague.public_id)
    assert all(c["organisation"] == personas.organisation.name for c in colleagues)
    added = client.post(
        f"/cases/{case.public_id}/team",
        {"user_id": named[personas.colleague.display_name()], "role_on_team": "zorgcoördinator"},
    )
    assert added.status_code == 200, added.content
    assert personas.stranger.display_name() not in named  # another organisation's
