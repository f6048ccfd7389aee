"""Step 4 pages. Thin: the access policy first, then a service; refusals shown on the form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijzer.cases.access import CaseAccess, get_case
from deelwijzer.cases.models import Case
from deelwijzer.risks import services
from deelwijzer.risks.forms import RiskForm, RiskReassessForm
from deelwijzer.risks.history import risk_rows, version_rows
from deelwijzer.risks.models import Risk
from deelwijzer.risks.pages import Workspace, workspace
from deelwijzer.ui.stepview import step_page
from deelwijzer.ui.views import copy_errors

FIELDS = ("at_risk", "description", "severity", "timing", "based_on", "advice_key")


def step_url(case: Case, key: str = "") -> str:
    url = reverse("step4", kwargs={"case_id": case.pk})
    return f"{url}#{key}" if key else url


def risk_form(space: Workspace, data=None, **kwargs) -> RiskForm:
    return RiskForm(data, signals=space.signal_choices(), advice=space.advice_choices(), **kwargs)


def render_step4(request: HttpRequest, case: Case, access: CaseAccess, form=None) -> HttpResponse:
    space = workspace(case)
    context = {"risks": risk_rows(case), "space": space}
    if access.edit:
        context["form"] = form or risk_form(space, prefix="risk")
    return step_page(
        request, case=case, access=access, step=4, template="risks/step4.html", context=context
    )


@login_required
def step4(request: HttpRequest, case_id: int) -> HttpResponse:
    case, access = get_case(request.user, case_id, need="view")
    return render_step4(request, case, access)


def risk_input(data: dict) -> services.RiskInput:
    return services.RiskInput(
        at_risk=data.get("at_risk") or "",
        description=data.get("description") or "",
        severity=data.get("severity") or "",
        timing=data.get("timing") or "",
        based_on=list(data.get("based_on") or []),
        advice_key=data.get("advice_key") or "",
    )


@login_required
def risk_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case, access = get_case(request.user, case_id, need="edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = risk_form(workspace(case), request.POST, prefix="risk")
    if form.is_valid():
        try:
            entry = services.risk_add(
                actor=request.user, case_id=case.pk, data=risk_input(form.cleaned_data)
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            message = _("Het risico is vastgelegd als %(key)s.") % {"key": entry.key}
            messages.success(request, message)
            return redirect(step_url(case, entry.key))
    return render_step4(request, case, access, form=form)


def _initial(current: Risk) -> dict:
    values = {name: getattr(current, name) for name in FIELDS}
    return {**values, "expected_version": current.version}


def _render_entry(request, case, access, versions: list[Risk], form=None) -> HttpResponse:
    current = versions[-1]
    space = workspace(case)
    context = {
        "case": case,
        "access": access,
        "risk": current,
        "versions": version_rows(versions),
        "space": space,
        "back": step_url(case, current.key),
    }
    if access.edit:
        context["form"] = form or RiskReassessForm(
            signals=space.signal_choices(), advice=space.advice_choices(), initial=_initial(current)
        )
    return render(request, "risks/entry.html", context)


@login_required
def risk_entry(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    """One risk with every version and what each reassessment changed; POST reassesses it."""
    if request.method == "POST":
        get_case(request.user, case_id, need="edit")  # 404 before anything is read
    case, access, versions = services.risk_read(actor=request.user, case_id=case_id, key=key)
    if not versions:
        raise Http404
    if request.method != "POST":
        return _render_entry(request, case, access, versions)
    return _reassess(request, case, access, versions)


def _reassess(request, case, access, versions: list[Risk]) -> HttpResponse:
    space = workspace(case)
    form = RiskReassessForm(
        request.POST, signals=space.signal_choices(), advice=space.advice_choices()
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.risk_reassess(
                actor=request.user,
                case_id=case.pk,
                key=versions[-1].key,
                data=risk_input(data),
                note=data.get("correction_note") or "",
                expected_version=data["expected_version"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(
                request,
                _("De herbeoordeling is vastgelegd als versie %(v)s; de vorige blijft bewaard.")
                % {"v": entry.version},
            )
            return redirect(step_url(case, entry.key))
    return _render_entry(request, case, access, versions, form=form)
