"""Form widgets rendered in Python: the same markup as Django's own widget templates, made
without a template per input, option and attribute.

Every step page shows forms with text fields, radio buttons and a checkbox per signal; through
Django's templates their widgets took a fifth of the page's time. ``FastRenderer`` makes the
markup of the widgets below itself and leaves every other template (a form's layout, a widget
it does not know, a project override) to Django's renderer. tests/web/test_form_renderer.py
holds its output to Django's, character for character.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"


class _Context:
    """What ``render_value_in_context`` asks of a template context: a template's defaults."""

    autoescape = True
    use_l10n = None
    use_tz = None


def _value(value) -> str:
    """``{{ value }}`` in a template."""
    return render_value_in_context(value, cast(Context, _Context))


def _formatted(value) -> str | SafeData:
    """``{{ value|stringformat:'s' }}`` in a template (the filter keeps safe text safe)."""
    return value if isinstance(value, SafeData) else conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(" " + _value(name))
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict) -> str:
    attrs = widget["attrs"]
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    label_for = f' for="{_value(attrs["id"])}"' if attrs.get("id") else ""
    return f"<label{label_for}>{_input(widget)} {_value(widget['label'])}</label>\n"


def _textarea(widget: dict) -> str:
    value = _value(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'
    )


def _select_option(widget: dict) -> str:
    return (
        f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{_value(widget['label'])}</option>\n"
    )


def _groups(widget: dict, opening: str, each: str, closing: str) -> str | None:
    """The options of a select or a list of radio buttons or checkboxes, group by group;
    None when an option has a template of its own."""
    parts = []
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(opening.format(_value(group)))
        for option in options:
            made = _option(option)
            if made is None:
                return None
            parts.append(each.format(made))
        if group:
            parts.append(closing)
    return "".join(parts)


def _select(widget: dict) -> str | None:
    options = _groups(widget, '\n  <optgroup label="{}">', "\n  {}", "\n  </optgroup>")
    if options is None:
        return None
    return (
        f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>{options}\n</select>\n'
    )


def _multiple_input(widget: dict) -> str | None:
    options = _groups(widget, "\n  <div><label>{}</label>", "<div>\n    {}</div>", "\n  </div>")
    if options is None:
        return None
    attrs = widget["attrs"]
    shown_id = f' id="{_value(attrs["id"])}"' if attrs.get("id") else ""
    shown_class = f' class="{_value(attrs["class"])}"' if attrs.get("class") else ""
    return f"<div{shown_id}{shown_class}>{options}\n</div>\n"


def _included(make: Callable[[dict], str | None]) -> Callable[[dict], str | None]:
    """A template that only includes another: its output and the file's closing newline."""

    def made(widget: dict) -> str | None:
        inner = make(widget)
        return None if inner is None else inner + "\n"

    return made


_OPTIONS: dict[str, Callable[[dict], str | None]] = {
    WIDGETS + "select_option.html": _select_option,
    WIDGETS + "input_option.html": _input_option,
    WIDGETS + "radio_option.html": _included(_input_option),
    WIDGETS + "checkbox_option.html": _included(_input_option),
}


def _option(option: dict) -> str | None:
    make = _OPTIONS.get(option.get("template_name") or "")
    return None if make is None else make(option)


_INPUTS: tuple[str, ...] = (
    "text",
    "email",
    "url",
    "number",
    "password",
    "hidden",
    "date",
    "datetime",
    "time",
)
_INPUTS += ("search", "tel", "color", "checkbox")

MADE_HERE: dict[str, Callable[[dict], str | None]] = {
    WIDGETS + "input.html": _input,
    **{WIDGETS + f"{kind}.html": _included(_input) for kind in _INPUTS},
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    WIDGETS + "multiple_input.html": _multiple_input,
    WIDGETS + "radio.html": _included(_multiple_input),
    WIDGETS + "checkbox_select.html": _included(_multiple_input),
    **_OPTIONS,
}


class FastRenderer(DjangoTemplates):
    """Django's template renderer, except for the widgets in ``MADE_HERE``."""

    def render(self, template_name, context, request=None):
        make = MADE_HERE.get(template_name)
        widget = context.get("widget") if make is not None else None
        if isinstance(widget, dict):
            made = make(widget)
            if made is not None:
                return mark_safe(made.strip())  # noqa: S308 - every value above is escaped
        return super().render(template_name, context, request)
