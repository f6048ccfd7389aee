"""Step 2 pages for the team: the step page, composing, the side-by-side preview, answers."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deelwijzer.advice import selectors, services
from deelwijzer.advice.answers import input_errors
from deelwijzer.advice.forms import ComposeForm, RecordAnswerForm, SendForm, answer_initial
from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.advice.texts import identity_casefile, organisation_names, propose
from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.entries import Correction
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import case_view, case_view_record
from deelwijzer.procedure.deidentify import DeduceNotBuiltError
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import case_post, copy_errors, saved, step_view


def render_step2(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    return step_page(
        request,
        case=case,
        access=access,
        step=2,
        template="advice/step2.html",
        context={"requests": selectors.request_rows(case)},
    )


step2 = step_view(render_step2)


def _colleagues(case, user):
    return list(case.team.exclude(user=user).select_related("user"))


@login_required
def compose(request: HttpRequest, case_id: UUID) -> HttpResponse:
    case, _access = case_view(actor=request.user, case_id=case_id, need="edit")
    form = ComposeForm(
        request.POST or None,
        signals=selectors.current_signals(case),
        colleagues=_colleagues(case, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.advice_compose(
                actor=request.user, case_id=case.pk, data=form.compose_input()
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            return redirect("advice_preview", case_id=case.public_id, key=draft.key)
    return render(request, "advice/compose.html", {"case": case, "form": form})


def _preview_context(case, draft: AdviceRequest, form: SendForm) -> dict:
    context = {"case": case, "draft": draft, "form": form, "proposal": None, "error": ""}
    if draft.outside_team:
        try:
            context["proposal"] = propose(
                draft.original_text, identity_casefile(case), organisation_names(case)
            )
        except DeduceNotBuiltError as error:
            context["error"] = str(error)
    return context


def _already_sent(request: HttpRequest, case: Case, key: str) -> HttpResponse:
    """The review page of a request that has been sent meanwhile (Back after Versturen, a
    second tab): to the request itself, with a word, instead of "not found"."""
    messages.info(
        request,
        _("Adviesvraag %(key)s is al verstuurd; hier zie je hem. Er is niets opnieuw verstuurd.")
        % {"key": key},
    )
    return redirect(step_url(case.public_id, 2, key))


@login_required
def preview(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    """The draft beside its pseudonymised proposal, with the review list, ready to send."""
    case, _access = case_view(actor=request.user, case_id=case_id, need="edit")
    if selectors.sent_request(case, key):
        return _already_sent(request, case, key)
    draft = selectors.current_request(case, key, RequestStatus.DRAFT)
    form = SendForm(initial={"request_text": draft.request_text, "version": draft.version})
    return render(request, "advice/preview.html", _preview_context(case, draft, form))


@case_post
def send(request: HttpRequest, case: Case, access: CaseAccess, key: str) -> HttpResponse:
    case_view_record(actor=request.user, case=case, access=access, need="edit")
    if selectors.sent_request(case, key):
        return _already_sent(request, case, key)
    draft = selectors.current_request(case, key, RequestStatus.DRAFT)
    form = SendForm(request.POST)
    if saved(
        request,
        form,
        lambda: services.advice_send(
            actor=request.user,
            case_id=case.pk,
            key=key,
            text=form.cleaned_data["request_text"],
            expected_version=form.cleaned_data["version"],
        ),
        _("De adviesvraag is verstuurd."),
    ):
        return redirect(step_url(case.public_id, 2, key))
    return render(request, "advice/preview.html", _preview_context(case, draft, form), status=200)


@login_required
def record_answer(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    """The professional records the answer of a colleague or an external adviser."""
    case, _access = case_view(actor=request.user, case_id=case_id, need="edit")
    advice = selectors.current_request(case, key, RequestStatus.SENT, RequestStatus.ANSWERED)
    if advice.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        messages.info(request, _("De aandachtsfunctionaris beantwoordt deze vraag zelf."))
        return redirect(step_url(case.public_id, 2, key))
    form = RecordAnswerForm(
        request.POST or None,
        initial=answer_initial(advice),
        correcting=advice.status == RequestStatus.ANSWERED,
    )
    if saved(
        request,
        form,
        lambda: services.advice_record_answer(
            actor=request.user,
            case_id=case.pk,
            key=key,
            answer=form.answer_input(),
            correction=Correction(
                form.cleaned_data.get("correction_note", ""), form.cleaned_data["version"]
            ),
        ),
        _("Het advies is vastgelegd."),
        check=lambda: input_errors(form.answer_input().cleaned(), advice.review_date),
    ):
        return redirect(step_url(case.public_id, 2, key))
    context = {"case": case, "advice": advice, "form": form}
    return render(request, "advice/record_answer.html", context)
