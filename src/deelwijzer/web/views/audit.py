from __future__ import annotations

from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from deelwijzer.attachments.selectors import case_attachments
from deelwijzer.audit.labels import action_label
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.access import organisation_for
from deelwijzer.cases.models import Case
from deelwijzer.cases.reads import audit_pages_view
from deelwijzer.insight.trail import object_label
from deelwijzer.organisations.models import Role
from deelwijzer.organisations.roles import role_label


def _with_users(events):
    events = list(events)
    ids = {e.user_id for e in events if e.user_id}
    names = {u.pk: u.display_name() for u in get_user_model().objects.filter(pk__in=ids)}
    cases = {e.case_id for e in events if e.case_id}
    rows = Case.objects.filter(pk__in=cases).values_list("pk", "public_id", "pseudonym")
    found = {pk: (public_id, pseudonym) for pk, public_id, pseudonym in rows}
    for event in events:
        case = found.get(event.case_id)  # none once the case is purged
        event.case_public_id = case[0] if case else None
        # in the words of the organisation's trail: "besluit b1 van casus J-3SY6", not the
        # model's name or the case's internal number (the recipient walk)
        event.object_label = object_label(event, case)
        event.user_name = names.get(event.user_id, "—")
        event.role_label = role_label(event.role)
        event.action_label = action_label(event.action)
    return events


@login_required
def audit_case(request: HttpRequest, case_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, Role.AUDITOR)
    case = Case.objects.filter(public_id=case_id, organisation=organisation).first()
    if case is None:
        raise Http404
    audit_pages_view(
        actor=request.user,
        organisation=organisation,
        case=case,
        page_number=request.GET.get("pagina"),
    )
    events = AuditEvent.objects.filter(case_id=case.pk)
    page = Paginator(events.order_by("-id"), 50).get_page(request.GET.get("pagina"))
    page.object_list = _with_users(page.object_list)
    # The case's files (issue #19): that they exist, never their content or a thumbnail.
    files = case_attachments(case)
    return render(request, "web/audit_case.html", {"page": page, "case": case, "files": files})
