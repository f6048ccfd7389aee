"""The dossier page and its exports (PDF, case file)."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from deelwijzer.attachments.selectors import case_attachments
from deelwijzer.documents import services
from deelwijzer.procedure.casefile import CaseFileError


@login_required
def dossier(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, events = services.dossier_read(actor=request.user, case_id=case_id)
    context = {"case": case, "events": events, "attachments": case_attachments(case)}
    return render(request, "documents/dossier.html", context)


@login_required
def dossier_pdf(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, pdf = services.dossier_pdf(actor=request.user, case_id=case_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dossier-{case.pseudonym}.pdf"'
    return response


@login_required
def dossier_subject_access(request: HttpRequest, case_id: UUID) -> HttpResponse:
    pdf = services.case_subject_access_export(actor=request.user, case_id=case_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-casus-{case_id}.pdf"'
    return response


@login_required
def dossier_casefile(request: HttpRequest, case_id: UUID) -> HttpResponse:
    try:
        case, data = services.casefile_export(actor=request.user, case_id=case_id)
    except CaseFileError as error:
        message = _("Deze casus geeft geen geldig casusbestand: %(p)s") % {
            "p": "; ".join(error.problems)
        }
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="casus-{case.pseudonym}.json"'
    return response
