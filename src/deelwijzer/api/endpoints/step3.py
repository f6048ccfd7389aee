"""Step 3: conversations with the young person and/or the parents (R3.1-R3.5)."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema, Status

from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of
from deelwijzer.api.schemas import CORRECT, READ, WRITE, EntryMeta, entry_meta
from deelwijzer.api.types import CaseId, EntryKey, Id, Text, Version, line
from deelwijzer.conversations import services
from deelwijzer.conversations.models import Conversation

router = Router(tags=["stap 3: gesprek"])


class ConversationIn(Schema):
    held_on: date | None
    participants: list[line(20)]
    held_by: list[Id] = []
    guardian_ids: list[Id] = []
    purpose_explained: bool = False
    signals_and_concerns_described: bool = False
    reaction_asked: bool = False
    next_steps_after_reaction: bool = False
    reaction: Text = ""
    youth_consents_to_parent_contact: bool | None = None
    youth_consents_to_sharing: line(10) = "not_asked"
    safety_reason: Text = ""


class ConversationCorrectIn(ConversationIn):
    correction_note: Text
    expected_version: Version


class ConversationOut(EntryMeta):
    held_on: date
    participants: list[str]
    held_by: list[int]
    guardian_ids: list[int]
    purpose_explained: bool
    signals_and_concerns_described: bool
    reaction_asked: bool
    next_steps_after_reaction: bool
    reaction: str
    youth_consents_to_parent_contact: bool | None
    youth_consents_to_sharing: str


ConversationPage = page_of(ConversationOut, "ConversationPage")
FIELDS = [name for name in ConversationOut.model_fields if name not in EntryMeta.model_fields]


def conversation_out(c: Conversation) -> dict:
    return {**entry_meta(c), **{name: getattr(c, name) for name in FIELDS}}


def conversation_input(p: ConversationIn) -> services.ConversationInput:
    names = [n for n in services.ConversationInput.__dataclass_fields__]
    return services.ConversationInput(**{n: getattr(p, n) for n in names})


@router.get(
    "/cases/{case_id}/conversations",
    response={200: ConversationPage, **READ},
    url_name="api_conversations",
)
def conversations_list(request, case_id: CaseId, page: int = PageNumber):
    """De gesprekken met de jongere en/of de ouders."""
    return current_entries(request, case_id, Conversation, page, conversation_out)


@router.post("/cases/{case_id}/conversations", response={201: ConversationOut, **WRITE})
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
    "/cases/{case_id}/conversations/{key}",
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
        correction=services.Correction(payload.correction_note, payload.expected_version),
        safety_reason=payload.safety_reason,
    )
    return conversation_out(entry)
