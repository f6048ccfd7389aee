"""Composing and sending a request, through the real views (R2.1, R2.2)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.advice.models import AdviceRequest, RequestStatus
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.services import team_member_add
from tests.advice.conftest import add_signal, compose, current, send, sent_to_officer, textarea

IDENTIFYING_QUESTION = (
    "Yusuf Bakker (geboren 14-03-2011) uit klas 3B zegt dat muziek haram is. Zijn moeder "
    "Fatima Bakker maakt zich zorgen. Kunnen deze signalen op radicalisering wijzen?"
)


@pytest.fixture
def prof(personas, client_for, deduce_model):
    return client_for(personas.professional)


def test_preview_shows_the_pseudonymised_text_beside_the_original(personas, prof):
    case = personas.case
    add_signal(case, personas.professional, "Yusuf draagt sinds drie weken een lange jurk.")
    response = compose(prof, case, signal_keys=["s1"], question=IDENTIFYING_QUESTION,
                       adviser_kind="attention_officer")  # fmt: skip
    assert response.status_code == 302
    html = prof.get(response["Location"]).content.decode()
    proposed = textarea(html, "request_text")
    for word in ("Yusuf", "Bakker", "14-03-2011", "3B", "Fatima"):
        assert word not in proposed
    for placeholder in ("[JONGERE]", "[GEBOORTEDATUM]", "[KLAS]", "[OUDER-1]"):
        assert placeholder in proposed
        assert f"<mark>{placeholder}</mark>" in html  # the proposal, highlighted
    assert "<mark>Yusuf Bakker" in html  # the original beside it, its replacement marked
    assert "lange jurk" in proposed  # the chosen signal is part of the request
    assert "Stap 2 (R2.1): lees de tekst na" in html  # the review list


def test_the_proposal_hides_the_organisations_own_name_and_streets(personas, prof):
    """#24: the organisation's name (here "Het Baken") and a street without a house number."""
    case = personas.case
    add_signal(case, personas.professional, "Hij hangt rond bij de moskee aan de Dorpsstraat.")
    question = "Op Het Baken zegt hij dat muziek haram is. Is dit een baken van radicalisering?"
    response = compose(prof, case, signal_keys=["s1"], question=question,
                       adviser_kind="attention_officer")  # fmt: skip
    proposed = textarea(prof.get(response["Location"]).content.decode(), "request_text")
    assert "Op [ORGANISATIE-1] zegt hij" in proposed and "Het Baken" not in proposed
    assert "een baken van radicalisering" in proposed
    assert "de moskee aan de [STRAAT-1]" in proposed


