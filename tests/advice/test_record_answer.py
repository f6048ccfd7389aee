"""The professional records the advice of an external adviser or a team colleague."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.advice.models import RequestStatus
from deelwijzer.audit.models import AuditEvent
from tests.advice.conftest import answer_body, compose, current, post_answer, send, sent_to_officer

CLEAN = "Een leerling van 15 zegt dat muziek haram is. Wat raad je aan?"


@pytest.fixture
def prof(personas, client_for, deduce_model):
    return client_for(personas.professional)


@pytest.fixture
def external(personas, prof):
    compose(prof, personas.case, adviser_kind="external", external_organisation="platform_jep",
            external_name="adviseur Platform JEP")  # fmt: skip
    assert send(prof, personas.case, "a1", CLEAN).status_code == 302
    return "a1"


def record_url(case, key):
    return reverse("advice_record_answer", kwargs={"case_id": case.public_id, "key": key})


def record(client, case, key, **overrides):
    return post_answer(client, record_url(case, key), case, key, answer_body(**overrides))


def test_the_professional_records_an_external_answer(personas, prof, external):
    response = record(prof, personas.case, external, outcome="conversation")
    assert response.status_code == 302
    request = current(personas.case, external)
    assert request.status == RequestStatus.ANSWERED and request.outcome == "conversation"
    assert request.answered_by == personas.professional
    assert request.review_date is None  # only "extra attention" keeps a date
    assert AuditEvent.objects.filter(action="advice.answer_record", object_id="a1").count() == 1
    html = prof.get(reverse("step2", kwargs={"case_id": personas.case.public_id})).content.decode()
    assert "Iemand van de organisatie gaat in gesprek met de jongere" in html
    assert "Platform JEP – adviseur Platform JEP" in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"outcome": None}, "kies precies één besluit"),
        ({"outcome": ["no_follow_up", "more_advice"]}, "meer dan één besluit"),
        ({"outcome": "extra_attention", "review_date": None}, "opnieuw bekijkt"),
        ({"outcome": "extra_attention", "review_date": "2020-01-01"}, "ligt in het verleden"),
        ({"outcome": "maybe"}, "geldige keuze"),
    ],
)
def test_an_answer_without_exactly_one_outcome_is_refused(
    personas, prof, external, overrides, message
):
    response = record(prof, personas.case, external, **overrides)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert current(personas.case, external).status == RequestStatus.SENT
    assert not AuditEvent.objects.filter(action__startswith="advice.answer").exists()


def test_correcting_an_answer_needs_a_note_and_keeps_the_old_version(personas, prof, external):
    record(prof, personas.case, external, outcome="no_follow_up")
    refused = record(prof, personas.case, external, outcome="more_advice")
    assert refused.status_code == 422
    assert "Schrijf kort op wat je corrigeert" in refused.content.decode()
    # with another error as well: both in one answer
    both = record(prof, personas.case, external, outcome="maybe")
    assert {"outcome", "correction_note"} <= set(both.context["form"].errors)
    past = record(
        prof, personas.case, external, outcome="extra_attention", review_date="2020-01-01"
    )
    assert {"review_date", "correction_note"} <= set(past.context["form"].errors)
    assert current(personas.case, external).outcome == "no_follow_up"
    note = "De adviseur belde terug: toch meer advies vragen."
    response = record(prof, personas.case, external, outcome="more_advice", correction_note=note)
    assert response.status_code == 302
    request = current(personas.case, external)
    assert request.outcome == "more_advice" and request.version == 4
    html = prof.get(reverse("step2", kwargs={"case_id": personas.case.public_id})).content.decode()
    assert "Eerdere versies" in html and "toch meer advies vragen" in html
    assert AuditEvent.objects.filter(action="advice.answer_correct").count() == 1


def test_the_attention_officers_answer_is_not_recorded_by_the_professional(personas, prof):
    key = sent_to_officer(prof, personas.case)
    response = record(prof, personas.case, key, outcome="no_follow_up")
    assert response.status_code == 302
    assert current(personas.case, key).status == RequestStatus.SENT


def test_a_colleague_off_the_team_gets_404_everywhere(personas, prof, external, client_for):
    compose(prof, personas.case, adviser_kind="attention_officer")  # draft a2
    colleague = client_for(personas.colleague)
    case_id = personas.case.public_id
    urls = [
        reverse("step2", kwargs={"case_id": case_id}),
        reverse("advice_compose", kwargs={"case_id": case_id}),
        reverse("advice_preview", kwargs={"case_id": case_id, "key": "a2"}),
        record_url(personas.case, external),
    ]
    for url in urls:
        assert colleague.get(url).status_code == 404, url
        assert colleague.post(url, answer_body()).status_code == 404, url
    send_url = reverse("advice_send", kwargs={"case_id": case_id, "key": "a2"})
    assert colleague.post(send_url, {"request_text": CLEAN, "version": 1}).status_code == 404
    assert current(personas.case, "a2").status == RequestStatus.DRAFT


def test_a_review_date_already_kept_may_stay_when_the_answer_is_corrected(personas, prof, external):
    """A past review date is refused (above), but one the answer already has, now past, does
    not block a correction of something else (a walk saved 1 januari 2020 as the date)."""
    assert record(prof, personas.case, external).status_code == 302
    request = current(personas.case, external)
    past = timezone.localdate() - timedelta(days=3)
    type(request).objects.filter(pk=request.pk).update(review_date=past)  # time went by
    note = "Ernst aangevuld na een telefoontje."
    body = {"severity": "Ernstiger dan gedacht.", "correction_note": note}
    response = record(prof, personas.case, external, review_date=past.isoformat(), **body)
    assert response.status_code == 302
    assert current(personas.case, external).severity == "Ernstiger dan gedacht."
    earlier = (past - timedelta(days=1)).isoformat()
    moved = record(prof, personas.case, external, review_date=earlier, correction_note=note)
    assert moved.status_code == 422 and "ligt in het verleden" in moved.content.decode()


def test_the_answer_reads_yes_and_no_as_the_form_asks_them():
    """The files walk: "Kan iemand met de jongere en/of ouders praten? ja", where the form and
    the other answers say "Ja"."""
    from deelwijzer.advice.answers import answer_rows
    from deelwijzer.advice.models import AdviceRequest, RequestStatus

    def rows(possible) -> dict[str, str]:
        request = AdviceRequest(
            status=RequestStatus.ANSWERED,
            may_indicate_radicalisation="yes",
            conversation_possible=possible,
        )
        return dict(answer_rows(request))

    question = "kan iemand met de jongere en/of ouders praten?"  # capitalised on the page
    assert rows(True)[question] == "Ja" and rows(False)[question] == "Nee"
    assert rows(None)[question] == ""
    assert "Ja" in rows(True).values()  # may indicate: "Ja", the same way
