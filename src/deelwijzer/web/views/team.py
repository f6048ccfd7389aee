"""The team page and its three forms: adding a colleague, taking one off the team, and handing
the case over. They share the page (web/case_team.html); a refusal shows the page again with
what was typed and why.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.accounts.models import User
from deelwijzer.cases import services
from deelwijzer.cases.models import Case
from deelwijzer.ids import key_for
from deelwijzer.organisations.models import Membership, Role
from deelwijzer.ui.views import copy_errors, saved
from deelwijzer.web.forms import HandOverForm, TeamAddForm, TeamRemoveForm


def colleagues(case: Case, *, besides=()) -> list[tuple[UUID, str]]:
    """(public id, name) of the organisation's professionals not on the team (nor ``besides``,
    user keys). The form values carry public ids, never keys (#17.15)."""
    on_team = case.team.values("user_id")
    rows = (
        Membership.objects.filter(
            organisation_id=case.organisation_id, role=Role.PROFESSIONAL, active=True
        )
        .exclude(user_id__in=on_team)
        .exclude(user_id__in=list(besides))
        .order_by("user__last_name")
        .values_list("user__public_id", "user__first_name", "user__last_name", "user__username")
    )
    return [(pid, _name(first, last, username)) for pid, first, last, username in rows]


def _name(first: str, last: str, username: str) -> str:
    """The name ``User.display_name`` gives, from the columns alone."""
    return f"{first} {last}".strip() or username


HANDOVER = "overdracht"  # the hand-over form's prefix: the add form has the same field names


def current_team(case: Case) -> list[dict]:
    """Who is on the team now (the case file names former members too); ``user_id`` is the
    user's public id, as the page's forms carry it."""
    rows = case.team.values_list(
        "user__public_id", "user__first_name", "user__last_name", "user__username", "role_on_team"
    )
    return [
        {"user_id": pid, "name": _name(first, last, username), "role": role}
        for pid, first, last, username, role in rows
    ]


def _handover_choices(case: Case, team: list[dict], me: UUID) -> list[tuple[UUID, str]]:
    """Who can take the case over: a colleague on the team, or one not on it yet."""
    return [(m["user_id"], m["name"]) for m in team if m["user_id"] != me] + colleagues(case)


def _me(request: HttpRequest) -> UUID:
    """The public id of the signed-in user (the views are behind login_required)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user.public_id


def team_page(request: HttpRequest, case: Case, bound: Form | None = None) -> HttpResponse:
    """The team page: who is on the team, and the forms to add, remove and hand over.
    ``bound``: the form that was posted (refused), shown with what was typed."""
    team = current_team(case)
    forms: dict[str, Form] = {
        "form": TeamAddForm(colleagues=colleagues(case)),
        "remove_form": TeamRemoveForm(),
        "handover_form": HandOverForm(
            colleagues=_handover_choices(case, team, _me(request)), prefix=HANDOVER
        ),
    }
    if bound is not None:
        name = {TeamAddForm: "form", TeamRemoveForm: "remove_form", HandOverForm: "handover_form"}
        forms[name[type(bound)]] = bound
    context = {"case": case, "team": team, "me": _me(request), **forms}
    return render(request, "web/case_team.html", context)


def _team_change(request: HttpRequest, form: Form) -> dict:
    """A team form's fields as the keywords of its service (``team_member_add``,
    ``team_member_remove``, ``case_hand_over``): the colleague by their key, the rest as
    filled in."""
    data = dict(form.cleaned_data)
    return {"actor": request.user, "user_id": key_for(User, data.pop("user")), **data}


@login_required
@require_POST
def case_team_remove(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, access = services.get_case(request.user, case_id, need="edit")
    form = TeamRemoveForm(request.POST)
    if form.is_valid():
        try:
            services.team_member_remove(case_id=case.pk, **_team_change(request, form))
        except ValidationError as error:
            copy_errors(form, error)
        else:
            if form.cleaned_data["user"] == _me(request):
                messages.success(request, _("Je staat niet meer in het team van deze casus."))
                return redirect("dashboard")
            messages.success(request, _("De collega staat niet meer in het team."))
            return redirect(reverse("case_detail", args=[case.public_id]) + "#team")
    services.case_view_record(actor=request.user, case=case, access=access, need="edit")
    return team_page(request, case, form)


@login_required
@require_POST
def case_hand_over(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, access = services.get_case(request.user, case_id, need="edit")
    choices = _handover_choices(case, current_team(case), _me(request))
    form = HandOverForm(request.POST, colleagues=choices, prefix=HANDOVER)
    if saved(
        request,
        form,
        lambda: services.case_hand_over(case_id=case.pk, **_team_change(request, form)),
        _("De casus is overgedragen. Je staat niet meer in het team en ziet hem niet."),
    ):
        return redirect("dashboard")
    services.case_view_record(actor=request.user, case=case, access=access, need="edit")
    return team_page(request, case, form)


@login_required
def case_team_add(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The team page, and adding a colleague: its own page, so that the list of every colleague
    in the organisation is not read and rendered on each view of the case page."""
    case, access = services.get_case(request.user, case_id, need="edit")
    form = None
    if request.method == "POST":
        form = TeamAddForm(request.POST, colleagues=colleagues(case))
        if saved(
            request,
            form,
            lambda: services.team_member_add(case_id=case.pk, **_team_change(request, form)),
            _("De collega is aan het team toegevoegd."),
        ):
            return redirect(reverse("case_detail", args=[case.public_id]) + "#team")
    services.case_view_record(actor=request.user, case=case, access=access, need="edit")
    return team_page(request, case, form)
