"""The view plumbing every step page shares: one way to refuse a method, one way to show a
service's refusal on a form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseAccess, get_case, organisation_for
from deelwijzer.cases.models import Case
from deelwijzer.ids import key_for
from deelwijzer.organisations.models import Role
from deelwijzer.organisations.services import OrgList
from deelwijzer.ui.refusals import STALE_VERSION, mark_refused


def not_allowed() -> HttpResponse:
    """The one 405 of the app's pages: an empty body and ``Allow: POST``."""
    return HttpResponseNotAllowed(["POST"])


def post_only(
    request: HttpRequest, case_id: UUID, *, need: str = "edit"
) -> tuple[Case, CaseAccess, HttpResponse | None]:
    """Access first (404 for who may not ``need`` the case), then the method: the third value
    is the 405 to return for anything but a POST, else None."""
    case, access = get_case(request.user, case_id, need=need)
    return case, access, None if request.method == "POST" else not_allowed()


CaseView = Callable[..., HttpResponse]


def case_post(view: CaseView | None = None, *, need: str = "edit") -> Any:
    """A view that only takes a POST to a case: signed in, then ``post_only`` (404 for who
    may not ``need`` the case, then 405 for anything but a POST). The view is called with the
    case and the access in place of the URL's ``case_id``:
    ``view(request, case, access, **other_url_arguments)``. Use as ``@case_post`` or
    ``@case_post(need="view")``."""

    def decorate(view: CaseView) -> CaseView:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, case_id: UUID, *args: Any, **kwargs: Any) -> HttpResponse:
            case, access, refused = post_only(request, case_id, need=need)
            if refused:
                return refused
            return view(request, case, access, *args, **kwargs)

        return wrapper

    return decorate if view is None else decorate(view)


def step_view(render_step: Callable[[HttpRequest, Case, CaseAccess], HttpResponse]) -> CaseView:
    """The GET view of a step page: signed in, the case seen (404 for who may not), the page
    as ``render_step(request, case, access)`` draws it. The page only reads, so the kept case
    file and evaluation come with the case (one query less)."""

    @login_required
    def view(request: HttpRequest, case_id: UUID) -> HttpResponse:
        case, access = get_case(request.user, case_id, need="view", kept=True)
        return render_step(request, case, access)

    view.__name__ = render_step.__name__.removeprefix("render_")
    return view


def copy_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, field by field where it can. The errors keep
    their codes: a ``stale_version`` makes the page a 409 (ui/refusals.py)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for each in errors:
                form.add_error(target, each)
    else:
        for each in error.error_list:
            form.add_error(None, each)


ON_TOP_OF = _l(
    "Versie %(v)s, van %(who)s, staat nu op deze pagina. Wat jij invulde, staat nog in het "
    "formulier. Sla je opnieuw op, dan wordt jouw tekst de nieuwe versie: neem eerst over wat "
    "je uit versie %(v)s wilt houden."
)


def on_top_of(form: BaseForm, current) -> None:
    """After "Iemand anders heeft dit intussen gewijzigd": the form keeps what was typed and
    now stands on the version that is there (the page shows it, with who made it). Saving again
    is then a choice made knowingly; before, the form kept the old version and was refused
    the same way at every try, a dead end (the team walk)."""
    refused = form.errors.as_data().get(NON_FIELD_ERRORS, [])
    if not any(error.code == STALE_VERSION for error in refused):
        return
    data = cast(QueryDict, form.data).copy()
    data[form.add_prefix("expected_version")] = str(current.version)
    form.data = data
    who = current.recorded_by.display_name() if current.recorded_by else _l("een collega")
    message = ON_TOP_OF % {"v": current.version, "who": who}
    form.add_error(None, ValidationError(message, code=STALE_VERSION))
    # the texts of that version that differ from what was typed, shown in the summary: the
    # version itself stands far above the form, and saving again without reading it dropped
    # a colleague's added sentence (the step 5 walk)
    theirs = {"v": current.version, "who": who, "texts": _differing_texts(form, current)}
    setattr(form, "theirs", theirs)  # noqa: B010 (read by ui/_form_errors.html)


def _differing_texts(form: BaseForm, current) -> list[tuple[str, str]]:
    """The entry's texts in ``current`` that differ from what ``form`` holds, each labelled
    with the version (another name than the form's own field); not the note on why that
    version was made, which is about the change, not the entry."""
    texts = []
    for name, field in form.fields.items():
        if name == "correction_note":
            continue
        theirs = getattr(current, name, None)
        if not isinstance(theirs, str) or not theirs.strip():
            continue
        if not isinstance(field.widget, forms.Textarea | forms.TextInput):
            continue
        typed = str(form.data.get(form.add_prefix(name), "")).strip()
        if typed != theirs.strip():
            label = _l("%(label)s (versie %(v)s)") % {"label": field.label, "v": current.version}
            texts.append((str(label), theirs))
    return texts


