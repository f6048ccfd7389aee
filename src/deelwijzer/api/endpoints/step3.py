"""Step 3: conversations with the young person and/or the parents (R3.1-R3.5), and the
case's statements about them (skipped, parents not involved, without consent)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from django.contrib.auth import get_user_model
from ninja import Router, Schema, Status
from pydantic import Field

from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.schemas import CORRECT, READ, WRITE, EntryMeta, correction_of, entry_meta
from deelwijzer.api.types import (
    CaseId,
    EntryKey,
    Flag,
    Id,
    Key,
    OneOf,
    PublicId,
    Text,
    Version,
)
from deelwijzer.cases.services import case_view
from deelwijzer.conversations import services
from deelwijzer.conversations.models import (
    CaseStatement,
    Conversation,
    ConversationSkipped,
    ExceptionGround,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
    Participant,
    SharingConsent,
)
from deelwijzer.ids import keys_for, public_ids_for
from deelwijzer.inputs import input_from

router = Router(tags=["stap 3: gesprek"])


class ConversationIn(Schema):
    held_on: date | None
    participants: list[Annotated[str, OneOf(Participant)]]
    held_by: list[PublicId] = []
    guardian_ids: list[Id] = []
    purpose_explained: Flag = False
    signals_and_concerns_described: Flag = False
    reaction_asked: Flag = False
    next_steps_after_reaction: Flag = False
    reaction: Text = ""
    youth_consents_to_parent_contact: Flag | None = None
    youth_consents_to_sharing: Annotated[str, OneOf(SharingConsent)] = "not_asked"
    safety_reason: Text = ""


class ConversationCorrectIn(ConversationIn):
    correction_note: Text
    expected_version: Version


class ConversationOut(EntryMeta):
    held_on: date
    participants: list[Annotated[str, OneOf(Participant)]]
    held_by: list[UUID]
    guardian_ids: list[int]
    purpose_explained: bool
    signals_and_concerns_described: bool
    reaction_asked: bool
    next_steps_after_reaction: bool
    reaction: str
    youth_consents_to_parent_contact: bool | None
    youth_consents_to_sharing: Annotated[str, OneOf(SharingConsent)]


ConversationPage = page_of(ConversationOut, "ConversationPage")


def conversation_out(c: Conversation) -> dict:
    held_by = public_ids_for(get_user_model(), c.held_by)  # users' public ids (#17.15)
    return {**entry_meta(c), **c.content(), "held_by": held_by}


def conversation_input(p: ConversationIn) -> services.ConversationInput:
    held_by = keys_for(get_user_model(), p.held_by)  # users' public ids (#17.15)
    return input_from(services.ConversationInput, p, held_by=held_by)


@router.get(
    "/cases/{uuid:case_id}/conversations",
    response={200: ConversationPage, **READ},
    url_name="api_conversations",
)
def conversations_list(request, case_id: CaseId, page: int = PageNumber):
    """De gesprekken met de jongere en/of de ouders."""
    return current_entries(request, case_id, Conversation, page, conversation_out)


@router.post("/cases/{uuid:case_id}/conversations", response={201: ConversationOut, **WRITE})
def conversation_record(request, case_id: CaseId, payload: ConversationIn):
    """Leg een gesprek vast. Geweigerd wat de regels verbieden (R3.3); met ``safety_reason``
    ook de reden om zonder toestemming met de ouders te praten."""
    entry = services.conversation_record(
        actor=request.auth,
        case_id=case_id,
        data=conversation_input(payload),
        safety_reason=payload.safety_reason,
    )
    return Status(201, conversation_out(entry))


@router.put(
    "/cases/{uuid:case_id}/conversations/{key}",
    response={200: ConversationOut, **CORRECT},
    url_name="api_conversation",
)
def conversation_correct(request, case_id: CaseId, key: EntryKey, payload: ConversationCorrectIn):
    """Corrigeer een gesprek (nieuwe versie; 409 bij een verouderde ``expected_version``)."""
    entry = services.conversation_correct(
        actor=request.auth,
        case_id=case_id,
        key=key,
        data=conversation_input(payload),
        correction=correction_of(payload),
        safety_reason=payload.safety_reason,
    )
    return conversation_out(entry)


# --- the case's statements about the conversation (R3.2, R3.3, R3.4) -------------------------


class StatementOut(EntryMeta):
    kind: str
    reason: str
    ground: Annotated[str, OneOf(ExceptionGround, empty=True)]
    advice_key: str
    withdrawn_at: datetime | None = Field(
        description="Wanneer de verklaring is ingetrokken; leeg zolang ze geldt. Een "
        "ingetrokken verklaring telt niet meer mee en staat niet in het casusbestand."
    )
    withdrawn_by: str | None
    withdrawal_reason: str


class WithdrawIn(Schema):
    reason: Text


class StatementIn(Schema):
    reason: Text
    correction_note: Text = ""
    expected_version: Version = Field(
        0, description="0 voor een nieuwe verklaring; anders de versie die je corrigeert."
    )


class SkipIn(StatementIn):
    advice_key: Key | None = None


class NotInvolvedIn(SkipIn):
    ground: Annotated[str, OneOf(ExceptionGround)]


StatementPage = page_of(StatementOut, "StatementPage")
KINDS: dict[type[CaseStatement], str] = {
    ConversationSkipped: "conversation_skipped",
    GuardiansNotInvolved: "guardians_not_involved",
    GuardiansWithoutConsent: "guardians_without_consent",
}


def statement_out(entry) -> dict:
    return {
        **entry_meta(entry),
        "kind": KINDS[type(entry)],
        "reason": entry.reason,
        "ground": getattr(entry, "ground", ""),
        "advice_key": getattr(entry, "advice_key", ""),
        "withdrawn_at": entry.withdrawn_at,
        "withdrawn_by": entry.withdrawn_by.display_name() if entry.withdrawn_by else None,
        "withdrawal_reason": entry.withdrawal_reason,
    }


def _correction(payload: StatementIn) -> services.Correction | None:
    if not payload.expected_version:
        return None
    return correction_of(payload)


@router.get(
    "/cases/{uuid:case_id}/conversation-statements",
    response={200: StatementPage, **READ},
    url_name="api_conversation_statements",
)
def statements_list(request, case_id: CaseId, page: int = PageNumber):
    """Wat de casus verklaart over het gesprek: overgeslagen (R3.4), ouders niet betrokken
    (R3.2) of zonder toestemming gesproken (R3.3). Ook de ingetrokken verklaringen, met
    ``withdrawn_at``: die tellen niet meer mee."""
    case, _access = case_view(actor=request.auth, case_id=case_id)
    related = ("recorded_by", "withdrawn_by")
    rows = [e for model in KINDS for e in model.current(case).select_related(*related)]
    return paginate(rows, page, statement_out)


@router.post(
    "/cases/{uuid:case_id}/conversation-statements/{key}/withdraw",
    response={200: StatementOut, **WRITE},
    url_name="api_conversation_statement_withdraw",
)
def statement_withdraw(request, case_id: CaseId, key: EntryKey, payload: WithdrawIn):
    """Trek een verklaring over het gesprek in die niet meer klopt (R3.2, R3.3, R3.4), met de
    reden. Ze telt dan niet meer mee en staat niet meer in het casusbestand; in de lijst en het
    dossier blijft ze zichtbaar als ingetrokken. Daarna kun je zo nodig een nieuwe vastleggen
    (een nieuwe ``key``)."""
    entry = services.statement_withdraw(
        actor=request.auth, case_id=case_id, key=key, reason=payload.reason
    )
    return statement_out(entry)


@router.put(
    "/cases/{uuid:case_id}/conversation-skipped",
    response={200: StatementOut, **CORRECT},
    url_name="api_conversation_skipped",
)
def conversation_skipped(request, case_id: CaseId, payload: SkipIn):
    """Sla het gesprek over: alleen met een reden en het advies dat het te riskant vond (R3.4)."""
    entry = services.skip_record(
        actor=request.auth,
        case_id=case_id,
        reason=payload.reason,
        advice_key=payload.advice_key or "",
        correction=_correction(payload),
    )
    return statement_out(entry)


@router.put(
    "/cases/{uuid:case_id}/guardians-not-involved",
    response={200: StatementOut, **CORRECT},
    url_name="api_guardians_not_involved",
)
def guardians_not_involved(request, case_id: CaseId, payload: NotInvolvedIn):
    """Betrek de ouders met gezag (jongere onder 16) niet: met grond en reden (R3.2)."""
    entry = services.guardians_not_involved_record(
        actor=request.auth,
        case_id=case_id,
        ground=payload.ground,
        reason=payload.reason,
        advice_key=payload.advice_key or "",
        correction=_correction(payload),
    )
    return statement_out(entry)


@router.put(
    "/cases/{uuid:case_id}/guardians-without-consent",
    response={200: StatementOut, **CORRECT},
    url_name="api_guardians_without_consent",
)
def guardians_without_consent(request, case_id: CaseId, payload: StatementIn):
    """Met de ouders gesproken zonder toestemming van de jongere (16+): waarom dat nodig was
    voor de veiligheid (R3.3)."""
    entry = services.guardians_without_consent_record(
        actor=request.auth, case_id=case_id, reason=payload.reason, correction=_correction(payload)
    )
    return statement_out(entry)
