"""Step 5 pages. Thin: the access policy first, then a service or the engine's verdict."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.decisions import services, transitions
from deelwijzer.decisions.forms import DecisionForm, ReturnForm, SignOffForm
from deelwijzer.decisions.models import Consent, DecisionStatus, SharingDecision
from deelwijzer.decisions.selectors import DecisionPage, decision_page
from deelwijzer.decisions.verdict import DecisionInput, Verdict, would_be
from deelwijzer.inputs import posted_texts
from deelwijzer.interchange.casefile import case_casefile
from deelwijzer.redirects import safe_next
from deelwijzer.ui.refusals import mark_refused
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import add_input_errors, case_post, run_reported, saved, step_view


def _initial(case: Case, current: SharingDecision | None) -> dict:
    if current is None:
        return {"consent": services.consent_from_conversations(case), "expected_version": 0}
    data = services.decision_input(current)
    return {
        "share": "yes" if data.share else "no",
        "consent": data.consent,
        "serious_concrete_risks": data.serious_concrete_risks,
        "only_way": data.only_way,
        "only_way_reason": data.only_way_reason,
        "reasoning": data.reasoning,
        "consent_on": data.consent_on,
        "consent_how": data.consent_how,
        "consent_note": data.consent_note,
        "expected_version": current.version,
    }


def _date_or_none(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def form_input(form: DecisionForm) -> DecisionInput:
    """The form's values (cleaned when valid, else as posted or initial) as input."""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
    elif form.is_bound:
        data = {name: form[name].data for name in form.fields}
        data["share"] = {"yes": True, "no": False}.get(data.get("share") or "")
    else:
        data = dict(form.initial)
        data["share"] = {"yes": True, "no": False}.get(data.get("share") or "")
    return DecisionInput(
        share=data.get("share"),
        consent=data.get("consent") or "",
        serious_concrete_risks=list(data.get("serious_concrete_risks") or []),
        only_way=bool(data.get("only_way")),
        only_way_reason=data.get("only_way_reason") or "",
        reasoning=data.get("reasoning") or "",
        consent_on=_date_or_none(data.get("consent_on") or None),
        consent_how=data.get("consent_how") or "",
        consent_note=data.get("consent_note") or "",
    )


def decision_form(page: DecisionPage, data=None, **kwargs) -> DecisionForm:
    return DecisionForm(data, risks=page.risk_choices(), **kwargs)


def check_problems(case: Case, form: DecisionForm, *, shown_on_form: bool) -> list[dict]:
    """What a save of the posted form would be refused for, before the question whether
    sharing is lawful (the verdict's findings answer that): the form's own errors (a date or
    a choice it cannot read, a text too long) and, for the fields it could read, the
    service's (decision_input_errors: a date in the future, a record of consent half filled
    in). The same words as the save's, each with the field it is about, so that the check
    names what stands in the way instead of failing without a reason. ``shown_on_form``:
    leave out the errors the page already shows on the form. The hidden version is no
    concern of a check."""
    if not form.is_bound:
        return []
    form_errors = {name: list(errors) for name, errors in form.errors.items()}
    service_errors = services.decision_input_errors(case, form_input(form))
    problems = []
    for name in form.fields:
        if name == "expected_version" or (shown_on_form and name in form_errors):
            continue
        field = form[name]
        where = field.id_for_label or field.auto_id
        for message in form_errors.get(name) or service_errors.get(name) or []:
            problems.append({"label": field.label, "id": where, "message": message})
    return problems


def render_step5(
    request: HttpRequest,
    case: Case,
    access: CaseAccess,
    *,
    form: DecisionForm | None = None,
    return_form: ReturnForm | None = None,
    sign_off_form: SignOffForm | None = None,
    verdict: Verdict | None = None,
) -> HttpResponse:
    page = decision_page(case)
    current = page.open
    context: dict = {
        "page": page,
        "current": current,
        "signed_off": page.signed_off,
        "step3_consent": Consent(services.consent_from_conversations(case)).label,
    }
    if access.edit and transitions.allowed(current, DecisionStatus.DRAFT):
        form = form or decision_form(page, initial=_initial(case, current))
        context["form"] = form
        if form.is_bound or current is not None:  # an empty form gets no verdict yet
            context["verdict"] = verdict or would_be(
                case, form_input(form), casefile=case_casefile(case)
            )
            context["problems"] = check_problems(case, form, shown_on_form=True)
            context["form_refused"] = form.is_bound and bool(form.errors)
    elif form is not None and form.is_bound:
        # Sent from a page that was behind (another tab, a colleague): the decision moved on
        # and has no form to refuse it in. Say so, and give back what was typed.
        context["unsaved"] = posted_texts(form.data, form)
        context["unsaved_errors"] = [e for errors in form.errors.values() for e in errors]
        mark_refused(request, conflict=True)
    if (
        access.decide
        and current is not None
        and transitions.allowed(current, DecisionStatus.SIGNED_OFF)
    ):
        version = {"expected_version": current.version}
        context["sign_off_form"] = sign_off_form or SignOffForm(initial=version)
        context["return_form"] = return_form or ReturnForm(initial=version)
        context["verdict"] = would_be(
            case, services.decision_input(current), casefile=case_casefile(case)
        )
    return step_page(
        request, case=case, access=access, step=5, template="decisions/step5.html", context=context
    )


