from __future__ import annotations

from uuid import UUID

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from deelwijzer.attachments.selectors import case_attachments
from deelwijzer.audit.labels import action_label, object_type_label
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.access import organisation_for
from deelwijzer.cases.models import Case
from deelwijzer.cases.reads import audit_pages_view
from deelwijzer.organisations.models import Role
from deelwijzer.organisations.roles import role_label


def _with_users(events):
    events = list(events)
    ids = {e.user_id for e in events if e.user_id}
    names = {u.pk: u.display_name() for u in get_user_model().objects.filter(pk__in=ids)}
    cases = {e.case_id for e in events if e.case_id}
    found = Case.objects.filter(pk__in=cases).values_list("pk", "public_id", "pseudonym")
    public = {pk: public_id for pk, public_id, _ in found}
    pseudonyms = {pk: pseudonym for pk, _, pseudonym in found}
    for event in events:
        event.case_public_id = public.get(event.case_id)  # none once the case is purged
        # in the words of the trail's other pages: "besluit b1", "casus J-3SY6", not the
        # model's name or the case's internal number (the recipient walk)
        kind = object_type_label(event.object_type)
        if event.object_type == "case" and event.case_id in pseudonyms:
            event.object_label = f"{kind} {pseudonyms[event.case_id]}"
        else:
            event.object_label = f"{kind} {event.object_id}".strip()
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
