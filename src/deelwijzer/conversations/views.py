"""Step 3 pages. Thin: the services decide (asking the engine), the views show."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.attachments.views import panel
from deelwijzer.cases.access import CaseAccess, CaseRef, get_case
from deelwijzer.cases.models import Case
from deelwijzer.conversations import selectors, services
from deelwijzer.conversations.advice import advice_choices
from deelwijzer.conversations.forms import (
    ConversationForm,
    NotInvolvedForm,
    SkipForm,
    WithdrawStatementForm,
    WithoutConsentForm,
    initial_from,
)
from deelwijzer.conversations.models import (
    Conversation,
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
from deelwijzer.ui.entries import EntryKind, entry_page
from deelwijzer.ui.refusals import UNPROCESSABLE
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import add_input_errors, case_post, copy_errors, saved

TEMPLATE = "conversations/step3.html"


def _chosen_date(request: HttpRequest) -> date:
    """The date whose age rule the page states: the one being entered, else today."""
    return _held_on(request.POST or request.GET, timezone.localdate())


def _version(shown: selectors.Shown | None) -> int | None:
    return shown.current.version if shown else None


def _initial(shown: selectors.Shown | None, *names: str) -> dict:
    if shown is None:
        return {}
    return {name: getattr(shown.current, name) for name in names}


def _statement_forms(advice, statements) -> dict:
    skip, not_involved, without = statements
    return {
        "skip_form": SkipForm(
            advice=advice,
            version=_version(skip),
            initial=_initial(skip, "reason", "advice_key"),
        ),
        "not_involved_form": NotInvolvedForm(
            advice=advice,
            version=_version(not_involved),
            initial=_initial(not_involved, "ground", "reason", "advice_key"),
        ),
        "without_consent_form": WithoutConsentForm(
            version=_version(without), initial=_initial(without, "reason")
        ),
    }


# Each case-level statement's name on the page: its form, its withdraw form and its withdrawn
# ones are "<name>_form", "<name>_withdraw_form" and "<name>_withdrawn".
STATEMENT_NAMES = {
    ConversationSkipped: "skip",
    GuardiansNotInvolved: "not_involved",
    GuardiansWithoutConsent: "without_consent",
}


def _withdrawals(case, access, statements) -> dict:
    """Per kind of statement: the withdrawn ones (history), and the form that withdraws the
    one that stands (for who may edit)."""
    context: dict = {}
    for (model, name), shown in zip(STATEMENT_NAMES.items(), statements, strict=True):
        context[f"{name}_withdrawn"] = selectors.withdrawn_statements(model, case)
        if access.edit and shown is not None:
            context[f"{name}_withdraw_form"] = WithdrawStatementForm(key=shown.current.key)
    return context


def _context(request, case, access, *, bound: dict | None = None) -> dict:
    who = selectors.people(case)
    statements = (
        selectors.statement(ConversationSkipped, case),
        selectors.statement(GuardiansNotInvolved, case),
        selectors.statement(GuardiansWithoutConsent, case),
    )
    on = _chosen_date(request)
    rule = selectors.rule_for(case, on)
    shown = selectors.conversations(case, who)
    applies = selectors.exceptions_that_apply(case, rule, shown)
    context = {
        "youth": case.youth,
        "people": who,
        "rule": rule,
        "conversations": shown,
        "show_not_involved": "R3.2" in applies or statements[1] is not None,
        "show_without_consent": "R3.3" in applies or statements[2] is not None,
        "skipped": statements[0],
        "not_involved": statements[1],
        "without_consent": statements[2],
        "advice_choices": advice_choices(case),
        **_withdrawals(case, access, statements),
    }
    if access.edit:
        initial = {"held_on": on, "held_by": [request.user.public_id]}
        context["conversation_form"] = ConversationForm(
            initial=initial, case=case, team=who.team, guardians=who.guardians,
            override=statements[2],
        )  # fmt: skip
        context.update(_statement_forms(context["advice_choices"], statements))
    context.update(bound or {})
    return context


def _page(request, case_id: CaseRef, *, bound: dict | None = None) -> HttpResponse:
    # read after any write of the request: the kept case file can come with the case
    case, access = get_case(request.user, case_id, need="identity", kept=True)
    context = _context(request, case, access, bound=bound)
    return step_page(
        request,
        case=case,
        access=access,
        step=3,
        template=TEMPLATE,
        context=context,
        need="identity",
    )


@login_required
def step3(request: HttpRequest, case_id: UUID) -> HttpResponse:
    return _page(request, case_id)


def _saved(request, case_id: UUID, entry, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(step_url(case_id, 3, entry.key))


def _input_errors(case: Case, form, current: Conversation | None = None) -> dict:
    """The service's checks on what a refused conversation form could read (all errors at
    once: a refused field does not hide a missing participant or a date in the future)."""
    return services.conversation_input_errors(case, form.conversation_input())


@case_post
def conversation_new(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    who = selectors.people(case)
    override = selectors.statement(GuardiansWithoutConsent, case)
    form = ConversationForm(
        request.POST, case=case, team=who.team, guardians=who.guardians, override=override
    )
    recorded = saved(
        request,
        form,
        lambda: services.conversation_record(
            actor=request.user,
            case_id=case.pk,
            data=form.conversation_input(),
            safety_reason=form.cleaned_data.get("safety_reason") or "",
        ),
        _("Het gesprek is vastgelegd."),
        check=lambda: _input_errors(case, form),
    )
    if recorded:
        return redirect(step_url(case.public_id, 3, recorded.result.key))
    return _page(request, case.pk, bound={"conversation_form": form})


def _held_on(data, default: date) -> date:
    """The date whose age rule the page states: the one being entered, else ``default``."""
    try:
        return date.fromisoformat((data or {}).get("held_on") or "")
    except ValueError:
        return default


def _prepare(case) -> tuple[selectors.People, object]:
    return selectors.people(case), selectors.statement(GuardiansWithoutConsent, case)


def _correct_form(case, prepared, data, current: Conversation, **_kwargs) -> ConversationForm:
    who, override = prepared
    form = ConversationForm(
        data,
        initial=initial_from(current),
        case=case,
        team=who.team,
        guardians=who.guardians,
        override=override,
        version=current.version,
    )
    form.rule = selectors.rule_for(case, _held_on(data, current.held_on))
    return form


def _correct_context(case, access, versions: list, prepared) -> dict:
    who, _override = prepared
    selectors.name_people(versions, who)
    rule = selectors.rule_for(case, versions[-1].held_on)
    files = panel(case, access, "conversation", versions[-1].key)
    return {"rule": rule, "youth": case.youth, "people": who, **files}


def _correct_arguments(kind: EntryKind, form) -> dict:
    return {
        "data": form.conversation_input(),
        "correction": form.correction(),
        "safety_reason": form.cleaned_data.get("safety_reason") or "",
    }


# One conversation with its versions, in the step page frame; POST corrects it (R3.2, R3.3
# checked on the case file it would make). The names of people: identity access.
CONVERSATION = EntryKind(
    name="conversation",
    model=Conversation,
    title=_l("Gesprek"),
    step=3,
    template="conversations/correct.html",
    build_form=_correct_form,
    correct=services.conversation_correct,
    saved=_l("De correctie is vastgelegd."),
    prepare=_prepare,
    context=_correct_context,
    arguments=_correct_arguments,
    input_errors=_input_errors,
    need="identity",
    framed=True,
)
conversation_correct = entry_page(CONVERSATION)


# The parent exceptions' forms, with the flag that shows each on the page and why it may not
# be there: R3.2 is about a conversation before 16, R3.3 about one at 16 or over.
NOT_HERE = {
    "not_involved_form": (
        "show_not_involved",
        _l(
            "Deze verklaring (R3.2) hoort bij een gesprek met een jongere onder de 16. Bij deze "
            "casus is er geen gesprek of datum waarop ze van toepassing is; er is niets opgeslagen."
        ),
    ),
    "without_consent_form": (
        "show_without_consent",
        _l(
            "Deze verklaring (R3.3) hoort bij een gesprek met de ouders van een jongere van 16 of "
            "ouder. Bij deze casus is er geen gesprek of datum waarop ze van toepassing is; er is "
            "niets opgeslagen."
        ),
    ),
}


def _not_here(request, case, access, name: str) -> HttpResponse | None:
    """The page with the reason, 422, when the posted form is one the page does not offer."""
    flag, reason = NOT_HERE.get(name, (None, ""))
    if flag is None or _context(request, case, access)[flag]:
        return None
    messages.error(request, reason)
    response = _page(request, case.pk)
    response.status_code = UNPROCESSABLE
    return response


def _statement_view(
    request, case, access, *, name: str, make_form, save, text, check=None
) -> HttpResponse:
    """``check(form)``: the service's input checks on what a refused form could read."""
    if (answer := _not_here(request, case, access, name)) is not None:
        return answer
    form = make_form(case, request.POST)
    if not form.is_valid():
        if check is not None:
            add_input_errors(form, check(form))
    else:
        try:
            entry = save(request.user, case, form)
        except ValidationError as error:
            copy_errors(form, error)
        else:
            return _saved(request, case.public_id, entry, text)
    return _page(request, case.pk, bound={name: form})


