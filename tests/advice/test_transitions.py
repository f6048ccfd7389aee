"""Step 2's status machine (advice/transitions.py): every (from, to) pair tried through the
services, for a request the professional answers (external adviser) and one the attention
officer answers. Allowed moves are written; refused ones name why, save nothing, audit nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from deelwijzer.advice import inbox, services
from deelwijzer.advice.answers import AnswerInput
from deelwijzer.advice.models import AdviceRequest, RequestStatus
from deelwijzer.advice.transitions import TRANSITIONS, TRANSITIONS_ATTENTION_OFFICER
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.entries import Correction
from tests.advice.conftest import answer_body

DRAFT, SENT, ANSWERED = RequestStatus.DRAFT, RequestStatus.SENT, RequestStatus.ANSWERED
CLEAN = "Een leerling van 15 zegt dat muziek haram is. Wat raad je aan?"
NOT_SENT = "Deze adviesvraag is nog niet verstuurd. Verstuur haar eerst."
SENT_ALREADY = "Deze adviesvraag is al verstuurd."
ANSWERED_ALREADY = "Deze adviesvraag is al beantwoord."
NOT_FOUND = "404"  # the attention officer does not see a draft at all
# (adviser, status of the request, status asked for) -> None: allowed, else the refusal.
EXPECTED: dict[tuple[str, str, str], str | None] = {
    ("external", DRAFT, SENT): None,
    ("external", DRAFT, ANSWERED): NOT_SENT,
    ("external", SENT, SENT): SENT_ALREADY,
    ("external", SENT, ANSWERED): None,
    ("external", ANSWERED, SENT): ANSWERED_ALREADY,
    ("external", ANSWERED, ANSWERED): None,  # a correction, with a note
    ("attention_officer", DRAFT, SENT): None,
    ("attention_officer", DRAFT, ANSWERED): NOT_FOUND,
    ("attention_officer", SENT, SENT): SENT_ALREADY,
    ("attention_officer", SENT, ANSWERED): None,
    ("attention_officer", ANSWERED, SENT): ANSWERED_ALREADY,
    ("attention_officer", ANSWERED, ANSWERED): ANSWERED_ALREADY,  # their answer stands
}
ANSWER = AnswerInput(
    **{
        **answer_body(),
        "conversation_possible": True,
        "review_date": timezone.localdate() + timedelta(days=30),
    }
)


def _compose(personas, adviser: str) -> str:
    extra = {"external_organisation": "platform_jep"} if adviser == "external" else {}
    data = services.ComposeInput(question=CLEAN, adviser_kind=adviser, **extra)
    return services.advice_compose(
        actor=personas.professional, case_id=personas.case.pk, data=data
    ).key


def _move(personas, key: str, to: str):
    case = personas.case
    request = AdviceRequest.objects.get(case=case, key=key, is_current=True)
    if to == SENT:
        return services.advice_send(
            actor=personas.professional,
            case_id=case.pk,
            key=key,
            text=CLEAN,
            expected_version=request.version,
        )
    answering = {"case_id": case.pk, "key": key, "answer": ANSWER}
    if request.adviser_kind == "attention_officer":
        answering["expected_version"] = request.version
        return inbox.inbox_answer(actor=personas.attention_officer, **answering)
    note = "De adviseur vulde het antwoord aan." if request.status == ANSWERED else ""
    correction = Correction(note, request.version)
    return services.advice_record_answer(
        actor=personas.professional, correction=correction, **answering
    )


ROUTE = {DRAFT: (), SENT: (SENT,), ANSWERED: (SENT, ANSWERED)}


def _versions(case) -> list[tuple[str, int, str]]:
    rows = AdviceRequest.objects.filter(case=case).order_by("key", "version")
    return list(rows.values_list("key", "version", "status"))


@pytest.mark.parametrize(("adviser", "start", "to"), list(EXPECTED), ids=str)
def test_every_status_change_through_the_services(personas, deduce_model, adviser, start, to):
    key = _compose(personas, adviser)
    for step in ROUTE[start]:
        _move(personas, key, step)
    before = _versions(personas.case)
    events = AuditEvent.objects.count()
    refusal = EXPECTED[(adviser, start, to)]
    if refusal is None:
        _move(personas, key, to)
        assert _versions(personas.case) == [*before, (key, before[-1][1] + 1, to)]
        assert AuditEvent.objects.count() > events
        return
    with pytest.raises(Http404 if refusal == NOT_FOUND else ValidationError) as refused:
        _move(personas, key, to)
    if refusal != NOT_FOUND:
        assert refused.value.messages == [refusal]
    assert _versions(personas.case) == before
    assert AuditEvent.objects.count() == events


def test_the_tables_say_what_the_services_do():
    for adviser, table in (
        ("external", TRANSITIONS),
        ("attention_officer", TRANSITIONS_ATTENTION_OFFICER),
    ):
        for start, moves in table.items():
            for to in (SENT, ANSWERED):
                expected = EXPECTED[(adviser, start, to)]
                if expected == NOT_FOUND:  # refused before the table is asked
                    assert to not in moves.allowed
                    continue
                assert (None if to in moves.allowed else str(moves.refusal)) == expected
    # nothing returns a request to draft
    assert all(DRAFT not in moves.allowed for moves in TRANSITIONS.values())
    assert all(DRAFT not in moves.allowed for moves in TRANSITIONS_ATTENTION_OFFICER.values())
