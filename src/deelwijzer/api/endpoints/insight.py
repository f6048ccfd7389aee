"""Statistics and the audit trail for the roles that may see them (issue #22): the same
services, role checks and audit rows as the pages (insight.services)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from pydantic import Field

from deelwijzer.api.problems import Problem
from deelwijzer.api.types import MAX_ID, VISIBLE
from deelwijzer.insight import services
from deelwijzer.insight.periods import default_period
from deelwijzer.insight.suppression import API_HIDDEN, HIDDEN, WITHHELD
from deelwijzer.insight.trail import TrailFilter
from deelwijzer.procedure.limits import PSEUDONYM_MAX

router = Router(tags=["inzicht"])
ROLE_ONLY = {401: Problem, 403: Problem, 422: Problem}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
FROM = Query(None, alias="from", description="Eerste dag (JJJJ-MM-DD).")
TO = Query(None, alias="to", description="Laatste dag (JJJJ-MM-DD).")
PERSON = Query(None, description="Id van een gebruiker (person_id).")
CASE = Query(
    "",
    max_length=max(PSEUDONYM_MAX, 36),  # a public id (UUID) is 36 characters
    pattern=VISIBLE,
    description="Id van een casus (case_id) of (een deel van) het pseudoniem.",
)
ACTION = Query("", max_length=60, pattern=VISIBLE, description="Code, bijv. case.view.")
BEFORE = Query(None, ge=1, le=MAX_ID, description="Rijen ouder dan deze id.")


class FigureRowOut(Schema):
    label: str
    values: list[int | Literal["<5"] | None] = Field(
        description=(
            'Per kolom: het aantal, "<5" voor een aantal van 1 tot 4, of null voor een '
            "waarde die geen aantal is en niet getoond wordt omdat ze te weinig casussen zou "
            "tonen (de dagen bij durations)."
        )
    )


class FigureOut(Schema):
    key: str = Field(
        description=(
            "Welk cijfer: trend, funnel, durations, advice_kind, advice_outcome, conversations,"
            " risk_heat, risk_timing, decision_share, decision_consent, decision_status,"
            " disclosure_kind, disclosure_ground, feedback, open_findings (de open bevindingen"
            " van de open casussen per regel: een stand van nu, los van de periode)."
        )
    )
    title: str
    rule: str = Field(description="De regel(s) van de werkwijze waarover het cijfer gaat.")
    columns: list[str]
    rows: list[FigureRowOut]
    note: str = Field(
        description=(
            "Toelichting bij het cijfer, of leeg; bij open_findings ook hoe vers het is (hoeveel"
            " open casussen sinds hun laatste beoordeling zijn gewijzigd)."
        )
    )


class StatisticsOut(Schema):
    organisation: str
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    per: Literal["month", "quarter", "school_year"]
    figures: list[FigureOut]


def _api_value(value: int | str) -> int | str | None:
    if value == WITHHELD:
        return None
    return API_HIDDEN if value == HIDDEN else value


def _checked(first: date | None, last: date | None) -> tuple[date, date]:
    """The period asked; without ``from``, the twelve months up to ``to`` (or today)."""
    start, end = default_period(last)
    first, last = first or start, last or end
    if not (FIRST_DAY <= first <= LAST_DAY and FIRST_DAY <= last <= LAST_DAY) or first > last:
        raise ValidationError("Kies een periode tussen 2000 en 2100, met 'from' voor 'to'.")
    return first, last


@router.get(
    "/statistics",
    response={200: StatisticsOut, **ROLE_ONLY},
    url_name="api_statistics",
    by_alias=True,
)
def statistics(
    request,
    start: date | None = FROM,
    end: date | None = TO,
    per: Literal["month", "quarter", "school_year"] = "month",
):
    """De cijfers van je organisatie over de periode, voor de functioneel beheerder, de
    aandachtsfunctionaris en de privacy officer. Aantallen van 1 tot 4 staan er als "<5"."""
    first, last = _checked(start, end)
    organisation, figures = services.statistics_read(
        actor=request.auth, start=first, end=last, per=per, action="statistics.api"
    )
    return {
        "organisation": organisation.name,
        "from": first,
        "to": last,
        "per": per,
        "figures": [
            {
                "key": f.key,
                "title": f.title,
                "rule": f.rule,
                "columns": f.columns,
                "note": f.note,
                "rows": [
                    {"label": label, "values": [_api_value(v) for v in values]}
                    for label, values in f.shown_rows()
                ],  # fmt: skip
            }
            for f in figures
        ],
    }


class AuditItemOut(Schema):
    id: int = Field(
        description="Volgnummer in de keten; geef het als 'before' voor de volgende pagina."
    )
    occurred_at: datetime
    person_id: UUID | None
    person: str
    role: str
    action: str
    action_label: str
    object_label: str
    case_id: UUID | None
    case_pseudonym: str
    outcome: Literal["done", "refused"]
    client_address: str
    hash: str


class AuditPageOut(Schema):
    items: list[AuditItemOut]
    next_before: int | None = Field(description="Voor de volgende (oudere) pagina: ?before=…")


@router.get(
    "/audit", response={200: AuditPageOut, **ROLE_ONLY}, url_name="api_audit", by_alias=True
)
def audit(
    request,
    person: UUID | None = PERSON,
    case: str = CASE,
    action: str = ACTION,
    outcome: Literal["done", "refused"] | None = None,
    start: date | None = FROM,
    end: date | None = TO,
    before: int | None = BEFORE,
):  # fmt: skip
    """De audittrail van je organisatie, nieuwste eerst, 50 per pagina (keyset: ?before=),
    voor de privacy officer. Het opvragen zelf wordt gelogd."""
    if start or end:
        start, end = _checked(start or FIRST_DAY, end or LAST_DAY)
    wanted = TrailFilter(person=person, case=case.strip(), action=action, outcome=outcome or "",
                         start=start, end=end)  # fmt: skip
    _organisation, page = services.audit_trail_read(
        actor=request.auth, wanted=wanted, before=before, action="audit.api_list"
    )
    return {
        "items": [
            {
                "id": r.id,
                "occurred_at": r.occurred_at,
                "person_id": r.person_id,
                "person": r.who,
                "role": r.role,
                "action": r.action,
                "action_label": r.action_label,
                "object_label": r.object_label,
                "case_id": r.case_public_id,
                "case_pseudonym": r.case_pseudonym,
                "outcome": r.outcome,
                "client_address": r.client_address,
                "hash": r.hash,
            }
            for r in page.rows
        ],  # fmt: skip
        "next_before": page.older,
    }
