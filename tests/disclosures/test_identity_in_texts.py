"""A disclosure never claims less identity than it contains (issue #16.3).

The texts that go out (the ticked entries, their purposes, the steps taken, the agreements)
are scanned before sharing. Identity found in them that is not ticked is refused, listing
what was found, unless the professional declares it (then the register and the PDF record it)
or has it replaced (then it does not go out, and the identity recorded stays "geen").
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Disclosure
from tests.disclosures.helpers import ready_case, share_body, step6_url
from tests.disclosures.test_share import pdf_text

# The youth is Yusuf Bakker, the mother Fatima Bakker (tests/personas.py).
TELLING = (
    "Yusuf's broer zag het ook, en Yusuf z'n telefoon staat vol filmpjes. In Zwolle zocht "
    "hij trainer Kees Mulder op; Fatima weet ervan."
)


@pytest.fixture
def team_client(personas, client_for):
    return client_for(personas.professional)


@pytest.fixture
def contact(personas):
    from deelwijzer.signalling.models import Signal

    contact = ready_case(personas)
    Signal.objects.create(
        case=personas.case, key="s4", recorded_by=personas.professional, kind="signal",
        observed_on=timezone.localdate(), text=TELLING, source_kind="own_observation",
    )  # fmt: skip
    return contact


def telling_body(contact, **overrides) -> dict:
    body = share_body(contact, identity=[], item_s4="on", risk_s4="r1")
    return {**body, **overrides}


def register_row(client_for, personas) -> str:
    html = client_for(personas.auditor).get(reverse("disclosure_register")).content.decode()
    start = html.index("<tbody>")
    return html[start : html.index("</tbody>")]


def test_identity_in_an_entry_with_nothing_ticked_is_refused_and_listed(
    personas, team_client, contact
):
    response = team_client.post(step6_url(personas), telling_body(contact))
    html = response.content.decode()
    assert response.status_code == 422
    for found in ("voornaam van de jongere", "‘Yusuf", "plaats ‘Zwolle’", "‘Kees Mulder’"):
        assert found in html, found
    assert "‘Fatima’" in html and "ouder 1 (moeder)" in html
    assert "R6.3" in html
    assert 'value="replace"' in html and 'value="declare"' in html  # the way out
    assert "Advies gevraagd, gesprek gevoerd" in html  # what was typed is still there
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.filter(action="disclosure.share").exists()


def test_the_check_shows_what_was_found_before_sharing(personas, team_client, contact):
    response = team_client.post(step6_url(personas), telling_body(contact, action="check"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "plaats ‘Zwolle’" in html and "Delen en vastleggen" not in html


def test_identity_in_the_free_text_is_refused_too(personas, team_client, contact):
    body = share_body(contact, identity=[], steps_taken="Ik belde Fatima Bakker op 3 maart.")
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Stappen die je al zette" in html and "‘Fatima Bakker’" in html
    assert not Disclosure.objects.exists()


def test_declared_identity_is_recorded_in_the_register_and_the_pdf(
    personas, team_client, contact, client_for
):
    response = team_client.post(
        step6_url(personas),
        telling_body(contact, found_identity="declare", task_professional="Ik spreek Yusuf."),
    )
    assert response.status_code == 302
    x = Disclosure.objects.get()
    guardian = personas.case.guardians.get()
    assert set(x.identity) == {"name", f"guardian-{guardian.pk}", "other"}
    text = pdf_text(team_client.get(step6_url(personas, "disclosure_pdf", key="x1")).content)
    row = register_row(client_for, personas)  # signs the shared test client in as auditor
    assert "Voornaam van de jongere" in row and "Plaats" in row and "<td>geen</td>" not in row
    assert row.count("Voornaam van de jongere") == 1  # each kind once, though found twice
    identity = text[text.index("Herkenbare gegevens die meegaan") :]
    for value in ("Yusuf", "Zwolle", "Kees Mulder", "Fatima"):
        assert value in identity, value
    assert "Yusuf Bakker" not in text  # what went out, not more: the full name was not in it
    event = AuditEvent.objects.get(action="disclosure.share")
    assert "Zwolle" not in str(event.detail) and event.detail["identity_found"] >= 5


def test_replaced_identity_does_not_go_out_and_the_identity_stays_none(
    personas, team_client, contact, client_for
):
    body = telling_body(
        contact, found_identity="replace", steps_taken="Ik belde Fatima op 3 maart."
    )
    response = team_client.post(step6_url(personas), body)
    assert response.status_code == 302
    x = Disclosure.objects.get()
    assert x.identity == [] and x.document["identity"] == []
    assert "Fatima" not in x.steps_taken and "[OUDER-1]" in x.steps_taken
    text = pdf_text(team_client.get(step6_url(personas, "disclosure_pdf", key="x1")).content)
    assert "<td>geen</td>" in register_row(client_for, personas)
    for value in ("Yusuf", "In Zwolle", "Kees Mulder", "Fatima"):  # the recipient is in Zwolle
        assert value not in text, value
    assert "In [PLAATS-1] zocht" in text and "[JONGERE]" in text
    assert "Herkenbare gegevens die meegaan" not in text


def test_a_ticked_name_covers_the_name_in_the_text(personas, team_client):
    from deelwijzer.signalling.models import Signal

    contact = ready_case(personas)
    Signal.objects.create(
        case=personas.case, key="s4", recorded_by=personas.professional, kind="signal",
        observed_on=timezone.localdate(), text="Yusuf liet het filmpje ook thuis zien.",
        source_kind="own_observation",
    )  # fmt: skip
    body = share_body(contact, identity=["name"], item_s4="on", risk_s4="r1")
    assert team_client.post(step6_url(personas), body).status_code == 302
    assert Disclosure.objects.get().identity == ["name"]


def test_an_unknown_choice_for_found_identity_is_refused(personas, team_client, contact):
    response = team_client.post(step6_url(personas), telling_body(contact, found_identity="x"))
    assert response.status_code == 422
    assert "Kies een van de twee mogelijkheden" in response.content.decode()
    assert not Disclosure.objects.exists()
