"""One entry's page (the versioned-entry kit of ui/entries.py): the entry with all its
versions, its correction form, and for an opinion its follow-up notes and the form that adds
one or closes it (R1.2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.attachments.views import panel
from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.signalling import notes, selectors, services
from deelwijzer.signalling.forms import (
    DiagnosisCorrectForm,
    FollowUpForm,
    OpinionCorrectForm,
    SignalCorrectForm,
)
from deelwijzer.signalling.language import hints_for
from deelwijzer.signalling.models import Diagnosis, Opinion, Signal
from deelwijzer.signalling.views import (
    check_attrs,
    diagnosis_add,
    diagnosis_checks,
    diagnosis_input,
    opinion_add,
    opinion_checks,
    opinion_input,
    signal_add,
    signal_checks,
    signal_input,
)
from deelwijzer.ui.entries import EntryKind, read_versions, render_entry
from deelwijzer.ui.stepview import step_url
from deelwijzer.ui.views import case_post, copy_errors

TEMPLATE = "signalling/entry.html"


def _signal_form(case: Case, _prepared, data, current: Signal, **kwargs) -> Form:
    tags = sorted(set(selectors.active_tags(case)) | set(current.tags or []))
    return SignalCorrectForm(
        data, tags=tags, text_attrs=check_attrs(case, f"taalhulp-{current.key}"), **kwargs
    )


def _opinion_form(case: Case, _prepared, data, current: Opinion, **kwargs) -> Form:
    choices = selectors.signal_choices(selectors.rows(Signal, case))
    return OpinionCorrectForm(data, signals=choices, **kwargs)


def _diagnosis_form(case: Case, _prepared, data, current: Diagnosis, **kwargs) -> Form:
    return DiagnosisCorrectForm(data, **kwargs)


def _follow_up_form(current: Opinion, data=None) -> FollowUpForm:
    return FollowUpForm(
        data,
        initial={"status": current.status, "expected_version": current.version},
        auto_id="id_followup_%s",  # unique ids beside the correction form on the same page
    )


def _signal_context(case: Case, access: CaseAccess, versions: list, _prepared) -> dict:
    return {
        "hints": hints_for(versions[-1].text),
        **panel(case, access, "signal", versions[-1].key),
    }


def _opinion_context(case: Case, access: CaseAccess, versions: list, _prepared) -> dict:
    current = versions[-1]
    context: dict = {"follow_ups": selectors.follow_ups(case, current.key)}
    if access.edit:
        context["follow_up_form"] = _follow_up_form(current)
    return context


@case_post
def opinion_follow_up(
    request: HttpRequest, case: Case, access: CaseAccess, key: str
) -> HttpResponse:
    case, access, versions = read_versions(request, OPINION, case.pk, key)
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
            return redirect(step_url(case.public_id, 1, key))
    return render_entry(request, OPINION, case, access, versions, follow_up_form=form)


# Keyword arguments, a few to a line: the three kinds are data, read side by side. Their
# fields: the content declared on each model; their routes (signalling.urls): from here.
SIGNAL = EntryKind(
    name="signal", model=Signal, title=gettext_lazy("Signaal"), step=1, template=TEMPLATE,
    build_form=_signal_form, correct=services.signal_correct, to_input=signal_input,
    fields=Signal.content_fields(), context=_signal_context, input_errors=signal_checks,
    segment="signalen", add=signal_add,
)  # fmt: skip
OPINION = EntryKind(
    name="opinion", model=Opinion, title=gettext_lazy("Mening"), step=1, template=TEMPLATE,
    build_form=_opinion_form, correct=services.opinion_correct, to_input=opinion_input,
    fields=Opinion.content_fields(), context=_opinion_context, input_errors=opinion_checks,
    segment="meningen", add=opinion_add, follow_up=opinion_follow_up,
)  # fmt: skip
DIAGNOSIS = EntryKind(
    name="diagnosis", model=Diagnosis, title=gettext_lazy("Diagnose"), step=1, template=TEMPLATE,
    build_form=_diagnosis_form, correct=services.diagnosis_correct, to_input=diagnosis_input,
    fields=Diagnosis.content_fields(), input_errors=diagnosis_checks,
    segment="diagnoses", add=diagnosis_add,
)  # fmt: skip
KINDS = (SIGNAL, OPINION, DIAGNOSIS)
