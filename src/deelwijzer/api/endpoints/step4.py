"""Step 4: the safety risks (R4.1-R4.3). A reassessment is a new version."""

from __future__ import annotations

from typing import Annotated

from django.http import Http404
from ninja import Router, Schema, Status

from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of
from deelwijzer.api.schemas import CORRECT, READ, WRITE, EntryMeta, correction_of, entry_meta
from deelwijzer.api.types import CaseId, EntryKey, Key, OneOf, Text, Version
from deelwijzer.cases.entries import entry_read
from deelwijzer.risks import services
from deelwijzer.risks.models import AtRisk, Risk, Severity, Timing

router = Router(tags=["stap 4: risico's"])


class RiskIn(Schema):
    at_risk: Annotated[str, OneOf(AtRisk)]
    description: Text
    severity: Annotated[str, OneOf(Severity)]
    timing: Annotated[str, OneOf(Timing)]
    based_on: list[Key] = []
    advice_key: Key | None = None


class RiskCorrectIn(RiskIn):
    correction_note: Text
    expected_version: Version


class RiskOut(EntryMeta):
    at_risk: Annotated[str, OneOf(AtRisk)]
    description: str
    severity: Annotated[str, OneOf(Severity)]
    timing: Annotated[str, OneOf(Timing)]
    based_on: list[str]
    advice_key: str


RiskPage = page_of(RiskOut, "RiskPage")


def risk_out(r: Risk) -> dict:
    return {**entry_meta(r), **r.content()}


def risk_input(p: RiskIn) -> services.RiskInput:
    return services.risk_input(p.dict())


@router.get("/cases/{uuid:case_id}/risks", response={200: RiskPage, **READ}, url_name="api_risks")
def risks_list(request, case_id: CaseId, page: int = PageNumber):
    """De veiligheidsrisico's van de casus (huidige versies)."""
    return current_entries(request, case_id, Risk, page, risk_out)


@router.post("/cases/{uuid:case_id}/risks", response={201: RiskOut, **WRITE})
def risk_add(request, case_id: CaseId, payload: RiskIn):
    """Beschrijf een risico: concreet, met ernst, termijn en voor wie (R4.1, R4.2)."""
    entry = services.risk_add(actor=request.auth, case_id=case_id, data=risk_input(payload))
    return Status(201, risk_out(entry))


@router.get(
    "/cases/{uuid:case_id}/risks/{key}", response={200: RiskOut, **READ}, url_name="api_risk"
)
def risk_read(request, case_id: CaseId, key: EntryKey):
    """Eén risico, de huidige versie (gelogd)."""
    _case, _access, versions = entry_read(actor=request.auth, case_id=case_id, model=Risk, key=key)
    if not versions:
        raise Http404
    return risk_out(versions[-1])


@router.put("/cases/{uuid:case_id}/risks/{key}", response={200: RiskOut, **CORRECT})
def risk_reassess(request, case_id: CaseId, key: EntryKey, payload: RiskCorrectIn):
    """Herbeoordeel een risico (nieuwe versie; 409 bij een verouderde ``expected_version``)."""
    entry = services.risk_reassess(
        actor=request.auth,
        case_id=case_id,
        key=key,
        data=risk_input(payload),
        correction=correction_of(payload),
    )
    return risk_out(entry)
