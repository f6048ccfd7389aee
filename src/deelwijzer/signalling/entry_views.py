"""One entry's page: the entry with all its versions (who, when, why), its correction form,
and for an opinion its follow-up notes and the form that adds one or closes it (R1.2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.cases.access import get_case
from deelwijzer.cases.models import Case
from deelwijzer.signalling import dossier, notes, services
from deelwijzer.signalling.forms import (
    DiagnosisCorrectForm,
    FollowUpForm,
    OpinionCorrectForm,
    SignalCorrectForm,
)
from deelwijzer.signalling.language import hints_for
from deelwijzer.signalling.models import Diagnosis, FollowUp, Opinion, Signal
from deelwijzer.signalling.views import (
    check_attrs,
    diagnosis_input,
    opinion_input,
    signal_input,
    step_url,
)
from deelwijzer.ui.views import copy_errors


@dataclass(frozen=True)
class EntryKind:
    model: type
    title: object
    build_form: Callable[..., Form]
    correct: Callable
    to_input: Callable
    fields: tuple[str, ...]


def _signal_form(case: Case, data, current: Signal, **kwargs) -> Form:
    tags = sorted(set(dossier.active_tags(case)) | set(current.tags or []))
    return SignalCorrectForm(
        data, tags=tags, text_attrs=check_attrs(case, f"taalhulp-{current.key}"), **kwargs
    )


def _opinion_form(case: Case, data, current: Opinion, **kwargs) -> Form:
    choices = dossier.signal_choices(dossier.rows(Signal, case))
    return OpinionCorrectForm(data, signals=choices, **kwargs)


def _diagnosis_form(case: Case, data, current: Diagnosis, **kwargs) -> Form:
    return DiagnosisCorrectForm(data, **kwargs)


KINDS = {
    "signal": EntryKind(
        Signal,
        gettext_lazy("Signaal"),
        _signal_form,
        services.signal_correct,
        signal_input,
        ("kind", "observed_on", "text", "source_kind", "source_name", "source_role", "tags"),
    ),
    "opinion": EntryKind(
        Opinion,
        gettext_lazy("Mening"),
        _opinion_form,
        services.opinion_correct,
        opinion_input,
        ("text", "about"),
    ),
    "diagnosis": EntryKind(
        Diagnosis,
        gettext_lazy("Diagnose"),
        _diagnosis_form,
        services.diagnosis_correct,
        diagnosis_input,
        ("text", "established_by_name", "established_by_role", "relevance"),
    ),
}


def _initial(kind: EntryKind, current) -> dict:
    values = {name: getattr(current, name) for name in kind.fields}
    return {**values, "expected_version": current.version}


def _follow_up_form(current: Opinion, data=None) -> FollowUpForm:
    return FollowUpForm(
        data,
        initial={"status": current.status, "expected_version": current.version},
        auto_id="id_followup_%s",  # unique ids beside the correction form on the same page
    )


def _render(request, kind_name: str, case, access, versions, form=None, follow_up_form=None):
    kind = KINDS[kind_name]
    current = versions[-1]
    context = {
        "case": case,
        "access": access,
        "kind": kind_name,
        "title": kind.title,
        "entry": current,
        "earlier": versions[-2::-1],
        "hints": hints_for(current.text) if kind_name == "signal" else None,
        "back": step_url(case, current.key),
    }
    if kind_name == "opinion":
        context["follow_ups"] = list(
            FollowUp.objects.filter(case=case, opinion_key=current.key)
            .select_related("recorded_by")
            .order_by("date", "id")
        )
    if access.edit:
        context["form"] = form or kind.build_form(
            case, None, current, initial=_initial(kind, current)
        )
        if kind_name == "opinion":
            context["follow_up_form"] = follow_up_form or _follow_up_form(current)
    return render(request, "signalling/entry.html", context)


def _read(request: HttpRequest, case_id: int, kind_name: str, key: str):
    case, access, versions = services.entry_read(
        actor=request.user, case_id=case_id, model=KINDS[kind_name].model, key=key
    )
    if not versions:
        raise Http404
    return case, access, versions


def entry_page(kind_name: str):
    @login_required
    def view(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
        if request.method == "POST":
            get_case(request.user, case_id, need="edit")  # 404 before anything is read
        case, access, versions = _read(request, case_id, kind_name, key)
        if request.method != "POST":
            return _render(request, kind_name, case, access, versions)
        return _correct(request, kind_name, case, access, versions)

    view.__name__ = f"{kind_name}_entry"
    return view


def _correct(request, kind_name: str, case, access, versions) -> HttpResponse:
    kind = KINDS[kind_name]
    form = kind.build_form(case, request.POST, versions[-1])
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = kind.correct(
                actor=request.user,
                case_id=case.pk,
                key=versions[-1].key,
                data=kind.to_input(data),
                note=data.get("correction_note") or "",
                expected_version=data["expected_version"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(
                request,
                _("De correctie is vastgelegd als versie %(v)s; de vorige versie blijft bewaard.")
                % {"v": entry.version},
            )
            return redirect(step_url(case, entry.key))
    return _render(request, kind_name, case, access, versions, form=form)


signal_entry = entry_page("signal")
opinion_entry = entry_page("opinion")
diagnosis_entry = entry_page("diagnosis")


@login_required
def opinion_follow_up(request: HttpRequest, case_id: int, key: str) -> HttpResponse:
    get_case(request.user, case_id, need="edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case, access, versions = _read(request, case_id, "opinion", key)
    form = _follow_up_form(versions[-1], request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            notes.opinion_follow_up(
                actor=request.user,
                case_id=case.pk,
                key=key,
                status=data.get("status") or "",
                on=data.get("date"),
                text=data.get("text") or "",
                expected_version=data["expected_version"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("De vervolgaantekening is vastgelegd."))
            return redirect(step_url(case, key))
    return _render(request, "opinion", case, access, versions, follow_up_form=form)
