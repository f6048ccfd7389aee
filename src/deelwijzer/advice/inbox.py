"""The attention officer's inbox: their only door to a case, and an anonymous one.

The attention officer has no access to the case (cases.access gives them none). They may read
and answer a request that was sent to the attention officer of an organisation where they
hold that role. What they get is an ``InboxItem``: the pseudonym, dates, the role of the asker
and the text that was sent, never a model object from which the identity could be reached.
Every read and every answer is audited, per case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.advice import notices
from deelwijzer.advice.answers import AnswerInput, answer_rows, check_answer
from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.advice.texts import identity_only, redact
from deelwijzer.advice.transitions import ensure_transition
from deelwijzer.audit.services import audit_case, audit_record_many
from deelwijzer.cases.access import case_key, ensure_open, organisations_with_role
from deelwijzer.cases.entries import changed_meanwhile
from deelwijzer.organisations.models import Role

PAGE_SIZE = 25
VISIBLE = (RequestStatus.SENT, RequestStatus.ANSWERED)
ROLE = Role.ATTENTION_OFFICER


@dataclass(frozen=True)
class InboxItem:
    case_id: UUID  # the case's public id (#17.15)
    key: str
    version: int
    pseudonym: str
    asked_on: date | None
    asker_role: str
    request_text: str
    status: str
    status_label: str
    answer: list[tuple[str, str]]
    outcome_label: str
    review_date: date | None
    answered_at: datetime | None


def _item(r: AdviceRequest) -> InboxItem:
    return InboxItem(
        case_id=r.case.public_id,
        key=r.key,
        version=r.version,
        pseudonym=r.case.pseudonym,
        asked_on=r.asked_on,
        asker_role=r.asker_role,
        request_text=redact(r.request_text, identity_only(r.case)),
        status=r.status,
        status_label=r.get_status_display(),
        answer=answer_rows(r),
        outcome_label=r.get_outcome_display() if r.outcome else "",
        review_date=r.review_date,
        answered_at=r.answered_at,
    )


def _addressed_to(actor, refuse: type[Exception] = PermissionDenied):
    """Current requests sent to the attention officer of the actor's organisations."""
    organisations = organisations_with_role(actor, ROLE)
    if not organisations:
        raise refuse
    return (
        AdviceRequest.objects.filter(
            is_current=True,
            adviser_kind=AdviserKind.ATTENTION_OFFICER,
            status__in=VISIBLE,
            case__organisation_id__in=organisations,
        )
        .select_related("case", "case__youth")
        .prefetch_related("case__guardians")
    )


def _audit_each(actor, action: str, requests: list[AdviceRequest]) -> None:
    """One audit event per request read, in a constant number of queries (one chain)."""
    events = [
        {
            "action": action,
            "object_type": "advicerequest",
            "object_id": r.key,
            "case_id": r.case_id,
            "organisation_id": r.case.organisation_id,
            "role": ROLE,
            "detail": {"version": r.version},
        }
        for r in requests
    ] or [{"action": action, "object_type": "advice_inbox", "role": ROLE}]
    audit_record_many(actor=actor, events=events)


@transaction.atomic
def inbox_list(*, actor, page_number: int | str | None = 1) -> tuple[Page, list[InboxItem]]:
    """A page of the requests addressed to the actor as attention officer (audited)."""
    rows = _addressed_to(actor).order_by("-status", "-asked_on", "-id")  # "sent" first
    page = Paginator(rows, PAGE_SIZE).get_page(page_number)
    requests = list(page.object_list)
    _audit_each(actor, "advice.inbox_list", requests)
    return page, [_item(r) for r in requests]


def _addressed(actor, case_id: UUID, key: str) -> AdviceRequest:
    found = _addressed_to(actor, Http404).filter(case_key(case_id, through="case__"), key=key)
    request = found.first()
    if request is None:
        raise Http404
    return request


@transaction.atomic
def inbox_read(*, actor, case_id: UUID, key: str) -> InboxItem:
    request = _addressed(actor, case_id, key)
    _audit_each(actor, "advice.inbox_read", [request])
    return _item(request)


@transaction.atomic
def inbox_answer(
    *, actor, case_id: UUID, key: str, answer: AnswerInput, expected_version: int
) -> InboxItem:
    """The attention officer answers (R2.4) and chooses exactly one outcome (R2.5)."""
    addressed = _addressed(actor, case_id, key)
    ensure_open(addressed.case)  # a closed case takes no answer either
    locked = AdviceRequest.objects.select_for_update().get(pk=addressed.pk)
    ensure_transition(locked, RequestStatus.ANSWERED)
    if not locked.is_current or locked.version != expected_version:
        raise changed_meanwhile()
    answer = answer.cleaned()
    check_answer(answer, complete=True, kept_review=locked.review_date)
    values = {
        **answer.values(),
        "status": RequestStatus.ANSWERED,
        "answered_by_id": actor.pk,
        "answered_at": timezone.now(),
    }
    note = _("Beantwoord door de aandachtsfunctionaris.")
    entry = _new_version(locked, addressed.case, actor, values, note)
    detail = {"version": entry.version, "fields": sorted(values)}
    audit_case(
        actor,
        addressed.case,
        "advice.inbox_answer",
        role=ROLE,
        object_type="advicerequest",
        object_id=entry.key,
        detail=detail,
    )
    notices.advice_answered(actor=actor, request=entry)
    return _item(entry)


_NOT_COPIED = {"id", "version", "is_current", "recorded_by", "recorded_at", "correction_note"}


def _new_version(current: AdviceRequest, case, actor, values: dict, note: str) -> AdviceRequest:
    """As ``entry_correct`` does, for a writer who has no access to the case itself."""
    current.is_current = False
    current.save(update_fields=["is_current"])
    data = {
        f.attname: getattr(current, f.attname)
        for f in AdviceRequest._meta.concrete_fields
        if f.name not in _NOT_COPIED
    }
    data.update(values)
    entry = AdviceRequest.objects.create(
        version=current.version + 1, recorded_by=actor, correction_note=note, **data
    )
    entry.case = case
    return entry
