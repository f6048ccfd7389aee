"""The engine's evaluation of a case, the case file export and the import."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Schema, Status
from pydantic import Field

from deelwijzer.api.problems import Problem, problem
from deelwijzer.api.schemas import READ, WRITE
from deelwijzer.api.types import CaseId, Line100
from deelwijzer.cases.access import organisation_for
from deelwijzer.cases.services import case_view
from deelwijzer.documents.services import casefile_export
from deelwijzer.interchange.casefile import case_evaluation
from deelwijzer.interchange.importing import casefile_import
from deelwijzer.organisations.models import Role
from deelwijzer.procedure.casefile import CaseFileError

router = Router(tags=["casusbestand en beoordeling"])


class FindingOut(Schema):
    rule: str
    kind: Literal["violation", "missing", "warning"]
    message: str
    refs: list[str]


class StepOut(Schema):
    status: Literal["complete", "incomplete", "not_started", "not_applicable"]


class SharingOut(Schema):
    allowed: bool
    ground: Literal["consent", "serious_risk_only_way"] | None


class EvaluationOut(Schema):
    format: Literal["deelwijzer-evaluation/1"]
    age: int
    steps: dict[str, StepOut]
    findings: list[FindingOut]
    sharing: SharingOut


class ImportOut(Schema):
    case_id: UUID
    pseudonym: str
    imported: dict[str, int]
    not_imported: dict[str, int] = Field(
        description="Onderdelen die niet zijn ingelezen (advies, gesprekken, besluit, "
        "verstrekkingen): die leg je vast in Deelwijzer zelf."
    )


def _invalid_case(error: CaseFileError):
    detail = _("Deze casus geeft geen geldig casusbestand: %(p)s") % {
        "p": "; ".join(error.problems)
    }
    return problem(409, "invalid-case", _("Ongeldig casusbestand"), detail)


@router.get(
    "/cases/{uuid:case_id}/evaluation",
    response={200: EvaluationOut, 409: Problem, **READ},
    url_name="api_evaluation",
)
def evaluation(request, case_id: CaseId):
    """Het oordeel van de regels R1.1-R6.7 over de casus zoals die nu is
    (formaat ``deelwijzer-evaluation/1``)."""
    case, _access = case_view(actor=request.auth, case_id=case_id)
    result = case_evaluation(case)
    if result is None:
        return _invalid_case(CaseFileError([_("de casus kon niet worden beoordeeld.")]))
    return result.to_dict()


@router.get(
    "/cases/{uuid:case_id}/casefile",
    response={200: dict[str, Any], 409: Problem, **READ},
    url_name="api_casefile",
)
def casefile(request, case_id: CaseId):
    """De casus als casusbestand (formaat ``deelwijzer-casefile/1``, zie ``deelwijzer schema``)."""
    try:
        _case, data = casefile_export(actor=request.auth, case_id=case_id)
    except CaseFileError as error:
        return _invalid_case(error)
    return data


@router.post("/cases/import", response={201: ImportOut, **WRITE}, url_name="api_import")
def casefile_import_endpoint(
    request,
    payload: Annotated[dict[str, Any], Body(description="Een casusbestand (casefile/1).")],
    role_on_team: Line100 = Query("", description="Je eigen rol bij de jongere."),  # noqa: B008
):
    """Open een casus uit een casusbestand. Een ongeldig bestand geeft elk probleem terug
    (422, ``errors``), met het JSON-pad erbij; er wordt dan niets bewaard."""
    organisation = organisation_for(request.auth, Role.PROFESSIONAL)
    result = casefile_import(
        actor=request.auth, organisation=organisation, data=payload, role_on_team=role_on_team
    )
    return Status(
        201,
        {
            "case_id": result.case.public_id,
            "pseudonym": result.case.pseudonym,
            "imported": result.imported,
            "not_imported": result.not_imported,
        },
    )
