from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.cases import services
from deelwijzer.cases.access import cases_for, memberships_of, organisations_with_role
from deelwijzer.cases.casefile import case_kept
from deelwijzer.cases.models import Case
from deelwijzer.documents.reminders import reminders_for
from deelwijzer.notifications.waiting import waiting_for
from deelwijzer.organisations.models import Membership, Role
from deelwijzer.web.forms import CaseOpenForm, CloseForm, TeamAddForm
from deelwijzer.web.stepview import next_thing, step_rows
from deelwijzer.web.views.common import copy_errors, organisation_for


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    my_cases = cases_for(request.user).order_by("-opened_at")
    decider_orgs = organisations_with_role(request.user, Role.DECISION_MAKER)
    followed = Case.objects.filter(
        organisation_id__in=decider_orgs, decision_maker_involved_at__isnull=False
    ).exclude(pk__in=my_cases.values("pk"))
    today = timezone.localdate()
    roles = set().union(*memberships_of(request.user).values())
    return render(
        request,
        "web/dashboard.html",
        {
            "cases": my_cases,
            "followed": followed,
            "reminders": reminders_for(request.user, today),
            "waiting_lists": waiting_for(request.user, roles, today),
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
    posted = request.method == "POST"
    form = CaseOpenForm(
        request.POST if posted else None, initial={"pseudonym": services.suggest_pseudonym()}
    )
    if posted and not form.is_valid():
        # the service's checks too, so that every error shows at once (issue #16.8)
        errors = services.case_input_errors(_case_input(form))
        missing = {name: found for name, found in errors.items() if name not in form.errors}
        copy_errors(form, ValidationError(missing))
    elif posted:
        try:
            case = services.case_open(
                actor=request.user, organisation=organisation, data=_case_input(form)
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("De casus is geopend."))
            return redirect("case_detail", case_id=case.pk)
    return render(request, "web/case_new.html", {"form": form})


def _colleagues(case: Case) -> list[tuple[int, str]]:
    """(user id, name) of the organisation's professionals not on the team yet."""
    on_team = case.team.values("user_id")
    rows = (
        Membership.objects.filter(
            organisation_id=case.organisation_id, role=Role.PROFESSIONAL, active=True
        )
        .exclude(user_id__in=on_team)
        .order_by("user__last_name")
        .values_list("user_id", "user__first_name", "user__last_name", "user__username")
    )
    return [(pk, f"{first} {last}".strip() or username) for pk, first, last, username in rows]


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case, access = services.case_view(actor=request.user, case_id=case_id, kept=True)
    kept = case_kept(case)  # the parents and the team come from the kept case file too
    evaluation = kept.evaluation
    rows = step_rows(case.pk, evaluation)
    context = {
        "case": case,
        "access": access,
        "evaluation": evaluation,
        "steps": rows,
        "next_step": next_thing(rows),
        "youth": case.youth if access.identity else None,
        "guardians": kept.casefile["guardians"] if access.identity else [],
        "team": kept.casefile["team"],
        "close_form": CloseForm() if access.edit else None,
    }
    return render(request, "web/case_detail.html", context)


@login_required
def case_team_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Add a colleague to the team: its own page, so that the list of every colleague in the
    organisation is not read and rendered on each view of the case page."""
    case, access = services.get_case(request.user, case_id, need="edit")
    posted = request.method == "POST"
    form = TeamAddForm(request.POST if posted else None, colleagues=_colleagues(case))
    if posted and form.is_valid():
        try:
            services.team_member_add(
                actor=request.user,
                case_id=case.pk,
                user_id=form.cleaned_data["user"],
                role_on_team=form.cleaned_data["role_on_team"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("De collega is aan het team toegevoegd."))
            return redirect(reverse("case_detail", args=[case.pk]) + "#team")
    services.case_view_record(actor=request.user, case=case, access=access, need="edit")
    team = case_kept(case).casefile["team"]
    return render(request, "web/case_team.html", {"case": case, "form": form, "team": team})


@login_required
@require_POST
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _access = services.get_case(request.user, case_id, need="edit")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.case_close(
                actor=request.user, case_id=case.pk, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("De casus is gesloten."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Schrijf op waarom je de casus sluit."))
    return redirect("case_detail", case_id=case.pk)