@pytest.mark.parametrize(
    "left_in, named",
    [
        ("Yusuf", "voornaam van de jongere ‘Yusuf’"),
        ("geboren 14-03-2011", "‘14-03-2011’"),
        ("zit in klas 3B", "‘klas 3B’"),
        ("zijn moeder Fatima Bakker belde", "‘Fatima Bakker’"),
    ],
)
def test_sending_outside_the_team_with_an_identifier_is_refused(personas, prof, left_in, named):
    case = personas.case
    response = compose(prof, case, adviser_kind="attention_officer")
    key = current(case, "a1").key
    text = f"Een leerling van 15, {left_in}, zegt dat muziek haram is."
    response = send(prof, case, key, text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "niet verstuurd" in html.lower()
    assert named.replace("‘", "&#x27;") in html or named in html
    assert textarea(html, "request_text") == text  # the edit is kept for the next try
    # a way back to the anonymous version, which the refused edit replaced in the text area
    back = reverse("advice_preview", kwargs={"case_id": case.public_id, "key": key})
    assert f'<a href="{back}">Begin opnieuw met de anonieme versie</a>' in html
    assert (
        textarea(prof.get(back).content.decode(), "request_text") == current(case, key).request_text
    )
    request = current(case, key)
    assert request.status == RequestStatus.DRAFT and request.version == 1
    assert not AuditEvent.objects.filter(action="advice.send").exists()


def test_a_clean_text_is_sent_and_audited(personas, prof):
    case = personas.case
    compose(prof, case, adviser_kind="external", external_organisation="veiligheidshuis")
    response = send(prof, case, "a1", "Een leerling van 15 zegt dat muziek haram is.")
    assert response.status_code == 302
    request = current(case, "a1")
    assert request.status == RequestStatus.SENT and request.version == 2
    assert request.asked_on is not None and not request.identifies_youth
    assert AuditEvent.objects.filter(action="advice.send", case_id=case.pk).count() == 1
    assert AuditEvent.objects.filter(action="advice.compose", case_id=case.pk).count() == 1
    page = prof.get(reverse("step2", kwargs={"case_id": case.public_id})).content.decode()
    assert 'id="a1"' in page and "Veiligheidshuis" in page


def test_a_proposal_sent_unchanged_from_a_browser_is_not_shown_twice(personas, prof):
    """A browser sends the text area's lines ending in CR LF: the text sent as proposed is
    stored as composed, and neither step 2 nor the dossier shows it a second time as "how
    you composed it" (a walk's dossier showed every request twice)."""
    case = personas.case
    add_signal(case, personas.professional, "Hij deelt filmpjes van strijders.")
    compose(prof, case, signal_keys=["s1"], adviser_kind="attention_officer")
    proposed = current(case, "a1").request_text
    assert "\n" in proposed  # the question, then the signals
    assert send(prof, case, "a1", proposed.replace("\n", "\r\n")).status_code == 302
    sent = current(case, "a1")
    assert sent.request_text == proposed and not sent.changed_from_draft
    for name in ("step2", "dossier"):
        page = prof.get(reverse(name, kwargs={"case_id": case.public_id})).content.decode()
        assert "Zoals je hem opstelde" not in page, name


def test_an_empty_text_is_not_sent_and_the_page_says_so(personas, prof):
    """The preview's form leaves the checking to the page (novalidate): an emptied text
    comes back with the page's own message, and the draft stays a draft."""
    case = personas.case
    compose(prof, case, adviser_kind="attention_officer")
    response = send(prof, case, "a1", "  ")
    assert response.status_code == 422
    page = response.content.decode()
    assert "De tekst van de adviesvraag is leeg." in page and 'class="error-summary"' in page
    assert current(case, "a1").status == RequestStatus.DRAFT


def test_a_team_colleague_may_be_told_the_name(personas, prof):
    case = personas.case
    team_member_add(actor=personas.professional, case_id=case.pk,
                    user_id=personas.colleague.pk, role_on_team="zorgcoördinator")  # fmt: skip
    response = compose(prof, case, question=IDENTIFYING_QUESTION, adviser_kind="team_member",
                       adviser_member=personas.colleague.public_id)  # fmt: skip
    html = prof.get(response["Location"]).content.decode()
    assert "Yusuf Bakker" in textarea(html, "request_text")  # not pseudonymised
    assert send(prof, case, "a1", IDENTIFYING_QUESTION).status_code == 302
    request = current(case, "a1")
    assert request.status == RequestStatus.SENT and request.identifies_youth


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"question": "", "adviser_kind": "attention_officer"}, "Schrijf op wat je"),
        ({"adviser_kind": ""}, "Kies aan wie je advies vraagt"),
        ({"adviser_kind": "external"}, "Kies bij welke organisatie"),
        ({"adviser_kind": "team_member"}, "Kies een collega uit het team"),
    ],
)
def test_composing_without_what_is_needed_is_refused(personas, prof, fields, message):
    response = compose(prof, personas.case, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not AdviceRequest.objects.exists()


def test_a_colleague_off_the_team_cannot_be_the_team_adviser(personas, prof):
    response = compose(prof, personas.case, adviser_kind="team_member",
                       adviser_member=personas.colleague.public_id)  # fmt: skip
    assert response.status_code == 422  # not a choice: the colleague is not on the team
    assert not AdviceRequest.objects.exists()


def test_a_sent_request_cannot_be_sent_again(personas, prof):
    case = personas.case
    compose(prof, case, adviser_kind="attention_officer")
    send(prof, case, "a1", "Een leerling van 15 zegt dat muziek haram is.")
    again = send(prof, case, "a1", "Nog een keer.")  # to the request itself (below)
    assert again.status_code == 302 and again["Location"].endswith("/stap-2/#a1")
    assert current(case, "a1").version == 2


def test_back_to_the_review_after_sending_leads_to_the_request_not_to_404(personas, prof):
    """Back after Versturen (or the review open in a second tab): the request has been sent.
    Was "niet gevonden"; now the request itself, with a word, and nothing sent again."""
    key = sent_to_officer(prof, personas.case)
    step2 = reverse("step2", kwargs={"case_id": personas.case.public_id})
    review = prof.get(
        reverse("advice_preview", kwargs={"case_id": personas.case.public_id, "key": key})
    )
    assert review.status_code == 302 and review["Location"] == f"{step2}#{key}"
    again = send(prof, personas.case, key, "Nog een keer?")
    assert again.status_code == 302 and again["Location"] == f"{step2}#{key}"
    page = prof.get(step2).content.decode()
    assert f"Adviesvraag {key} is al verstuurd; hier zie je hem." in page
    sent_version = 2  # the draft (1) and the request as sent (2): nothing after
    assert AdviceRequest.objects.filter(case=personas.case, key=key).count() == sent_version
    assert current(personas.case, key).request_text != "Nog een keer?"
