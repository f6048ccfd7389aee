"""Step 1 pages. Thin: the access policy first, then a service; refusals shown on the form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.signalling import notes, selectors, services
from deelwijzer.signalling.forms import DiagnosisForm, OpinionForm, SignalForm
from deelwijzer.signalling.language import hints_for
from deelwijzer.signalling.models import Signal, SignalKind
from deelwijzer.ui.refusals import mark_refused
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import case_post, run_reported, saved, step_view

TEMPLATE = "signalling/step1.html"


def check_attrs(case: Case, target: str) -> dict:
    """The HTMX attributes that send a signal text to the language checker as it is typed."""
    return {
        "hx-post": reverse("step1_check_text", kwargs={"case_id": case.public_id}),
        "hx-trigger": "keyup changed delay:500ms",
        "hx-target": f"#{target}",
        "hx-swap": "innerHTML",
    }


def signal_form(case: Case, data=None, *, tags: list[str] | None = None, **kwargs) -> SignalForm:
    return SignalForm(
        data,
        prefix="signal",
        tags=selectors.active_tags(case) if tags is None else tags,
        text_attrs=check_attrs(case, "taalhulp-nieuw"),
        **kwargs,
    )


def render_step1(request: HttpRequest, case: Case, access: CaseAccess, **forms) -> HttpResponse:
    entries = selectors.page_entries(case)
    context: dict = {**entries}
    if access.edit:
        choices = selectors.signal_choices(entries["all_signals"])
        context.update(
            signal_form=forms.get("signal_form") or signal_form(case),
            opinion_form=forms.get("opinion_form")
            or OpinionForm(prefix="opinion", signals=choices),
            diagnosis_form=forms.get("diagnosis_form") or DiagnosisForm(prefix="diagnosis"),
        )
    return step_page(request, case=case, access=access, step=1, template=TEMPLATE, context=context)


step1 = step_view(render_step1)


def _added(request: HttpRequest, case: Case, form, add, check, message):
    """Run ``add`` for the posted form (``saved``); a refused form also gets the service's
    ``check`` on what it could read, so every error shows at once. The redirect to the new
    entry, or None to show the form again."""
    added = saved(request, form, add, message, check=check)
    return redirect(step_url(case.public_id, 1, added.result.key)) if added else None


def signal_checks(case: Case, form, current: Signal | None = None) -> dict:
    """The service's checks on what a refused signal form could read."""
    keep = current.tags if current else None
    return services.signal_input_errors(case, signal_input(form.cleaned_data), keep)


def opinion_checks(case: Case, form, current=None) -> dict:
    """The service's checks on what a refused opinion form could read."""
    return services.opinion_input_errors(case, opinion_input(form.cleaned_data))


def diagnosis_checks(case: Case, form, current=None) -> dict:
    """The service's checks on what a refused diagnosis form could read."""
    return services.diagnosis_input_errors(diagnosis_input(form.cleaned_data))


@case_post
def signal_add(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    form = signal_form(case, request.POST)
    added = _added(
        request,
        case,
        form,
        lambda: services.signal_add(
            actor=request.user, case_id=case.pk, data=signal_input(form.cleaned_data)
        ),
        lambda: signal_checks(case, form),
        lambda signal: (
            _("Het contrasignaal is vastgelegd.")
            if signal.kind == SignalKind.CONTRA_SIGNAL
            else _("Het signaal is vastgelegd.")
        ),
    )
    return added or render_step1(request, case, access, signal_form=form)


@case_post
def opinion_add(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    choices = selectors.signal_choices(selectors.rows(Signal, case))
    form = OpinionForm(request.POST, prefix="opinion", signals=choices)
    added = _added(
        request,
        case,
        form,
        lambda: services.opinion_add(
            actor=request.user, case_id=case.pk, data=opinion_input(form.cleaned_data)
        ),
        lambda: opinion_checks(case, form),
        _("De mening is vastgelegd, als mening."),
    )
    return added or render_step1(request, case, access, opinion_form=form)


@case_post
def diagnosis_add(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    form = DiagnosisForm(request.POST, prefix="diagnosis")
    added = _added(
        request,
        case,
        form,
        lambda: services.diagnosis_add(
            actor=request.user, case_id=case.pk, data=diagnosis_input(form.cleaned_data)
        ),
        lambda: diagnosis_checks(case, form),
        _("De diagnose is vastgelegd."),
    )
    return added or render_step1(request, case, access, diagnosis_form=form)


@case_post
def no_contra_signals(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    choice = request.POST.get("statement")
    if choice not in {"make", "withdraw"}:
        messages.error(request, _("Kies of je de verklaring aflegt of intrekt."))
        mark_refused(request)
        return redirect(step_url(case.public_id, 1, "geen-contrasignalen"))
    run_reported(
        request,
        lambda: notes.no_contra_signals_set(
            actor=request.user, case_id=case.pk, known=choice == "withdraw"
        ),
        _("Je verklaring is vastgelegd.")
        if choice == "make"
        else _("Je verklaring is ingetrokken; ze blijft zichtbaar in het dossier."),
    )
    return redirect(step_url(case.public_id, 1, "geen-contrasignalen"))


@case_post
def check_text(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    """HTMX: the language checker's findings on the text being typed (advice, never blocks)."""
    text = posted_text(request)
    return render(request, "signalling/_text_hints.html", {"hints": hints_for(text)})


def posted_text(request: HttpRequest) -> str:
    """The signal text of the form that sent the request (``text`` or ``<prefix>-text``)."""
    for name in request.POST:
        if name == "text" or name.endswith("-text"):
            return request.POST[name]
    return ""


def signal_input(data: dict) -> services.SignalInput:
    return services.SignalInput(
        kind=data.get("kind") or "",
        observed_on=data.get("observed_on"),
        text=data.get("text") or "",
        source_kind=data.get("source_kind") or "",
        source_name=data.get("source_name") or "",
        source_role=data.get("source_role") or "",
        tags=list(data.get("tags") or []),
    )


def opinion_input(data: dict) -> services.OpinionInput:
    return services.OpinionInput(text=data.get("text") or "", about=list(data.get("about") or []))


def diagnosis_input(data: dict) -> services.DiagnosisInput:
    return services.DiagnosisInput(
        text=data.get("text") or "",
        established_by_name=data.get("established_by_name") or "",
        established_by_role=data.get("established_by_role") or "",
        relevance=data.get("relevance") or "",
    )
