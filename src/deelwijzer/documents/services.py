"""Audited reads of the dossier: the page, the PDF and the case file export."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.models import Case
from deelwijzer.documents.timeline import Event, case_timeline
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.pdf import render_pdf
from deelwijzer.procedure.casefile import load_casefile


def _audit(actor, case: Case, role: str, action: str, purpose: str = "") -> None:
    audit_case(actor, case, action, role=role, purpose=purpose)


@transaction.atomic
def dossier_read(*, actor, case_id: CaseRef) -> tuple[Case, list[Event]]:
    case, access = get_case(actor, case_id, need="view")
    _audit(actor, case, access.role, "dossier.view")
    return case, case_timeline(case)


@transaction.atomic
def dossier_pdf(*, actor, case_id: CaseRef) -> tuple[Case, bytes]:
    case, access = get_case(actor, case_id, need="view")
    _audit(actor, case, access.role, "dossier.download_pdf")
    context = {"case": case, "events": case_timeline(case), "made_on": timezone.localdate()}
    return case, render_pdf("documents/dossier_pdf.html", context)


@transaction.atomic
def case_subject_access_export(*, actor, case_id: CaseRef) -> bytes:
    """The subject-access export (inzage) as PDF: the dossier, the disclosure register of the
    case and who viewed or changed it. Only for the team (identity access)."""
    from deelwijzer.documents.subject_access import access_log, disclosure_register

    case, access = get_case(actor, case_id, need="identity")
    _audit(actor, case, access.role, "case.subject_access_export")
    context = {
        "case": case,
        "events": case_timeline(case),
        "register": disclosure_register(case),
        "accesses": access_log(case),
        "made_on": timezone.localdate(),
    }
    return render_pdf("documents/subject_access_pdf.html", context)


def valid_casefile(case: Case) -> dict:
    """The case file, checked against the published schema before it leaves (raises
    CaseFileError when the case does not make a valid file)."""
    data = build_casefile(case)
    load_casefile(data)
    return data


@transaction.atomic
def casefile_export(*, actor, case_id: CaseRef) -> tuple[Case, dict]:
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
