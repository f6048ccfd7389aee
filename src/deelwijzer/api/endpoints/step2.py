"""Step 2: advice requests of the team: compose, send, record an adviser's answer.
The attention officer answers through the inbox (endpoints/inbox.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.contrib.auth import get_user_model
from ninja import Router, Schema, Status

from deelwijzer.advice import services
from deelwijzer.advice.answers import AnswerInput
from deelwijzer.advice.models import (
    ANSWER_FIELDS,
    AdviceRequest,
    AdviserKind,
    ExternalOrganisation,
    MayIndicate,
    Outcome,
    RequestStatus,
    Timing,
)
from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of
from deelwijzer.api.schemas import CORRECT, READ, WRITE, EntryMeta, correction_of, entry_meta
from deelwijzer.api.types import (
    CaseId,
    EntryKey,
    Flag,
    Key,
    Line200,
    OneOf,
    PublicId,
    Text,
    Version,
)
from deelwijzer.ids import key_for

router = Router(tags=["stap 2: advies"])


class ComposeIn(Schema):
    question: Text
    adviser_kind: Annotated[str, OneOf(AdviserKind)]
    signal_keys: list[Key] = []
    adviser_member_id: PublicId | None = None
    external_organisation: Annotated[str, OneOf(ExternalOrganisation, empty=True)] = ""
    external_name: Line200 = ""


class SendIn(Schema):
    request_text: Text
    expected_version: Version


class AnswerIn(Schema):
    may_indicate_radicalisation: Annotated[str, OneOf(MayIndicate, empty=True)] = ""
    severity: Text = ""
    safety_risks: Text = ""
    timing: Annotated[str, OneOf(Timing, empty=True)] = ""
    follow_up_steps: Text = ""
    follow_up_by: Text = ""
    conversation_possible: Flag | None = None
    conversation_by: Text = ""
    conversation_risks: Text = ""
    outcome: Annotated[str, OneOf(Outcome, empty=True)] = ""
    review_date: date | None = None


class RecordAnswerIn(AnswerIn):
    expected_version: Version
    correction_note: Text = ""


class AnswerOut(Schema):
    may_indicate_radicalisation: Annotated[str, OneOf(MayIndicate, empty=True)]
    severity: str
    safety_risks: str
    timing: Annotated[str, OneOf(Timing, empty=True)]
    follow_up_steps: str
    follow_up_by: str
    conversation_possible: bool | None
    conversation_by: str
    conversation_risks: str


class AdviceOut(EntryMeta):
    status: Annotated[str, OneOf(RequestStatus)]
    adviser_kind: Annotated[str, OneOf(AdviserKind)]
    adviser_member_id: UUID | None
    external_organisation: Annotated[str, OneOf(ExternalOrganisation, empty=True)]
    external_name: str
    signal_keys: list[str]
    question: str
    original_text: str
    request_text: str
    asked_on: date | None
    identifies_youth: bool
    answer: AnswerOut | None
    outcome: Annotated[str, OneOf(Outcome, empty=True)]
    review_date: date | None
    answered_at: datetime | None


AdvicePage = page_of(AdviceOut, "AdvicePage")


def advice_out(r: AdviceRequest) -> dict:
    answered = r.status == "answered"
    return {
        **entry_meta(r),
        "status": r.status,
        "adviser_kind": r.adviser_kind,
        "adviser_member_id": r.adviser_member.public_id if r.adviser_member is not None else None,
        "external_organisation": r.external_organisation,
        "external_name": r.external_name,
        "signal_keys": list(r.signal_keys or []),
        "question": r.question,
        "original_text": r.original_text,
        "request_text": r.request_text,
        "asked_on": r.asked_on,
        "identifies_youth": r.identifies_youth,
        "answer": {name: getattr(r, name) for name in ANSWER_FIELDS} if answered else None,
        "outcome": r.outcome,
        "review_date": r.review_date,
        "answered_at": r.answered_at,
    }


def answer_input(p: AnswerIn) -> AnswerInput:
    return AnswerInput(**{name: getattr(p, name) for name in AnswerIn.model_fields})


@router.get(
    "/cases/{uuid:case_id}/advice", response={200: AdvicePage, **READ}, url_name="api_advice"
)
def advice_list(request, case_id: CaseId, page: int = PageNumber):
    """De adviesvragen van de casus, ook concepten, met antwoord en besluit (R2.4, R2.5)."""
    return current_entries(request, case_id, AdviceRequest, page, advice_out)


@router.post("/cases/{uuid:case_id}/advice", response={201: AdviceOut, **WRITE})
def advice_compose(request, case_id: CaseId, payload: ComposeIn):
    """Stel een adviesvraag op (concept). Buiten het team is de tekst al gepseudonimiseerd
    (R2.1); lees ``request_text`` na voor je verstuurt."""
    data = services.ComposeInput(
        question=payload.question,
        adviser_kind=payload.adviser_kind,
        signal_keys=list(payload.signal_keys),
        adviser_member_id=key_for(get_user_model(), payload.adviser_member_id),
        external_organisation=payload.external_organisation,
        external_name=payload.external_name,
    )
    entry = services.advice_compose(actor=request.auth, case_id=case_id, data=data)
    return Status(201, advice_out(entry))


@router.post(
    "/cases/{uuid:case_id}/advice/{key}/send",
    response={200: AdviceOut, **CORRECT},
    url_name="api_advice_send",
)
def advice_send(request, case_id: CaseId, key: EntryKey, payload: SendIn):
    """Verstuur een concept. Buiten het team geweigerd zolang de tekst de jongere herkenbaar
    maakt (R2.1)."""
    entry = services.advice_send(
        actor=request.auth,
        case_id=case_id,
        key=key,
        text=payload.request_text,
        expected_version=payload.expected_version,
    )
    return advice_out(entry)


@router.put(
    "/cases/{uuid:case_id}/advice/{key}/answer",
    response={200: AdviceOut, **CORRECT},
    url_name="api_advice_answer",
)
def advice_record_answer(request, case_id: CaseId, key: EntryKey, payload: RecordAnswerIn):
    """Leg het antwoord van een collega of externe adviseur vast, of corrigeer het (met
    ``correction_note``). Precies één besluit (R2.5)."""
    entry = services.advice_record_answer(
        actor=request.auth,
        case_id=case_id,
        key=key,
        answer=answer_input(payload),
        correction=correction_of(payload),
    )
    return advice_out(entry)
