from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.cases import services
from deelwijzer.cases.access import (
    CaseRef,
    cases_for,
    memberships_of,
    open_case_ids_for,
    organisation_for,
    organisations_with_role,
)
from deelwijzer.cases.models import Case
from deelwijzer.documents.reminders import reminders_for
from deelwijzer.interchange.casefile import case_kept
from deelwijzer.organisations.models import Role
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.ui.stepview import all_done, next_thing, shown_statuses, step_rows
from deelwijzer.ui.views import saved
from deelwijzer.web.forms import CaseOpenForm, CloseForm, ReopenForm
from deelwijzer.web.views.team import current_team
from deelwijzer.web.waiting import waiting_for


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    my_cases = cases_for(request.user).order_by("-opened_at")
    decider_orgs = organisations_with_role(request.user, Role.DECISION_MAKER)
    followed = Case.objects.filter(
        organisation_id__in=decider_orgs, decision_maker_involved_at__isnull=False
    ).exclude(pk__in=my_cases.values("pk"))
    today = timezone.localdate()
    roles = set().union(*memberships_of(request.user).values())
    open_cases = open_case_ids_for(request.user)  # the reminders and the lists both ask
    return render(
        request,
        "web/dashboard.html",
        {
            "cases": my_cases,
            "followed": followed,
            "reminders": reminders_for(request.user, today, case_ids=open_cases),
            "waiting_lists": waiting_for(request.user, roles, today, case_ids=open_cases),
        },
    )


def _guardians(form: CaseOpenForm) -> list[services.GuardianInput]:
    result = []
    for n in (1, 2):
        name = form.cleaned_data.get(f"guardian{n}_name", "").strip()
        if name:
            result.append(
                services.GuardianInput(
                    name=name,
                    relation=form.cleaned_data.get(f"guardian{n}_relation", ""),
                    has_authority=bool(form.cleaned_data.get(f"guardian{n}_authority")),
                )
            )
    return result


def _case_input(form: CaseOpenForm) -> services.CaseInput:
    """The input as far as the form could read it (a field it refused is left empty)."""
    data = form.cleaned_data
    return services.CaseInput(
        pseudonym=data.get("pseudonym", ""),
        name=data.get("name", ""),
        birth_date=data.get("birth_date"),
        role_on_team=data.get("role_on_team", ""),
        identifiers=form.identifier_list(),
        guardians=_guardians(form),
    )


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.PROFESSIONAL)
    form = CaseOpenForm(request.POST if request.method == "POST" else None)
    opened = saved(
        request,
        form,
        lambda: services.case_open(
            actor=request.user, organisation=organisation, data=_case_input(form)
        ),
        _("De casus is geopend."),
        # the service's checks too, so that every error shows at once (issue #16.8)
        check=lambda: services.case_input_errors(_case_input(form), organisation),
    )
    if opened:
        return redirect("case_detail", case_id=opened.result.public_id)
    return render(request, "web/case_new.html", {"form": form})


def _sharing_in_view(rows) -> bool:
    """Whether external sharing is a question yet: once step 4 or 5 has begun (R5.4). A
    case that was just opened starts with its next step, not with a verdict on sharing."""
    return any(r.status != "not_started" for r in rows if r.number in (4, 5, 6))


@login_required
def case_detail(request: HttpRequest, case_id: UUID) -> HttpResponse:
    return _detail_page(request, case_id)


def _detail_page(request: HttpRequest, case_id: CaseRef, bound: dict | None = None) -> HttpResponse:
    """The case page; ``bound``: a refused close or reopen form, shown with what was typed."""
    case, access = services.case_view(actor=request.user, case_id=case_id, kept=True)
    kept = case_kept(case)  # the parents come from the kept case file too
    evaluation = kept.evaluation
    rows = step_rows(case.public_id, evaluation, statuses=shown_statuses(case, evaluation))
    bound = bound or {}
    context = {
        "case": case,
        "access": access,
        "evaluation": evaluation,
        "steps": rows,
        "next_step": next_thing(rows) if not access.closed else None,
        "all_done": all_done(rows) and not access.closed,
        "sharing_in_view": _sharing_in_view(rows),
        "youth": case.youth if access.identity else None,
        "guardians": kept.casefile["guardians"] if access.identity else [],
        "team": current_team(case),
        "close_form": bound.get("close") or CloseForm() if access.edit else None,
        "reopen_form": bound.get("reopen") or ReopenForm() if access.reopen else None,
        "changes": case.changes.select_related("changed_by") if access.closed else (),
        **_transfers(case),
    }
    return render(request, "web/case_detail.html", context)


def _transfers(case: Case) -> dict:
    """The transfer that brought the case here, and those that took it elsewhere: one query
    for both (the case page is the most read page)."""
    rows = list(
        Transfer.objects.filter(Q(new_case=case) | Q(case=case))
        .select_related("from_organisation", "to_organisation")
        .order_by("-prepared_at", "-id")
    )
    out = [t for t in rows if t.case_id == case.pk]
    return {
        "transfer_in": next((t for t in rows if t.new_case_id == case.pk), None),
        "transfers_out": out,
        # taken on elsewhere: "Wat nu" says so first (the engine knows no transfers)
        "transferred": next((t for t in out if t.status == TransferStatus.ACCEPTED), None),
    }


def _with_reason(request: HttpRequest, case: Case, key: str, change, done: str):
    """Close or reopen (``change``) with the reason of the posted form; refused, the case page
    again with what was typed and what is missing."""
    form = (CloseForm if key == "close" else ReopenForm)(request.POST)
    if saved(
        request,
        form,
        lambda: change(actor=request.user, case_id=case.pk, reason=form.cleaned_data["reason"]),
        done,
    ):
        return redirect("case_detail", case_id=case.public_id)
    return _detail_page(request, case.pk, {key: form})


@login_required
@require_POST
def case_close(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Close the case: only with a reason and a ticked confirmation (the team only)."""
    case, _access = services.get_case(request.user, case_id, need="edit")
    done = _("De casus is gesloten. Je kunt hem nog lezen.")
    return _with_reason(request, case, "close", services.case_close, done)


@login_required
@require_POST
def case_reopen(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Reopen a closed case, with a reason (the team only)."""
    case, access = services.get_case(request.user, case_id, need="view")
    if not access.closed:  # opened meanwhile, or never closed: nothing to reopen
        messages.info(request, _("Deze casus is al open."))
        return redirect("case_detail", case_id=case.public_id)
    done = _("De casus is heropend. Het team kan weer verder.")
    return _with_reason(request, case, "reopen", services.case_reopen, done)