@case_post
def skip(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    def make_form(case, data):
        version = _version(selectors.statement(ConversationSkipped, case))
        return SkipForm(data, advice=advice_choices(case), version=version)

    def save(actor, case, form):
        return services.skip_record(
            actor=actor,
            case_id=case.pk,
            reason=form.cleaned_data["reason"],
            advice_key=form.cleaned_data["advice_key"],
            correction=form.correction(),
        )

    text = _("Vastgelegd dat het gesprek wordt overgeslagen, met het advies waarop dat rust.")
    return _statement_view(
        request, case, access, name="skip_form", make_form=make_form, save=save, text=text
    )


@case_post
def guardians_not_involved(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    def make_form(case, data):
        version = _version(selectors.statement(GuardiansNotInvolved, case))
        return NotInvolvedForm(data, advice=advice_choices(case), version=version)

    def save(actor, case, form):
        return services.guardians_not_involved_record(
            actor=actor,
            case_id=case.pk,
            ground=form.cleaned_data["ground"],
            reason=form.cleaned_data["reason"],
            advice_key=form.cleaned_data["advice_key"],
            correction=form.correction(),
        )

    def check(form):
        return services.not_involved_input_errors(form.cleaned_data.get("ground") or "")

    text = _("Vastgelegd waarom de ouders met gezag niet worden betrokken.")
    return _statement_view(
        request,
        case,
        access,
        name="not_involved_form",
        make_form=make_form,
        save=save,
        text=text,
        check=check,
    )


@case_post
def guardians_without_consent(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    def make_form(case, data):
        version = _version(selectors.statement(GuardiansWithoutConsent, case))
        return WithoutConsentForm(data, version=version)

    def save(actor, case, form):
        return services.guardians_without_consent_record(
            actor=actor,
            case_id=case.pk,
            reason=form.cleaned_data["reason"],
            correction=form.correction(),
        )

    text = _("Vastgelegd waarom met de ouders werd gesproken zonder toestemming.")
    return _statement_view(
        request,
        case,
        access,
        name="without_consent_form",
        make_form=make_form,
        save=save,
        text=text,
    )


@case_post
def statement_withdraw(
    request: HttpRequest, case: Case, access: CaseAccess, key: str
) -> HttpResponse:
    """Withdraw a case-level statement that no longer holds (R3.2, R3.3, R3.4), with a reason;
    it stays in the history as withdrawn."""
    model = services.statement_model(key)
    if model is None:
        raise Http404
    form = WithdrawStatementForm(request.POST, key=key)
    if form.is_valid():
        try:
            services.statement_withdraw(
                actor=request.user, case_id=case.pk, key=key, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # not about the reason: the statement itself
                for message in error.messages:
                    messages.error(request, message)
                response = _page(request, case.pk)
                response.status_code = UNPROCESSABLE
                return response
            copy_errors(form, error)
        else:
            text = _(
                "De verklaring %(key)s is ingetrokken en telt niet meer mee. Ze blijft "
                "zichtbaar in de geschiedenis en het dossier."
            ) % {"key": key}
            messages.success(request, text)
            return redirect(step_url(case.public_id, 3, key))
    return _page(request, case.pk, bound={f"{STATEMENT_NAMES[model]}_withdraw_form": form})
