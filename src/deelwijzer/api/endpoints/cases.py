"""Cases: the list of mine, opening one, reading one. Same services as the web pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from ninja import Router, Schema, Status
from pydantic import Field

from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.schemas import READ, WRITE
from deelwijzer.api.types import (
    CaseId,
    Flag,
    IdentifierLine,
    NameLine,
    OneOf,
    PseudonymLine,
    RelationLine,
    RoleLine,
)
from deelwijzer.cases import services
from deelwijzer.cases.access import cases_for, get_case, organisation_for
from deelwijzer.cases.identity import current_version
from deelwijzer.cases.models import CaseStatus
from deelwijzer.cases.reads import case_list_view
from deelwijzer.organisations.models import Role
from deelwijzer.procedure.limits import (
    AGE_MAX_YEARS,
    AGE_MIN_YEARS,
    GUARDIANS_MAX,
    IDENTIFIERS_MAX,
)

router = Router(tags=["casussen"])


class CaseSummary(Schema):
    id: UUID
    pseudonym: str
    status: Annotated[str, OneOf(CaseStatus)]
    opened_at: datetime
    closed_at: datetime | None


class GuardianOut(Schema):
    id: int  # the id that conversations take in guardian_ids
    name: str
    relation: str
    has_authority: bool


class YouthOut(Schema):
    name: str
    birth_date: date
    identifiers: list[str]


class TeamMemberOut(Schema):
    user_id: UUID  # the id that held_by, adviser_member_id and the team operations take
    name: str
    role_on_team: str


class CaseOut(CaseSummary):
    role: str
    may_edit: bool
    may_reopen: bool
    close_reason: str
    identity_version: int  # expected_version for PUT /cases/{id}/identity
    youth: YouthOut | None
    guardians: list[GuardianOut]
    team: list[TeamMemberOut]


class GuardianIn(Schema):
    name: NameLine
    relation: RelationLine = ""
    has_authority: Flag = True


class CaseIn(Schema):
    pseudonym: PseudonymLine | None = Field(
        None,
        description="Laat weg: Deelwijzer kiest een willekeurig pseudoniem, uniek in je "
        "organisatie. Een zelfgekozen pseudoniem mag niets bevatten waaraan je de jongere "
        "herkent (naam, ouders, kenmerken, geboortedatum), anders 422.",
    )
    name: NameLine
    birth_date: date | None = Field(
        description=f"De jongere is bij het openen {AGE_MIN_YEARS} tot en met "
        f"{AGE_MAX_YEARS} jaar oud, anders 422."
    )
    role_on_team: RoleLine
    identifiers: list[IdentifierLine] = Field([], max_length=IDENTIFIERS_MAX)
    guardians: list[GuardianIn] = Field([], max_length=GUARDIANS_MAX)


CasePage = page_of(CaseSummary, "CasePage")


def summary(case) -> dict:
    return {
        "id": case.public_id,
        "pseudonym": case.pseudonym,
        "status": case.status,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
    }


def detail(case, access) -> dict:
    youth = case.youth if access.identity else None
    return {
        **summary(case),
        "role": access.role,
        "may_edit": access.edit,
        "may_reopen": access.reopen,
        "close_reason": case.close_reason,
        "identity_version": current_version(case),
        "youth": {
            "name": youth.name,
            "birth_date": youth.birth_date,
            "identifiers": list(youth.identifiers),
        }
        if youth
        else None,
        "guardians": [
            {"id": g.pk, "name": g.name, "relation": g.relation, "has_authority": g.has_authority}
            for g in (case.guardians.all() if access.identity else [])
        ],
        "team": [
            {
                "user_id": m.user.public_id,
                "name": m.user.display_name(),
                "role_on_team": m.role_on_team,
            }
            for m in case.team.select_related("user")
        ],
    }


@router.get("/cases", response={200: CasePage, **READ}, url_name="api_cases")
def cases_list(request, page: int = PageNumber):
    """De casussen in wier team je zit, nieuwste eerst (elke getoonde casus gelogd in de
    audittrail)."""
    rows = cases_for(request.auth).order_by("-opened_at", "-pk")
    found = paginate(rows, page, lambda case: case)
    case_list_view(actor=request.auth, cases=found["items"])  # audited, #17.7
    return {**found, "items": [summary(case) for case in found["items"]]}


@router.post("/cases", response={201: CaseOut, **WRITE})
def case_open(request, payload: CaseIn):
    """Open een casus met de identiteit van de jongere; jij wordt het eerste teamlid."""
    organisation = organisation_for(request.auth, Role.PROFESSIONAL)
    data = services.CaseInput(
        pseudonym=payload.pseudonym or "",  # none given: Deelwijzer makes one
        name=payload.name,
        birth_date=payload.birth_date,
        role_on_team=payload.role_on_team,
        identifiers=list(payload.identifiers),
        guardians=[
            services.GuardianInput(g.name, g.relation, g.has_authority) for g in payload.guardians
        ],
    )
    case = services.case_open(actor=request.auth, organisation=organisation, data=data)
    _case, access = get_case(request.auth, case.pk)
    return Status(201, detail(case, access))


@router.get("/cases/{uuid:case_id}", response={200: CaseOut, **READ}, url_name="api_case")
def case_read(request, case_id: CaseId):
    """Eén casus (gelogd in de audittrail). De identiteit alleen voor wie haar mag zien."""
    case, access = services.case_view(actor=request.auth, case_id=case_id)
    return detail(case, access)
