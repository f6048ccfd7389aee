"""The versioned-entry page kit: one entry with all its versions (who, when, why) and, for who
may edit, the form that corrects it. A step app describes each kind of entry once as an
``EntryKind``; what a kind shows or needs besides goes through its hooks, never through a
branch on its name here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.access import CaseAccess, CaseRef, get_case
from deelwijzer.cases.entries import Correction, entry_read
from deelwijzer.cases.models import Case
from deelwijzer.ui.stepview import step_page, step_url
from deelwijzer.ui.views import add_input_errors, copy_errors, on_top_of


def _nothing(case: Case) -> None:
    return None


def _no_context(case: Case, access: CaseAccess, versions: list, prepared: Any) -> dict:
    return {}


def _unchanged(data: dict) -> dict:
    return data


def _no_checks(case: Case, form: Form, current: Any) -> Mapping[str, list]:
    return {}


def standard_arguments(kind: EntryKind, form: Form) -> dict:
    """The correcting service's arguments besides actor, case and key: the input, and the
    correction (the note, and the version the form was made for)."""
    data = form.cleaned_data
    correction = Correction(data.get("correction_note") or "", data["expected_version"])
    return {"data": kind.to_input(data), "correction": correction}


@dataclass
class EntryKind:
    """One kind of versioned entry and its page.

    ``build_form(case, prepared, data, current, **kwargs)`` makes the correction form;
    ``correct`` is the service (keyword-only: actor, case_id, key and what ``arguments``
    gives); ``to_input`` turns the form's cleaned data into its input.
    Hooks: ``prepare(case)`` reads once what both the form and the page need (its result is
    ``prepared``); ``context(case, access, versions, prepared)`` adds what this kind's page
    shows besides the versions; ``arguments(kind, form)`` gives the service's other keyword
    arguments (``standard_arguments``: data, correction); ``input_errors(case, form,
    current)`` gives the service's input checks on what a refused form could read (its
    ``cleaned_data``), so that a post the form refuses shows every error at once
    (``add_input_errors``), never first the form's and then the service's.
    ``need``: the access the page asks for (``"identity"`` where the entry names people);
    ``framed``: the page is a step page (``step_page``: the audited case read and the step's
    findings above the entry).
    Routes (``entry_urls``): ``segment``, where this kind's pages sit within the step's URL;
    ``add``, the view that records a new one; ``follow_up``, the view that adds a follow-up
    note to one, where the kind has them."""

    name: str
    model: type
    title: object
    step: int
    template: str
    build_form: Callable[..., Form]
    correct: Callable[..., Any]
    to_input: Callable[[dict], Any] = _unchanged
    fields: tuple[str, ...] = ()
    saved: object = _(
        "De correctie is vastgelegd als versie %(v)s; de vorige versie blijft bewaard."
    )
    prepare: Callable[[Case], Any] = _nothing
    context: Callable[[Case, CaseAccess, list, Any], dict] = _no_context
    arguments: Callable[[EntryKind, Form], dict] = standard_arguments
    input_errors: Callable[[Case, Form, Any], Mapping[str, list]] = _no_checks
    need: str = "view"
    framed: bool = False
    segment: str = ""
    add: Callable[..., HttpResponse] | None = None
    follow_up: Callable[..., HttpResponse] | None = None


def initial(kind: EntryKind, current) -> dict:
    """The correction form's starting values: the current version's fields."""
    values = {name: getattr(current, name) for name in kind.fields}
    return {**values, "expected_version": current.version}


def read_versions(request: HttpRequest, kind: EntryKind, case_id: CaseRef, key: str):
    """The case, the access and every version of the entry, oldest first (an audited read);
    404 when there is no such entry."""
    case, access, versions = entry_read(
        actor=request.user, case_id=case_id, model=kind.model, key=key, need=kind.need
    )
    if not versions:
        raise Http404
    return case, access, versions


def render_entry(
    request: HttpRequest,
    kind: EntryKind,
    case: Case,
    access: CaseAccess,
    versions: list,
    *,
    prepared: Any = None,
    form: Form | None = None,
    **bound: Form,
) -> HttpResponse:
    """The entry's page. ``form``: the correction form as posted; ``bound``: other forms of
    the page as posted (they replace what the ``context`` hook made)."""
    current = versions[-1]
    if prepared is None:
        prepared = kind.prepare(case)
    context = {
        "case": case,
        "access": access,
        "kind": kind.name,
        "title": kind.title,
        "entry": current,
        "earlier": versions[-2::-1],
        "back": step_url(case.public_id, kind.step, current.key),
        **kind.context(case, access, versions, prepared),
    }
    if access.edit:
        context["form"] = form or kind.build_form(
            case, prepared, None, current, initial=initial(kind, current)
        )
    context.update(bound)
    if kind.framed:
        return step_page(
            request,
            case=case,
            access=access,
            step=kind.step,
            template=kind.template,
            context=context,
            need=kind.need,
        )
    return render(request, kind.template, context)


def _correct(request: HttpRequest, kind: EntryKind, case, access, versions) -> HttpResponse:
    prepared = kind.prepare(case)
    form = kind.build_form(case, prepared, request.POST, versions[-1])
    if not form.is_valid():
        add_input_errors(form, kind.input_errors(case, form, versions[-1]))
    else:
        try:
            entry = kind.correct(
                actor=request.user,
                case_id=case.pk,
                key=versions[-1].key,
                **kind.arguments(kind, form),
            )
        except ValidationError as error:
            copy_errors(form, error)
            on_top_of(form, versions[-1])
        else:
            messages.success(request, str(kind.saved) % {"v": entry.version})
            return redirect(step_url(case.public_id, kind.step, entry.key))
    return render_entry(request, kind, case, access, versions, prepared=prepared, form=form)


def entry_page(kind: EntryKind):
    """The view of one entry's page: GET shows it, POST corrects it."""

    @login_required
    def view(request: HttpRequest, case_id: CaseRef, key: str) -> HttpResponse:
        if request.method == "POST":
            get_case(request.user, case_id, need="edit")  # 404 before anything is read
        case, access, versions = read_versions(request, kind, case_id, key)
        if request.method != "POST":
            return render_entry(request, kind, case, access, versions)
        return _correct(request, kind, case, access, versions)

    view.__name__ = f"{kind.name}_entry"
    return view


def entry_urls(*kinds: EntryKind) -> list[URLPattern]:
    """The routes of each kind, from its declaration, in the step app's ``urlpatterns``:
    ``<segment>/`` records a new one (``<name>_add``), ``<segment>/<key>/`` is its entry page
    (``<name>_entry``) and, for a kind with follow-ups, ``<segment>/<key>/vervolg/`` adds one
    (``<name>_follow_up``)."""
    routes: list[URLPattern] = []
    for kind in kinds:
        if kind.add is not None:
            routes.append(path(f"{kind.segment}/", kind.add, name=f"{kind.name}_add"))
        entry = f"{kind.segment}/<slug:key>/"
        routes.append(path(entry, entry_page(kind), name=f"{kind.name}_entry"))
        if kind.follow_up is not None:
            routes.append(path(f"{entry}vervolg/", kind.follow_up, name=f"{kind.name}_follow_up"))
    return routes
