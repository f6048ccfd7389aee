"""Sharing through the real views: refused without a signed-off decision, checked by the
engine first, recorded once with exactly the ticked items, audited, in the register."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Disclosure
from tests.disclosures.helpers import (
    CONTRA_SIGNAL,
    OPINION,
    RISK,
    TICKED_SIGNAL,
    UNTICKED_SIGNAL,
    ready_case,
    share_body,
    sign_off_decision,
    step6_url,
)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def share(client, personas, contact, **overrides):
    return client.post(step6_url(personas), share_body(contact, **overrides))


@pytest.fixture
def team_client(personas, client_for):
    return client_for(personas.professional)


def test_sharing_is_refused_without_a_signed_off_decision(personas, team_client):
    contact = ready_case(personas, decision=False)
    page = team_client.get(step6_url(personas, "step6"))
    assert "R6.7" in page.content.decode()
    assert 'name="action"' not in page.content.decode()  # no form to share with
    response = share(team_client, personas, contact)
    assert response.status_code == 422  # a refusal, explained on the page
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.filter(action="disclosure.share").exists()


def test_a_signed_off_decision_not_to_share_does_not_allow_sharing(personas, team_client):
    contact = ready_case(personas, decision=False)
    sign_off_decision(personas, share=False)
    share(team_client, personas, contact)
    assert not Disclosure.objects.exists()


def test_check_shows_the_engines_findings_and_saves_nothing(personas, team_client):
    contact = ready_case(personas)
    body = share_body(
        contact, action="check", item_s2="on", purpose_s2="Achtergrond.", found_identity="replace"
    )  # s2 names a town: replaced, so that only the engine's warning is left
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 200
    assert "R6.3" in html and "s2" in html  # s2 is tied to no risk: a warning
    assert "Delen en vastleggen" in html  # only warnings: sharing may go on
    assert not Disclosure.objects.exists()


def check_section(html: str) -> str:
    start = html.index('id="controle"')
    return html[start : html.index("</section>", start)]


def test_an_item_linked_to_a_risk_that_rests_on_it_gets_no_r6_3_warning(personas, team_client):
    contact = ready_case(personas)  # r1 rests on s1 in step 4; s1 goes for r1
    body = share_body(contact, action="check", item_o1="")  # o1: a purpose, no risk
    response = team_client.post(step6_url(personas), body)
    assert response.status_code == 200
    assert "R6.3" not in check_section(response.content.decode())


@pytest.mark.parametrize(
    ("identity", "task", "asked"),
    [([], "De wijkagent spreekt de jongere aan.", True), (["name"], "De wijkagent spreekt de "
     "jongere aan.", False), ([], "", False)],
)  # fmt: skip
def test_a_recipient_with_a_task_but_no_name_is_asked_about(
    personas, team_client, identity, task, asked
):
    """The recipient walk: nothing of the young person ticked, the police asked to speak to
    her: 'Deelwijzer ziet geen punten meer', and the officer could not tell who she was."""
    contact = ready_case(personas)
    body = share_body(contact, action="check", identity=identity, task_recipient=task)
    section = check_section(team_client.post(step6_url(personas), body).content.decode())
    said = "de ontvanger krijgt de naam van de jongere niet, maar moet wel iets doen"
    assert (said in section) == asked
    if asked:  # a question, not a refusal: sharing stays possible
        assert "Delen en vastleggen" in team_client.post(step6_url(personas), body).content.decode()


def test_the_r6_3_warning_on_a_draft_names_the_risk_chosen_and_no_key(personas, team_client):
    """The browser walk: s1 shared for r1, while r1 in step 4 rests on s2 only. The warning
    says exactly that (the engine links items to risks through step 4), and calls the
    disclosure not yet shared "deze verstrekking", not x1."""
    from deelwijzer.risks.models import Risk

    contact = ready_case(personas)
    risk = Risk.objects.get(case=personas.case, key="r1")
    risk.based_on = ["s2"]
    risk.save()
    body = share_body(contact, action="check", item_o1="")
    response = team_client.post(step6_url(personas), body)
    section = check_section(response.content.decode())
    assert "deze verstrekking deelt s1, maar r1 rust in stap 4 niet op s1." in section
    assert "stap 4 toe aan waar dat risico op rust" in section  # what to do
    assert "hangt niet samen" not in section and "x1" not in section  # no key, no link to it


def test_missing_agreements_block_the_share(personas, team_client):
    contact = ready_case(personas)
    response = share(team_client, personas, contact, task_recipient="", feedback_possible="")
    html = response.content.decode()
    assert "R6.4" in html and "R6.5" in html
    assert "R6.4: Stap 6" not in html  # each message names its step and rule once
    assert not Disclosure.objects.exists()


def test_an_item_without_purpose_or_risk_is_refused_by_name(personas, team_client):
    contact = ready_case(personas)
    response = share(team_client, personas, contact, item_s2="on")
    assert "R6.3" in response.content.decode() and "s2" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_share_records_the_disclosure_and_audits_it(personas, team_client):
    contact = ready_case(personas)
    response = share(team_client, personas, contact)
    assert response.status_code == 302
    x = Disclosure.objects.get()
    assert (x.key, x.item_keys, x.identity) == ("x1", ["s1", "o1", "r1"], ["name"])
    assert x.ground == "consent"
    assert x.decision_key == "b1" and x.shared_by == personas.professional
    event = AuditEvent.objects.get(action="disclosure.share")
    assert event.detail["items"] == ["s1", "o1", "r1"] and event.case_id == personas.case.pk
    assert TICKED_SIGNAL not in str(event.detail)


def test_the_pdf_holds_exactly_the_ticked_items(personas, team_client):
    contact = ready_case(personas)
    share(team_client, personas, contact, identity=[])
    response = team_client.get(step6_url(personas, "disclosure_pdf", key="x1"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for ticked in (TICKED_SIGNAL, OPINION, RISK):
        assert " ".join(ticked.split()) in text
    for unticked in (UNTICKED_SIGNAL, CONTRA_SIGNAL):
        assert unticked[:30] not in text
    for identity in (
        "Yusuf",
        "Bakker",
        "Kastanjelaan",
        "3B",
        "@yusuf_b",
        "14 maart 2011",
        "Fatima",
    ):
        assert identity not in text
    assert "J-TEST" not in text  # not even the pseudonym
    assert "mening" in text.lower() and "geen vastgesteld feit" in text  # R6.1
    assert "Wijkagent Noord" in text and "Het Baken" in text  # recipient and sender
    assert "R5.1" in text  # the ground
    assert "De wijkagent spreekt de jongere aan." in text  # the agreements


def test_identity_goes_out_only_as_ticked(personas, team_client):
    contact = ready_case(personas)
    share(team_client, personas, contact, identity=["name", "identifier-1"])
    text = pdf_text(team_client.get(step6_url(personas, "disclosure_pdf", key="x1")).content)
    assert "Yusuf Bakker" in text and "klas 3B" in text
    assert "Kastanjelaan" not in text and "14 maart 2011" not in text and "Fatima" not in text


def test_the_pdf_download_is_audited(personas, team_client):
    contact = ready_case(personas)
    share(team_client, personas, contact)
    team_client.get(step6_url(personas, "disclosure_pdf", key="x1"))
    event = AuditEvent.objects.get(action="disclosure.download_pdf")
    assert (event.object_id, event.user_id) == ("x1", personas.professional.pk)


def test_a_later_correction_does_not_change_what_was_shared(personas, team_client):
    from deelwijzer.cases.entries import Correction, entry_correct
    from deelwijzer.signalling.models import Signal

    contact = ready_case(personas)
    share(team_client, personas, contact)
    entry_correct(
        actor=personas.professional, case_id=personas.case.pk, model=Signal, key="s1",
        values={"text": "Gecorrigeerde tekst."}, correction=Correction("typfout", 1),
        action="signal.correct",
    )  # fmt: skip
    text = pdf_text(team_client.get(step6_url(personas, "disclosure_pdf", key="x1")).content)
    assert " ".join(TICKED_SIGNAL.split()) in text and "Gecorrigeerde" not in text


def test_the_register_lists_the_disclosure_for_the_auditor(personas, team_client, client_for):
    contact = ready_case(personas)
    share(team_client, personas, contact)
    auditor = client_for(personas.auditor)
    html = auditor.get(reverse("disclosure_register")).content.decode()
    for expected in ("x1", "J-TEST", "Wijkagent Noord", "s1, o1, r1", "Prof Test", "b1", "R5.1"):
        assert expected in html
    for content in (TICKED_SIGNAL, RISK, "Yusuf"):
        assert content not in html
    assert AuditEvent.objects.filter(action="disclosure.register_view").exists()


def test_the_register_shows_no_other_organisations_disclosures(personas, client_for):
    html = client_for(personas.auditor).get(reverse("disclosure_register")).content.decode()
    assert "Er is nog niets gedeeld in stap 6." in html


def test_feedback_is_recorded_later_and_reaches_the_case_file(personas, team_client):
    from django.utils import timezone

    from deelwijzer.interchange.casefile import build_casefile

    contact = ready_case(personas)
    share(team_client, personas, contact)
    today = timezone.localdate().isoformat()
    url = step6_url(personas, "disclosure_feedback", key="x1")
    team_client.post(url, {"received_on": today, "text": "Gesprek met de jongere gevoerd."})
    x = build_casefile(personas.case)["disclosures"][0]
    assert x["feedback"]["possible"] is True and x["feedback"]["received_on"] == today
    assert x["items"] == ["s1", "o1", "r1"] and x["recipient"]["organisation"] == "police"
    assert AuditEvent.objects.filter(action="disclosure.feedback").count() == 1


def test_feedback_without_text_is_refused(personas, team_client):
    from deelwijzer.disclosures.models import FeedbackReceipt

    contact = ready_case(personas)
    share(team_client, personas, contact)
    url = step6_url(personas, "disclosure_feedback", key="x1")
    team_client.post(url, {"received_on": "", "text": ""})
    assert not FeedbackReceipt.objects.exists()
