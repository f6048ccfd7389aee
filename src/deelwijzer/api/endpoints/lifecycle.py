"""A case's life: closing and reopening, correcting the youth's and the parents' data, and
the team (adding, removing, handing over). Same services as the web pages; each answers with
the case as it is afterwards (CaseOut)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib.auth import get_user_model
from ninja import Router, Schema, Status
from pydantic import Field

from deelwijzer.api.endpoints.cases import CaseOut, detail
from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.schemas import READ, WRITE, correction_of
from deelwijzer.api.types import CaseId, Id, Line60, Line100, Line200, PublicId, Text, Version
from deelwijzer.cases import identity, services
from deelwijzer.ids import key_for
from deelwijzer.organisations.models import Membership, Role
from deelwijzer.organisations.roles import organisations_with_role
from deelwijzer.procedure.limits import GUARDIANS_MAX, IDENTIFIERS_MAX

router = Router(tags=["casussen"])


class ReasonIn(Schema):
    reason: Text


class GuardianCorrectIn(Schema):
    id: Id | None = None  # None: a parent not known before
    name: Line200
    relation: Line60 = ""
    has_authority: bool = True


class IdentityIn(Schema):
    name: Line200
    birth_date: date | None
    identifiers: list[Line200] = Field([], max_length=IDENTIFIERS_MAX)
    guardians: list[GuardianCorrectIn] = Field([], max_length=GUARDIANS_MAX)
    correction_note: Text
    expected_version: Version


class TeamMemberIn(Schema):
    user_id: PublicId
    role_on_team: Line100


class HandOverIn(TeamMemberIn):
    reason: Text


class TeamRemoveIn(Schema):
    user_id: PublicId
    reason: Text


class ColleagueOut(Schema):
    user_id: PublicId
    name: str
    organisation: str


ColleaguePage = page_of(ColleagueOut, "ColleaguePage")


@router.get("/colleagues", response={200: ColleaguePage, **READ}, url_name="api_colleagues")
def colleagues_list(request, page: int = PageNumber):
    """De beroepskrachten van je organisatie, met de ``user_id`` die ``POST /cases/{id}/team``
    en ``/handover`` vragen: namen, geen casussen."""
    mine = organisations_with_role(request.auth, Role.PROFESSIONAL)
    rows = (
        Membership.objects.filter(organisation_id__in=mine, role=Role.PROFESSIONAL, active=True)
        .filter(user__is_active=True)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )
    return paginate(
        rows,
        page,
        lambda m: {
            "user_id": m.user.public_id,
            "name": m.user.display_name(),
            "organisation": m.organisation.name,
        },
    )


def _team_change(request, payload: TeamMemberIn | TeamRemoveIn) -> dict:
    """A team request's fields as the keywords of its service (``team_member_add``,
    ``team_member_remove``, ``case_hand_over``): the colleague by their key."""
    data = payload.dict()
    return {**data, "actor": request.auth, "user_id": key_for(get_user_model(), data["user_id"])}


def _case(request, case_id: UUID) -> dict:
    case, access = services.get_case(request.auth, case_id)
    return detail(case, access)


@router.post("/cases/{uuid:case_id}/close", response={200: CaseOut, **WRITE}, url_name="api_close")
def case_close(request, case_id: CaseId, payload: ReasonIn):
    """Sluit de casus, met een reden. Daarna is hij alleen te lezen: elke wijziging geeft 409
    tot iemand van het team hem heropent."""
    services.case_close(actor=request.auth, case_id=case_id, reason=payload.reason)
    return _case(request, case_id)


@router.post(
    "/cases/{uuid:case_id}/reopen", response={200: CaseOut, **WRITE}, url_name="api_reopen"
)
def case_reopen(request, case_id: CaseId, payload: ReasonIn):
    """Heropen een gesloten casus, met een reden (alleen het team)."""
    services.case_reopen(actor=request.auth, case_id=case_id, reason=payload.reason)
    return _case(request, case_id)


@router.put(
    "/cases/{uuid:case_id}/identity", response={200: CaseOut, **WRITE}, url_name="api_identity"
)
def case_identity_correct(request, case_id: CaseId, payload: IdentityIn):
    """Corrigeer de gegevens van de jongere en de ouders: een nieuwe versie (wie, wanneer,
    waarom), de casus wordt opnieuw beoordeeld. Geef elke bekende ouder mee met zijn ``id``
    (weghalen kan niet); een ouder zonder ``id`` komt erbij. ``expected_version``: de
    ``identity_version`` van de casus (409 als iemand anders intussen corrigeerde)."""
    data = identity.IdentityInput(
        name=payload.name,
        birth_date=payload.birth_date,
        identifiers=list(payload.identifiers),
        guardians=[
            identity.GuardianData(g.id, g.name, g.relation, g.has_authority)
            for g in payload.guardians
        ],
    )
    identity.case_identity_correct(
        actor=request.auth,
        case_id=case_id,
        data=data,
        correction=correction_of(payload),
    )
    return _case(request, case_id)


@router.post("/cases/{uuid:case_id}/team", response={200: CaseOut, **WRITE}, url_name="api_team")
def team_member_add(request, case_id: CaseId, payload: TeamMemberIn):
    """Zet een collega van je organisatie in het team (R2.2)."""
    services.team_member_add(case_id=case_id, **_team_change(request, payload))
    return _case(request, case_id)


@router.post(
    "/cases/{uuid:case_id}/team/remove",
    response={200: CaseOut, **WRITE},
    url_name="api_team_remove",
)
def team_member_remove(request, case_id: CaseId, payload: TeamRemoveIn):
    """Haal een collega (``user_id``, zie ``team``) uit het team, met een reden; die ziet de
    casus daarna niet meer. Het laatste teamlid kan er niet uit: draag de casus dan over.
    Haal je jezelf eruit, dan is het antwoord 404: je ziet de casus niet meer."""
    services.team_member_remove(case_id=case_id, **_team_change(request, payload))
    return _case(request, case_id)


@router.post(
    "/cases/{uuid:case_id}/handover", response={204: None, **WRITE}, url_name="api_handover"
)
def case_hand_over(request, case_id: CaseId, payload: HandOverIn):
    """Draag de casus over aan een collega (bijvoorbeeld als je vertrekt): de collega komt in
    het team met de rol die je opgeeft, jij gaat eruit en ziet de casus niet meer."""
    services.case_hand_over(case_id=case_id, **_team_change(request, payload))
    return Status(204, None)
