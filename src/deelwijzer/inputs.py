"""A service's input from whatever carries its fields: an API payload, a model row, a form's
cleaned data. One way to copy fields by name instead of listing them at every caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

from django.utils.translation import gettext, ngettext

from deelwijzer.procedure.limits import control_characters

T = TypeVar("T")


def input_from(cls: type[T], source: Any, **given: Any) -> T:
    """``cls`` (a dataclass) with each of its fields taken from ``given``, else from ``source``
    by name (a key of a mapping, else an attribute); a field ``source`` lacks keeps its
    default. Lists are copied, so the input never shares one with its source."""
    values: dict[str, Any] = {}
    for each in fields(cls):  # type: ignore[arg-type]
        name = each.name
        if name in given:
            values[name] = given[name]
        elif isinstance(source, Mapping) and name in source:
            values[name] = source[name]
        elif not isinstance(source, Mapping) and hasattr(source, name):
            values[name] = getattr(source, name)
        else:
            continue
        if isinstance(values[name], list):
            values[name] = list(values[name])
    return cls(**values)


def hidden_characters(text: str) -> str:
    """The refusal of a text that holds an invisible control character (a bell, an escape; tab
    and line breaks are text), naming it; "" for a text without. Such a character comes along
    with a pasted text, and a page, a list or a PDF shows it as a box or not at all."""
    hidden = control_characters(text)
    if not hidden:
        return ""
    return ngettext(
        "Hier staat een onzichtbaar stuurteken in (%(codes)s), bijvoorbeeld uit een "
        "gekopieerde tekst. Haal het weg en probeer het opnieuw.",
        "Hier staan onzichtbare stuurtekens in (%(codes)s), bijvoorbeeld uit een gekopieerde "
        "tekst. Haal ze weg en probeer het opnieuw.",
        len(hidden),
    ) % {"codes": ", ".join(hidden)}


# Posted fields that are no one's typing: the page's token, a form's own bookkeeping.
_NOT_TYPED = frozenset({"csrfmiddlewaretoken", "expected_version", "action", "nogmaals_versturen"})


def posted_texts(data: Mapping[str, Any], form: Any = None) -> list[tuple[str, str]]:
    """What was typed in a post that could not be saved, to show so that it can be copied:
    (label, text) for each text field of ``form`` that was filled in; without the form, for
    each free text in ``data`` (a posted value with a space in it), numbered."""
    from django import forms

    if form is not None:
        typed = []
        for name, field in form.fields.items():
            widget = field.widget
            text_field = isinstance(widget, forms.Textarea) or type(widget) is forms.TextInput
            value = str(form.data.get(form.add_prefix(name), "")).strip()
            if text_field and value and name not in _NOT_TYPED:
                typed.append((str(field.label), value))
        return typed
    getlist = getattr(data, "getlist", lambda key: [data[key]])
    texts = [
        value.strip()
        for key in data
        if key not in _NOT_TYPED
        for value in getlist(key)
        if isinstance(value, str) and " " in value.strip()
    ]
    return [(gettext("Tekst %(n)d") % {"n": n}, text) for n, text in enumerate(texts, 1)]
