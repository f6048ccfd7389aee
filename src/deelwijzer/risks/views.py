"""Step 4 pages. Thin: the access policy first, then a service; refusals shown on the form."""

from __future__ import annotations

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.risks import services
from deelwijzer.risks.forms import RiskForm, RiskReassessForm
from deelwijzer.risks.history import risk_rows, version_rows
from deelwijzer.risks.models import CONTENT_FIELDS, Risk
from deelwijzer.risks.selectors import Workspace, workspace
from deelwijzer.ui.entries import EntryKind
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import case_post, saved, step_view


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


step4 = step_view(render_step4)


def _input_errors(case: Case, form: Form, current: Risk | None = None) -> dict:
    """The service's checks on what a refused form could read (all errors at once)."""
    return services.risk_input_errors(case, services.risk_input(form.cleaned_data))


@case_post
def risk_add(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    form = risk_form(workspace(case), request.POST, prefix="risk")
    added = saved(
        request,
        form,
        lambda: services.risk_add(
            actor=request.user, case_id=case.pk, data=services.risk_input(form.cleaned_data)
        ),
        lambda entry: _("Het risico is vastgelegd als %(key)s.") % {"key": entry.key},
        check=lambda: _input_errors(case, form),
    )
    if added:
        return redirect(step_url(case.public_id, 4, added.result.key))
    return render_step4(request, case, access, form=form)


def _reassess_form(case: Case, space: Workspace, data, current: Risk, **kwargs) -> RiskReassessForm:
    return RiskReassessForm(
        data, signals=space.signal_choices(), advice=space.advice_choices(), **kwargs
    )


def _entry_context(case: Case, access: CaseAccess, versions: list, space: Workspace) -> dict:
    return {"risk": versions[-1], "versions": version_rows(versions), "space": space}


# One risk with every version and what each reassessment changed; POST reassesses it.
RISK = EntryKind(
    name="risk",
    model=Risk,
    title=gettext_lazy("Risico"),
    step=4,
    template="risks/entry.html",
    build_form=_reassess_form,
    correct=services.risk_reassess,
    to_input=services.risk_input,
    fields=CONTENT_FIELDS,
    saved=gettext_lazy(
        "De herbeoordeling is vastgelegd als versie %(v)s; de vorige blijft bewaard."
    ),
    prepare=workspace,
    context=_entry_context,
    input_errors=_input_errors,
    segment="risicos",
    add=risk_add,
)
