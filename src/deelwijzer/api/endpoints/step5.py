"""Step 5: the decision on external sharing, its submission and its sign-off (R5.1-R5.4)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema

from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of
from deelwijzer.api.schemas import CORRECT, READ, EntryMeta, entry_meta
from deelwijzer.api.types import CaseId, Flag, Key, OneOf, Text, Version
from deelwijzer.decisions import services
from deelwijzer.decisions.models import Consent, DecisionStatus, SharingDecision
from deelwijzer.inputs import input_from

router = Router(tags=["stap 5: besluit"])


class DecisionIn(Schema):
    share: Flag | None
    consent: Annotated[str, OneOf(Consent)]
    serious_concrete_risks: list[Key] = []
    only_way: Flag = False
    only_way_reason: Text = ""
    reasoning: Text
    consent_on: date | None = Field(
        None, description="R5.1: wanneer de jongere zich uitsprak, als dat afwijkt van stap 3"
    )
    consent_how: Literal["", "in_conversation", "in_writing"] = Field(
        "", description="R5.1: hoe de jongere zich uitsprak (in een gesprek of schriftelijk)"
    )
    consent_note: Text = Field("", description="R5.1: wat de jongere zei, tegen wie of waar")
    submit: Flag = False
    expected_version: Version = 0


class SignOffIn(Schema):
    expected_version: Version


class ReturnIn(Schema):
    remark: Text
    expected_version: Version


class DecisionOut(EntryMeta):
    share: bool
    consent: Annotated[str, OneOf(Consent)]
    serious_concrete_risks: list[str]
    only_way: bool
    only_way_reason: str
    reasoning: str
    consent_on: date | None
    consent_how: str
    consent_note: str
    status: Annotated[str, OneOf(DecisionStatus)]
    submitted_at: datetime | None
    decided_role: str
    decided_on: date | None
    return_remark: str


DecisionPage = page_of(DecisionOut, "DecisionPage")
FIELDS = [name for name in DecisionOut.model_fields if name not in EntryMeta.model_fields]


def decision_out(d: SharingDecision) -> dict:
    values = {name: getattr(d, name) for name in FIELDS}
    values["serious_concrete_risks"] = list(d.serious_concrete_risks or [])
    return {**entry_meta(d), **values}


@router.get(
    "/cases/{uuid:case_id}/decisions",
    response={200: DecisionPage, **READ},
    url_name="api_decisions",
)
def decisions_list(request, case_id: CaseId, page: int = PageNumber):
    """De besluiten over extern delen: in voorbereiding, ingediend, afgetekend."""
    return current_entries(request, case_id, SharingDecision, page, decision_out)


@router.post("/cases/{uuid:case_id}/decision", response={200: DecisionOut, **CORRECT})
def decision_save(request, case_id: CaseId, payload: DecisionIn):
    """Bewaar het besluit in voorbereiding, of dien het in bij de beslisser (``submit``).
    ``expected_version`` 0 begint een nieuw besluit; anders de versie die je voor je had
    (409 als iemand anders het intussen wijzigde). Delen zonder grond wordt geweigerd (R5.2).
    Wijkt ``consent`` af van wat stap 3 vastlegde, dan hoort er een vastlegging bij
    (``consent_on``, ``consent_how``, ``consent_note``); zonder die vastlegging: 422 met de
    reden (R5.1)."""
    entry = services.decision_save(
        actor=request.auth,
        case_id=case_id,
        data=input_from(services.DecisionInput, payload),
        submit=payload.submit,
        expected_version=payload.expected_version,
    )
    return decision_out(entry)


@router.post(
    "/cases/{uuid:case_id}/decision/sign-off",
    response={200: DecisionOut, **CORRECT},
    url_name="api_decision_sign_off",
)
def decision_sign_off(request, case_id: CaseId, payload: SignOffIn):
    """Teken het ingediende besluit af, als beslisser volgens de interne procedure (R5.3)."""
    entry = services.decision_sign_off(
        actor=request.auth, case_id=case_id, expected_version=payload.expected_version
    )
    return decision_out(entry)


@router.post(
    "/cases/{uuid:case_id}/decision/return",
    response={200: DecisionOut, **CORRECT},
    url_name="api_decision_return",
)
def decision_return(request, case_id: CaseId, payload: ReturnIn):
    """Stuur het ingediende besluit terug naar de beroepskracht, met een opmerking."""
    entry = services.decision_return(
        actor=request.auth,
        case_id=case_id,
        remark=payload.remark,
        expected_version=payload.expected_version,
    )
    return decision_out(entry)