step5 = step_view(render_step5)


@case_post
def decision_save(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    """Save as draft, submit, or (without JavaScript) only check the verdict."""
    form = decision_form(decision_page(case), request.POST)
    action = request.POST.get("action", "")
    if action not in {"draft", "submit"}:
        return render_step5(request, case, access, form=form)
    if not form.is_valid():  # with the service's refusals of what it could read (the walk)
        add_input_errors(form, services.decision_input_errors(case, form_input(form)))
        return render_step5(request, case, access, form=form)
    if not saved(
        request,
        form,
        lambda: services.decision_save(
            actor=request.user,
            case_id=case.pk,
            data=form_input(form),
            submit=action == "submit",
            expected_version=form.cleaned_data.get("expected_version") or 0,
        ),
        _decision_saved,
    ):
        return render_step5(request, case, access, form=form)
    return redirect(step_url(case.public_id, 5))


def _decision_saved(entry: SharingDecision) -> str:
    if entry.status == DecisionStatus.SUBMITTED:
        return _("Het besluit is ingediend bij de beslisser (R5.3).")
    return _("Het concept is opgeslagen.")


@case_post
def decision_check(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    """HTMX: the engine's verdict on the form as it is filled in (never saves)."""
    form = decision_form(decision_page(case), request.POST)
    verdict = would_be(case, form_input(form), casefile=case_casefile(case))
    detail = {"allowed": verdict.allowed, "ground": verdict.ground}
    audit_case(request.user, case, "decision.check", role=access.role, detail=detail)
    problems = check_problems(case, form, shown_on_form=False)
    return render(
        request,
        "decisions/_verdict.html",
        {"verdict": verdict, "form": form, "problems": problems},
    )


def _offers_decider_forms(case: Case, access: CaseAccess) -> bool:
    """Does step 5 show this user the forms to sign off or send back (render_step5)?"""
    return access.decide and transitions.allowed(
        services.open_decision(case), DecisionStatus.SIGNED_OFF
    )


def _decider_move(
    request: HttpRequest,
    case: Case,
    access: CaseAccess,
    form: SignOffForm | ReturnForm,
    call: Callable[[dict], object],
    success: str,
) -> HttpResponse:
    """The decision maker's move (sign off, send back) through ``call(cleaned_data)``.
    Refused input stays in its form on the page, with what is wrong: 422, or 409 when someone
    else changed the decision meanwhile (changed_meanwhile). Only when the page no longer
    offers the form (no submitted decision, not the decision maker) does the service refuse
    alone: 403, or its reason as a message on step 5."""

    def again() -> HttpResponse:
        """The page again, with what was typed or ticked for the other button (one form)."""
        posted = {
            "remark": request.POST.get("remark", ""),
            "confirm": "confirm" in request.POST,
            "expected_version": request.POST.get("expected_version"),
        }
        if isinstance(form, SignOffForm):
            return render_step5(
                request, case, access, sign_off_form=form, return_form=ReturnForm(initial=posted)
            )
        return render_step5(
            request, case, access, sign_off_form=SignOffForm(initial=posted), return_form=form
        )

    if _offers_decider_forms(case, access):
        if saved(request, form, lambda: call(form.cleaned_data), success):
            return redirect(step_url(case.public_id, 5))
        return again()
    data = form.cleaned_data if form.is_valid() else {}  # not offered: the service refuses
    run_reported(request, lambda: call(data), success)
    return redirect(step_url(case.public_id, 5))


@case_post(need="view")
def decision_sign_off(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    return _decider_move(
        request,
        case,
        access,
        SignOffForm(request.POST),
        lambda data: services.decision_sign_off(
            actor=request.user, case_id=case.pk, expected_version=data.get("expected_version") or 0
        ),
        _("Je hebt het besluit afgetekend (R5.3)."),
    )


@case_post(need="view")
def decision_return(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    return _decider_move(
        request,
        case,
        access,
        ReturnForm(request.POST),
        lambda data: services.decision_return(
            actor=request.user,
            case_id=case.pk,
            remark=data.get("remark") or "",
            expected_version=data.get("expected_version") or 0,
        ),
        _("Het besluit is teruggestuurd naar de beroepskracht."),
    )


@case_post
def decision_involve(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    changed = services.case_involve_decision_maker(actor=request.user, case_id=case.pk)
    if changed:
        messages.success(
            request,
            _("De beslisser is betrokken en kan de casus vanaf nu volgen (R5.3)."),
        )
    else:
        messages.info(request, _("De beslisser was al betrokken."))
    return redirect(safe_next(request, step_url(case.public_id, 5)))


@login_required
def decision_queue(request: HttpRequest) -> HttpResponse:
    """The decision maker's queue: submitted decisions of their organisation(s)."""
    rows = services.decision_queue(actor=request.user)
    return render(request, "decisions/queue.html", {"rows": rows})
