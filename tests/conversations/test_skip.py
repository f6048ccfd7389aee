"""R3.4 through the real form: skipping the conversation needs a reason and an advice."""

from __future__ import annotations

import re

from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.conversations.models import ConversationSkipped
from tests.conversations.helpers import advice_request, findings, step3_counts, url

REASON = "Het advies waarschuwt dat de jongere na een gesprek uit beeld kan raken."


def skip(client, case, **body):
    return client.post(url("step3_skip", case), {f"skip-{k}": v for k, v in body.items()})


def test_skipping_without_an_advice_is_refused(personas, client_for):
    client = client_for(personas.professional)
    response = skip(client, personas.case, reason=REASON, advice_key="")
    page = response.content.decode()
    assert response.status_code == 422
    assert "R3.4" in page and "kies het advies uit stap 2 dat het gesprek te riskant" in page
    assert "is overgeslagen" not in page
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_skipping_with_an_advice_of_another_case_is_refused(personas, client_for):
    advice_request(personas.other_case, personas.stranger, key="a1")
    response = skip(
        client_for(personas.professional), personas.case, reason=REASON, advice_key="a1"
    )
    assert "hoort niet bij deze casus" in response.content.decode()
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_skipping_without_a_reason_is_refused(personas, client_for):
    advice_request(personas.case, personas.professional)
    response = skip(client_for(personas.professional), personas.case, reason="  ", advice_key="a1")
    page = response.content.decode()
    assert "R3.4" in page and "schrijf op waarom je het gesprek overslaat" in page
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_the_empty_skip_form_names_each_empty_field_not_a_skip(personas, client_for):
    """A walk posted the form empty and read "het gesprek is overgeslagen, maar er staat geen
    reden bij", while nothing was skipped: each empty field gets its own message."""
    advice_request(personas.case, personas.professional)
    response = skip(client_for(personas.professional), personas.case, reason="", advice_key="")
    page = response.content.decode()
    assert response.status_code == 422
    assert "is overgeslagen" not in page
    assert 'id="id_skip-reason_error1">Stap 3 (R3.4): schrijf op waarom je het gesprek' in page
    assert 'id="id_skip-advice_key_error1">Stap 3 (R3.4): kies het advies uit stap 2' in page
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def marked_required(page: str, field_id: str) -> bool:
    label = re.search(rf'<label for="{field_id}">(.*?)</label>', page, re.S)
    return bool(label) and '<span class="req">(verplicht)</span>' in label.group(1)


def test_the_skip_forms_fields_are_marked_required_and_keep_the_services_words(
    personas, client_for
):
    """A walk saw no "(verplicht)" by the skip form's reason and advice, which R3.4 requires:
    the mark follows the field's required flag, so they are; left empty (or white space only)
    the form says what the service says."""
    advice_request(personas.case, personas.professional)
    client = client_for(personas.professional)
    page = client.get(url("step3", personas.case)).content.decode()
    assert marked_required(page, "id_skip-reason") and marked_required(page, "id_skip-advice_key")
    response = skip(client, personas.case, reason="   ", advice_key="")
    form = response.context["skip_form"]
    assert [e.code for e in form.errors.as_data()["reason"]] == ["required"]
    words = "Stap 3 (R3.4): schrijf op waarom je het gesprek overslaat: voor wie is het te "
    assert form.errors["reason"] == [words + "riskant, en welk risico?"]
    assert "Stap 3 (R3.4): kies het advies uit stap 2" in form.errors["advice_key"][0]
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_skipping_on_an_advice_that_says_a_conversation_is_possible_is_refused(
    personas, client_for
):
    advice_request(personas.case, personas.professional, conversation_possible=True)
    response = skip(
        client_for(personas.professional), personas.case, reason=REASON, advice_key="a1"
    )
    assert "R3.4" in response.content.decode()
    assert "juist dat een gesprek mogelijk is" in response.content.decode()
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_skipping_with_reason_and_advice_is_saved_and_starts_step_3(personas, client_for):
    advice_request(personas.case, personas.professional)
    client = client_for(personas.professional)
    page = client.get(url("step3", personas.case)).content.decode()
    assert '<option value="a1">a1 – gevraagd op' in page
    response = skip(client, personas.case, reason=REASON, advice_key="a1")
    assert response.status_code == 302
    saved = ConversationSkipped.objects.get(case=personas.case)
    assert (saved.reason, saved.advice_key, saved.version) == (REASON, "a1", 1)
    page = client.get(url("step3", personas.case)).content.decode()
    assert REASON in page
    assert not findings(page, "R3.4")
    case_page = client.get(reverse("case_detail", args=[personas.case.public_id])).content.decode()
    step3 = case_page.split('id="stap-3"')[1].split("</li>")[0]
    assert "nog niet begonnen" not in step3


def test_a_second_skip_is_a_correction_with_a_note(personas, client_for):
    advice_request(personas.case, personas.professional)
    client = client_for(personas.professional)
    assert skip(client, personas.case, reason=REASON, advice_key="a1").status_code == 302
    without_version = skip(client, personas.case, reason="Ander risico.", advice_key="a1")
    assert "Iemand anders heeft dit intussen gewijzigd" in without_version.content.decode()
    no_note = skip(
        client, personas.case, reason="Ander risico.", advice_key="a1", expected_version="1"
    )
    assert "Schrijf kort op wat je corrigeert" in no_note.content.decode()
    # nothing at all: the reason and the note are named in one answer, not one after the other
    empty = skip(client, personas.case, reason="", advice_key="a1", expected_version="1")
    assert {"reason", "correction_note"} <= set(empty.context["skip_form"].errors)
    corrected = skip(
        client,
        personas.case,
        reason="Ander risico.",
        advice_key="a1",
        expected_version="1",
        correction_note="Het risico preciezer beschreven.",
    )
    assert corrected.status_code == 302
    versions = ConversationSkipped.objects.filter(case=personas.case).order_by("version")
    assert [(v.version, v.is_current, v.reason) for v in versions] == [
        (1, False, REASON),
        (2, True, "Ander risico."),
    ]
    page = client.get(url("step3", personas.case)).content.decode()
    assert REASON in page and "Het risico preciezer beschreven." in page
    assert AuditEvent.objects.filter(
        case_id=personas.case.pk, action="conversation_skipped.correct", detail__version=2
    ).exists()
