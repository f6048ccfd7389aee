"""The dossier lets the professional account for every step (found missing in a browser walk):
what kind of signal, when it was seen and from whom; what went to which adviser and when,
beside the text as written; who took part in a conversation; on what ground and advice the
parents were left out; and the facts of a risk, the decision and a disclosure. Entries are made
through the step apps' services; the page and the PDF through the real views."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from deelwijzer.advice.answers import AnswerInput
from deelwijzer.advice.services import (
    ComposeInput,
    advice_compose,
    advice_record_answer,
    advice_send,
)
from deelwijzer.cases.entries import Correction
from deelwijzer.conversations.services import (
    ConversationInput,
    conversation_record,
    guardians_not_involved_record,
)
from deelwijzer.dates import nl_date
from deelwijzer.disclosures.models import Disclosure
from tests.advice.conftest import add_signal, answer_body
from tests.conversations.helpers import case_aged
from tests.disclosures.helpers import ready_case, share_body, step6_url

DRAFT = "Yusuf Bakker uit klas 3B (woont Kastanjelaan 14) laat filmpjes van aanslagen zien."
SENT = "Een leerling van 15 laat in de klas filmpjes van aanslagen zien. Wat raad je aan?"
NOT_INVOLVED = "Het advies waarschuwt dat vader geweld gebruikt als hij dit hoort."


@pytest.fixture(scope="module")
def deduce_model():
    """deduce loaded once for this module (the proposal of an advice request uses it)."""
    from deelwijzer.procedure.deidentify import get_deduce

    return get_deduce()


@pytest.fixture
def case(personas, deduce_model):
    """A youth of 15 with two parents, and an entry of each kind the walk looked at."""
    case = case_aged(personas, "J-DOSS", turned_16_days_ago=-200)
    prof = personas.professional
    add_signal(case, prof, "Hij liet in de klas een filmpje van een aanslag zien.", days_ago=12)
    add_signal(case, prof, "Hij zou op het plein om geld voor 'de strijd' vragen.",
               source_kind="other", source_name="Karin Smit", source_role="conciërge")  # fmt: skip
    add_signal(case, prof, "Hij speelt elke zaterdag in het voetbalteam.", kind="contra_signal")
    _advice_to_the_police(case, prof)
    fatima = next(g for g in case.guardians.all() if g.name == "Fatima Bakker")
    conversation_record(actor=prof, case_id=case.pk, data=ConversationInput(
        held_on=timezone.localdate(), participants=["youth", "guardians"], held_by=[prof.pk],
        guardian_ids=[fatima.pk], purpose_explained=True, signals_and_concerns_described=True,
        reaction_asked=True, next_steps_after_reaction=True, reaction="Ik kijk dat gewoon.",
    ))  # fmt: skip
    guardians_not_involved_record(actor=prof, case_id=case.pk, ground="unsafe_per_advice",
                                  reason=NOT_INVOLVED, advice_key="a1")  # fmt: skip
    return case


def _advice_to_the_police(case, prof) -> None:
    data = ComposeInput(
        question=DRAFT, adviser_kind="external", signal_keys=["s1"],
        external_organisation="police", external_name="Wijkagent Noord",
    )  # fmt: skip
    draft = advice_compose(actor=prof, case_id=case.pk, data=data)
    advice_send(actor=prof, case_id=case.pk, key=draft.key, text=SENT, expected_version=1)
    # answered: it finds a conversation with the parents unsafe, as the exception needs (R3.2)
    body = {**answer_body(), "conversation_possible": False, "outcome": "more_advice"}
    answer = AnswerInput(**{**body, "review_date": None})
    advice_record_answer(actor=prof, case_id=case.pk, key=draft.key, answer=answer,
                         correction=Correction("", 2))  # fmt: skip


def dossier(client, case, name: str = "dossier"):
    return client.get(reverse(name, kwargs={"case_id": case.public_id}))


@pytest.fixture
def html(personas, client_for, case) -> str:
    response = dossier(client_for(personas.professional), case)
    assert response.status_code == 200
    return unescape(response.content.decode())


def facts(page: str) -> str:
    """The page as text, the tags taken out (a label and its value read as one line)."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_a_contra_signal_is_named_a_contra_signal(html):
    assert "Contrasignaal s3, versie 1" in html
    assert "Signaal s3" not in html


def test_each_signal_says_when_it_was_seen_and_from_whom(html):
    text = facts(html)
    seen = nl_date(timezone.localdate() - timedelta(days=12))
    assert f"Waargenomen op {seen} Bron Zelf waargenomen" in text
    assert "Bron Van iemand anders: Karin Smit, conciërge" in text


def test_an_advice_request_shows_what_was_sent_to_whom_and_when(html):
    text = facts(html)
    assert "Adviseur Een adviseur buiten de organisatie: Politie – Wijkagent Noord" in text
    assert f"Verstuurd op {nl_date(timezone.localdate())}" in text
    assert f"Verstuurde tekst {SENT}" in text
    # the text as written stays in the team's own record, labelled as such
    assert "Zoals je hem opstelde (alleen zichtbaar voor het team) " + DRAFT in text


def test_a_conversation_names_who_took_part(html):
    text = facts(html)
    assert "Deelnemers de jongere, ouder: Fatima Bakker (moeder)" in text
    assert "Gevoerd door (R3.5) Prof Test" in text


def test_parents_not_involved_shows_the_ground_and_the_advice(html):
    text = facts(html)
    assert f"{NOT_INVOLVED} Grond (R3.2) Een deskundig advies vindt het onveilig" in text
    assert "Advies a1: advies van Politie – Wijkagent Noord, gevraagd op" in text


def test_risk_decision_and_disclosure_show_their_facts(personas, client_for):
    contact = ready_case(personas)
    client = client_for(personas.professional)
    assert client.post(step6_url(personas), share_body(contact)).status_code == 302
    page = unescape(dossier(client, personas.case).content.decode())
    text = facts(page)
    for expected in (
        "Voor wie of wat de beroepskracht", "Ernst ernstig", "Wanneer op korte termijn",
        "Rust op de signalen s1", "Besluit extern delen",
        "Toestemming van de jongere De jongere geeft toestemming",
        "Ernstige, concrete risico's r1", "Beslist door",
        "Op grond van besluit b1", "Gedeelde identiteitsgegevens",
        "Wat de ontvanger doet (R6.4) De wijkagent spreekt de jongere aan.",
        "Terugkoppeling (R6.5) verwacht uiterlijk",
        "o1: Laat zien hoe de school het gedrag nu duidt.",
    ):  # fmt: skip
        assert expected in text, expected
    # what was shared: one item a line, not "purpose.; next" run together
    items = re.search(r"Gedeelde onderdelen</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S).group(1)
    assert len(items.strip().splitlines()) == len(Disclosure.objects.get(key="x1").items) > 1
    assert ".;" not in items


def test_the_pdf_renders_the_same_facts(personas, client_for, case):
    response = dossier(client_for(personas.professional), case, "dossier_pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).replace("\u200b", "").split())
    for expected in ("Contrasignaal s3", "Karin Smit, conciërge", SENT, "Fatima Bakker (moeder)",
                     "Een deskundig advies vindt het onveilig"):  # fmt: skip
        assert expected in text, expected