def add_input_errors(form: BaseForm, errors: Mapping[str, list]) -> None:
    """The service's input checks on what a refused form could read (``errors``), shown for
    the fields the form did not refuse itself: every error at once, in one summary, not in
    rounds (issue #16.8). Call it after ``is_valid`` found errors."""
    missing = {name: found for name, found in errors.items() if name not in form.errors}
    if missing:
        copy_errors(form, ValidationError(missing))


InputCheck = Callable[[], Mapping[str, list]]


@dataclass(frozen=True)
class Saved:
    """A service that ran: what it returned (always true, even when that is None)."""

    result: Any


def saved(
    request: HttpRequest,
    form: BaseForm,
    call: Callable[[], Any],
    success: str | Callable[[Any], str],
    *,
    check: InputCheck | None = None,
) -> Saved | None:
    """Run the service a posted, valid form asks for: its refusal goes onto the form
    (copy_errors) and None comes back, as for a GET or an invalid form, so the view shows the
    form again; else ``success`` (a text, or made from what the service returned) is the next
    page's message, and the view redirects. ``check``: the service's input checks on what the
    form could read (its ``cleaned_data``), run when the form refused the post, so that what
    the service would refuse shows with the form's own errors (``add_input_errors``)."""
    if request.method != "POST":
        return None
    if not form.is_valid():
        if check is not None:
            add_input_errors(form, check())
        return None
    try:
        result = call()
    except ValidationError as error:
        copy_errors(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return Saved(result)


def run_reported(
    request: HttpRequest, call: Callable[[], Any], success: str | Callable[[Any], str]
) -> bool:
    """Run a service whose outcome the next page reports: its refusal as error messages, else
    ``success`` (a text, or made from what the service returned). True when it ran."""
    try:
        result = call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        mark_refused(request)  # not done: the same form may be sent again (ui/once.py)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def org_list_page(
    request: HttpRequest,
    form_class: type[BaseForm],
    *,
    add: Callable[[Any, Any], Any],
    added: Callable[[Any], str],
    to: str,
    template: str,
    rows: tuple[str, Callable[[Any], Any]],
) -> HttpResponse:
    """The org admin's page of one of the organisation's lists (contacts, signal list) with
    the form that adds an item: ``add(organisation, form)`` runs the service for the posted,
    valid form (``saved``) and the next page (``to``) says ``added(item)``; otherwise the page
    (``template``) with the form and, under the name ``rows[0]``, ``rows[1](organisation)``."""
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    form = form_class(request.POST or None)
    if saved(request, form, lambda: add(organisation, form), added):
        return redirect(to)
    name, read = rows
    return render(
        request, template, {"organisation": organisation, name: read(organisation), "form": form}
    )


def register_page(
    request: HttpRequest,
    rows: Callable[[Any], Any],
    *,
    template: str,
    object_type: str,
    listed: str,
) -> HttpResponse:
    """The privacy officer's register of what the organisation let go (``rows(organisation)``,
    newest first), 50 a page, the page read audited: ``<object_type>_view`` with the ids of
    its rows under ``listed``. Keys and labels, no case content."""
    organisation = organisation_for(request.user, Role.AUDITOR)
    page = Paginator(rows(organisation), 50).get_page(request.GET.get("pagina"))
    audit_record(
        actor=request.user,
        action=f"{object_type.replace('_', '.')}_view",
        object_type=object_type,
        organisation_id=organisation.pk,
        role=Role.AUDITOR,
        detail={"page": page.number, listed: [row.pk for row in page.object_list]},
    )
    return render(request, template, {"organisation": organisation, "page": page})


def org_list_switch(
    request: HttpRequest,
    org_list: OrgList,
    public_id: UUID,
    *,
    reported: Callable[[Any, bool], str],
    to: str,
) -> HttpResponse:
    """The org admin switches an item of one of the organisation's lists (contacts, signal
    list) on or off: a POST with ``active`` 1 or 0. ``reported(item, active)`` is what the
    next page (``to``) says; a refusal is reported there too."""
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    if request.method != "POST":
        return not_allowed()
    active = request.POST.get("active") == "1"
    pk = key_for(org_list.model, public_id)
    run_reported(
        request,
        lambda: org_list.set_active(
            actor=request.user, organisation=organisation, pk=pk, active=active
        ),
        lambda item: reported(item, active),
    )
    return redirect(to)


def short(text: str, size: int = 70) -> str:
    """A text cut to at most ``size`` characters with an ellipsis, for choice labels and
    lists: after the last whole word that fits, or mid-word when one word is that long."""
    if len(text) <= size:
        return text
    cut = text[: size - 1]
    words = cut[: cut.rfind(" ")] if text[size - 1] != " " and " " in cut else cut
    return (words.rstrip() or cut) + "…"
