"""Audited reads of the dossier: the page, the PDF and the case file export."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import get_case
from deelwijzer.cases.casefile import build_casefile
from deelwijzer.cases.models import Case
from deelwijzer.documents.timeline import Event, case_timeline
from deelwijzer.procedure.casefile import load_casefile


def _audit(actor, case: Case, role: str, action: str, purpose: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=role,
        purpose=purpose,
    )


@transaction.atomic
def dossier_read(*, actor, case_id: int) -> tuple[Case, list[Event]]:
    case, access = get_case(actor, case_id, need="view")
    _audit(actor, case, access.role, "dossier.view")
    return case, case_timeline(case)


@transaction.atomic
def dossier_pdf(*, actor, case_id: int) -> tuple[Case, bytes]:
    from deelwijzer.documents.pdf import render_pdf

    case, access = get_case(actor, case_id, need="view")
    _audit(actor, case, access.role, "dossier.download_pdf")
    context = {"case": case, "events": case_timeline(case), "made_on": timezone.localdate()}
    return case, render_pdf("documents/dossier_pdf.html", context)


def valid_casefile(case: Case) -> dict:
    """The case file, checked against the published schema before it leaves (raises
    CaseFileError when the case does not make a valid file)."""
    data = build_casefile(case)
    load_casefile(data)
    return data


@transaction.atomic
def casefile_export(*, actor, case_id: int) -> tuple[Case, dict]:
    case, access = get_case(actor, case_id, need="view")
    data = valid_casefile(case)
    _audit(actor, case, access.role, "dossier.export_casefile")
    return case, data


@transaction.atomic
def casefile_export_cli(case: Case) -> dict:
    """The export for the console command: no user, recorded with purpose "cli"."""
    data = valid_casefile(case)
    _audit(None, case, "", "dossier.export_casefile", purpose="cli")
    return data
