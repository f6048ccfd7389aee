"""The attention officer's inbox: anonymous. Only what ``advice.inbox`` gives (an InboxItem:
pseudonym, dates, the asker's role, the text that was sent), never the identity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from ninja import Router, Schema

from deelwijzer.advice import inbox
from deelwijzer.advice.models import RequestStatus
from deelwijzer.api.endpoints.step2 import AnswerIn, answer_input
from deelwijzer.api.pages import PAGE_SIZE, PageNumber, page_of
from deelwijzer.api.problems import Problem
from deelwijzer.api.schemas import CORRECT, READ
from deelwijzer.api.types import CaseId, EntryKey, OneOf, Version

router = Router(tags=["aandachtsfunctionaris"])


class AnswerRow(Schema):
    question: str
    answer: str


class InboxItemOut(Schema):
    case_id: UUID
    key: str
    version: int
    pseudonym: str
    asked_on: date | None
    asker_role: str
    request_text: str
    status: Annotated[str, OneOf(RequestStatus)]
    answer: list[AnswerRow]
    outcome: str  # its label, as the inbox shows it
    review_date: date | None
    answered_at: datetime | None


class InboxAnswerIn(AnswerIn):
    expected_version: Version


InboxPage = page_of(InboxItemOut, "InboxPage")


def item_out(item: inbox.InboxItem) -> dict:
    return {
        "case_id": item.case_id,
        "key": item.key,
        "version": item.version,
        "pseudonym": item.pseudonym,
        "asked_on": item.asked_on,
        "asker_role": item.asker_role,
        "request_text": item.request_text,
        "status": item.status,
        "answer": [{"question": q, "answer": a} for q, a in item.answer],
        "outcome": item.outcome_label,
        "review_date": item.review_date,
        "answered_at": item.answered_at,
    }


@router.get("/inbox", response={200: InboxPage, 403: Problem, **READ}, url_name="api_inbox")
def inbox_list(request, page: int = PageNumber):
    """De adviesvragen aan jou als aandachtsfunctionaris: anoniem, onbeantwoorde eerst.
    Elke getoonde vraag wordt gelogd."""
    found, items = inbox.inbox_list(actor=request.auth, page_number=page)
    return {
        "count": found.paginator.count,
        "page": found.number,  # past the last page: the last page (as in the web app)
        "pages": found.paginator.num_pages,
        "page_size": PAGE_SIZE,
        "items": [item_out(i) for i in items],
    }


@router.get(
    "/inbox/{uuid:case_id}/{key}", response={200: InboxItemOut, **READ}, url_name="api_inbox_item"
)
def inbox_read(request, case_id: CaseId, key: EntryKey):
    """Eén adviesvraag uit je inbox (gelogd)."""
    return item_out(inbox.inbox_read(actor=request.auth, case_id=case_id, key=key))


@router.post(
    "/inbox/{uuid:case_id}/{key}/answer",
    response={200: InboxItemOut, **CORRECT},
    url_name="api_inbox_answer",
)
def inbox_answer(request, case_id: CaseId, key: EntryKey, payload: InboxAnswerIn):
    """Beantwoord de adviesvraag: alle vragen van R2.4 en precies één besluit (R2.5). Elke
    open vraag is een fout (422) op het veld dat haar beantwoordt."""
    item = inbox.inbox_answer(
        actor=request.auth,
        case_id=case_id,
        key=key,
        answer=answer_input(payload),
        expected_version=payload.expected_version,
    )
    return item_out(item)
