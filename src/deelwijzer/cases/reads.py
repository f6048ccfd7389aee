"""Audited reads and refusals that no other service records (issue #17.7; ASVS 5.0 V16.3.2,
NEN 7513): access refused (403, a 404 on a case, a refused API call), the auditor's reading of
the audit pages, and the API's list of cases. Never case content: ids, path and status only."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record, audit_record_many
from deelwijzer.cases.models import Case
from deelwijzer.organisations.models import Role
from deelwijzer.organisations.roles import memberships_of


def _organisation_of(actor, found: tuple[int, int] | None) -> int | None:
    """The organisation whose auditor should see the refusal: the case's, else the actor's."""
    if found is not None:
        return found[1]
    organisations = sorted(memberships_of(actor)) if actor is not None else []
    return organisations[0] if organisations else None


def _case_of(case_id: UUID | None) -> tuple[int, int] | None:
    """The case's key and organisation, for the public id in the route (#17.15)."""
    if case_id is None:
        return None
    return Case.objects.filter(public_id=case_id).values_list("pk", "organisation_id").first()


@transaction.atomic
def access_refused_record(
    *, actor, path: str, method: str, status: int, case_id: UUID | None = None
) -> None:
    """One refused request: who, which path (no query string), which status. The case by its
    key, as everywhere in the trail; an id that is no case's stays as it was asked."""
    found = _case_of(case_id)
    audit_record(
        actor=actor,
        action="access.denied",
        object_type="case" if case_id is not None else "path",
        object_id=found[0] if found else (case_id or ""),
        organisation_id=_organisation_of(actor, found),
        outcome=Outcome.DENIED,
        detail={"path": path[:300], "method": method, "status": status},
    )


@transaction.atomic
def audit_pages_view(*, actor, organisation, case=None, page_number: object = 1) -> None:
    """The auditor opened the audit log of the organisation, or of one case."""
    audit_record(
        actor=actor,
        action="audit.view_case" if case is not None else "audit.view",
        object_type="audit_log",
        object_id=case.pk if case is not None else organisation.pk,
        case_id=case.pk if case is not None else None,
        organisation_id=organisation.pk,
        role=Role.AUDITOR,
        detail={"page": str(page_number or 1)[:10]},
    )


@transaction.atomic
def case_list_view(*, actor, cases: list) -> None:
    """Each case of a page of the API's case list (its pseudonym was read)."""
    audit_record_many(
        actor=actor,
        events=[
            {
                "action": "case.list",
                "object_type": "case",
                "object_id": case.pk,
                "case_id": case.pk,
                "organisation_id": case.organisation_id,
                "role": "team",
            }
            for case in cases
        ],
    )
