"""The dossier page and its exports through the real views: everything in one timeline,
corrections included; audited; only for the team; a constant number of queries."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.entries import Correction, entry_correct
from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.signalling.models import Signal
from tests.disclosures.helpers import RISK, TICKED_SIGNAL, ready_case, share_body, step6_url


def url(personas, name: str = "dossier") -> str:
    return reverse(name, kwargs={"case_id": personas.case.public_id})


@pytest.fixture
def shared_case(personas, client_for):
    contact = ready_case(personas)
    client = client_for(personas.professional)
    assert client.post(step6_url(personas), share_body(contact)).status_code == 302
    entry_correct(
        actor=personas.professional, case_id=personas.case.pk, model=Signal, key="s2",
        values={"text": "Verbeterde tekst van s2."},
        correction=Correction("datum klopte niet", 1), action="signal.correct",
    )  # fmt: skip
    client.post(
        step6_url(personas, "disclosure_feedback", key="x1"),
        {"received_on": date.today().isoformat(), "text": "Agent sprak de jongere aan."},
    )
    return client


def test_the_dossier_shows_everything_with_versions_and_corrections(personas, shared_case):
    html = shared_case.get(url(personas)).content.decode()
    for expected in (
        "Casus geopend", TICKED_SIGNAL, RISK, "Signaal s2, versie 1", "Signaal s2, versie 2",
        "datum klopte niet", "Besluit over extern delen b1", "Verstrekking x1",
        "Agent sprak de jongere aan.", "Prof Test",
    ):  # fmt: skip
        assert expected in html, expected
    assert html.index("Casus geopend") < html.index("Verstrekking x1")  # oldest first


def test_a_new_version_says_which_it_replaces_and_what_it_changed(personas, shared_case):
    """The step 5 walk: a correction read as a new entry; what it changed had to be found by
    comparing two blocks by eye."""
    import html as html_lib

    signal = Signal.current(personas.case).get(key="s2")
    entry_correct(
        actor=personas.professional, case_id=personas.case.pk, model=Signal, key="s2",
        values={"observed_on": date(2026, 1, 5)},
        correction=Correction("de datum nu echt", signal.version), action="signal.correct",
    )  # fmt: skip
    entry_correct(
        actor=personas.professional, case_id=personas.case.pk, model=Signal, key="s2",
        values={}, correction=Correction("alleen een toelichting", signal.version + 1),
        action="signal.correct",
    )  # fmt: skip
    text = html_lib.unescape(shared_case.get(url(personas)).content.decode())
    assert "Signaal s2, versie 1<" in text or "Signaal s2, versie 1\n" in text
    assert "Signaal s2, versie 2 (vervangt versie 1; gewijzigd: Tekst)" in text
    # the date changed, the text not
    assert "Signaal s2, versie 3 (vervangt versie 2; gewijzigd: Waargenomen op)" in text
    assert "Signaal s2, versie 4 (vervangt versie 3)" in text


def test_closing_shows_why(personas, shared_case):
    from deelwijzer.cases.services import case_close

    case_close(actor=personas.professional, case_id=personas.case.pk, reason="Zorg is voorbij.")
    html = shared_case.get(url(personas)).content.decode()
    assert "Casus gesloten" in html and "Zorg is voorbij." in html


def test_the_dossier_pdf_holds_the_timeline_and_is_audited(personas, shared_case):
    response = shared_case.get(url(personas, "dossier_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Verstrekking x1" in text and "datum klopte niet" in text
    assert AuditEvent.objects.filter(action="dossier.download_pdf").count() == 1


def test_the_case_file_export_is_valid_and_audited(personas, shared_case):
    response = shared_case.get(url(personas, "dossier_casefile"))
    data = json.loads(response.content)
    assert data["format"] == "deelwijzer-casefile/1"
    load_casefile(data)  # raises if not valid
    assert data["disclosures"][0]["items"] == ["s1", "o1", "r1"]
    assert AuditEvent.objects.filter(action="dossier.export_casefile").count() == 1


def test_reading_the_dossier_is_audited(personas, shared_case):
    shared_case.get(url(personas))
    event = AuditEvent.objects.get(action="dossier.view")
    assert (event.case_id, event.user_id) == (personas.case.pk, personas.professional.pk)


@pytest.mark.parametrize("who", ["colleague", "attention_officer", "stranger", "decision_maker"])
@pytest.mark.parametrize("name", ["dossier", "dossier_pdf", "dossier_casefile"])
def test_no_one_outside_the_team_reaches_the_dossier(personas, client_for, who, name):
    client = client_for(getattr(personas, who))
    assert client.get(url(personas, name)).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="dossier.").exists()


def _signals(personas, count: int) -> None:
    Signal.objects.bulk_create(
        Signal(
            case=personas.case, key=f"s{n}", recorded_by=personas.professional, kind="signal",
            observed_on=date(2025, 1, 6), text=f"Waarneming {n}.", source_kind="own_observation",
        )
        for n in range(1, count + 1)
    )  # fmt: skip


def _queries(client, personas) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(personas)).status_code == 200
    return len(ctx.captured_queries)


def test_dossier_queries_do_not_grow_with_the_entries(personas, client_for):
    client = client_for(personas.professional)
    _signals(personas, 5)
    few = _queries(client, personas)
    Signal.objects.all().delete()
    _signals(personas, 200)
    many = _queries(client, personas)
    assert few == many
