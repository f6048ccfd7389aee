"""Form widgets every step form uses, and the form of an entry whose questions are declared
on its model."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import CORRECTION_NOTE_MISSING
from deelwijzer.inputs import hidden_characters
from deelwijzer.procedure.limits import TEXT_MAX

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    Text = str | _StrPromise  # a label or hint: plain, or translated when shown

F = TypeVar("F", bound=forms.Field)


def needed(field: F) -> F:
    """``field`` marked "(verplicht)" on the page while the form itself does not require it:
    the service refuses it empty and says so with its rule, together with every other error
    (ui/_field.html)."""
    field.needed = True  # type: ignore[attr-defined]
    return field


def long_text(
    label: Text | None = None,
    *,
    rows: int = 4,
    help: Text = "",
    required: bool = False,
    missing: Text | None = None,
    **kwargs,
) -> forms.CharField:
    """A free-text answer in a text area, at most ``TEXT_MAX`` characters (the limit every
    text of a case has, tests/web/test_text_limits.py). With ``missing`` the text is required
    and that is what the form says when it is left empty."""
    if missing is not None:
        required = True
        kwargs["error_messages"] = {"required": missing, **kwargs.get("error_messages", {})}
    return forms.CharField(
        max_length=TEXT_MAX,
        label=label,
        help_text=help,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def visible_text(value: str) -> None:
    """Refuse a text with an invisible control character, naming it (``hidden_characters``),
    and one of nothing but invisible characters (a zero-width space passed for a name: an
    empty row in a list, a recipient without a name)."""
    if not isinstance(value, str):
        return
    if refused := hidden_characters(value):
        raise ValidationError(refused, code="control_characters")
    if value and not any(_shows(ch) for ch in value):
        codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in value if not ch.isspace()}))
        raise ValidationError(
            _("Hier staan alleen onzichtbare tekens (%(codes)s). Typ de tekst zelf.")
            % {"codes": codes},
            code="invisible",
        )


def _shows(ch: str) -> bool:
    """A character a reader sees: not a space, not a format character (zero-width, bidi)."""
    return not ch.isspace() and unicodedata.category(ch) != "Cf"


def one_line(value: str) -> None:
    """A line (a name, a phone number) holds no line break: only a made-up post sends one."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        raise ValidationError(_("Dit is één regel: haal de regelovergang weg."), code="line_break")


class VisibleTexts(forms.Form):
    """A form whose texts (names, labels, lines) refuse invisible control characters
    (``visible_text``); a password may hold any character."""

    def full_clean(self):
        # here, not in __init__: a form may add fields after its own __init__ (IdentityForm)
        for field in self.fields.values():
            if (
                isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)
                and visible_text not in field.validators
            ):
                # visible_text names a NUL too: Django's own refusal of it would say it twice
                field.validators = [
                    *(
                        v
                        for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)
                    ),
                    visible_text,
                    *([one_line] if isinstance(field.widget, forms.TextInput) else []),
                ]
        super().full_clean()


# The version of the entry the page showed, in a hidden field: only a page that was cut off
# or tampered with sends none or one that is no number. That is no concurrent change, so it is
# not called one (a real one is the services' changed_meanwhile: 409).
VERSION_ERRORS = {
    "required": _("De versie ontbreekt. Laad de pagina opnieuw."),
    "invalid": _("De versie ontbreekt. Laad de pagina opnieuw."),
    "min_value": _("De versie ontbreekt. Laad de pagina opnieuw."),
}


def version_field(*, min_value: int = 1, required: bool = True, **kwargs) -> forms.IntegerField:
    """The hidden version the page showed (see ``VERSION_ERRORS``)."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=min_value,
        required=required,
        error_messages=VERSION_ERRORS,
        **kwargs,
    )


class CorrectionFields(VisibleTexts):
    """What every correction of an entry adds: why (required, so it is named with the other
    errors at once), and the version the user was looking at. A form may word the question
    for its entry (``correction_note.label``)."""

    correction_note = long_text(
        _("Wat corrigeer je en waarom?"),
        rows=2,
        help=_("De vorige versie blijft bewaard en zichtbaar, met wie en wanneer."),
        missing=CORRECTION_NOTE_MISSING,
    )
    expected_version = version_field()


def pick_one(label: Text, choices, *, help: Text = "", **kwargs) -> forms.ChoiceField:
    """One of a few answers, as radio buttons. Not required by the form: the service refuses
    a missing answer and names the rule."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help,
        required=False,
        widget=forms.RadioSelect,
        **kwargs,
    )


def pick_many(label: Text | None = None, *, help: Text = "", **kwargs) -> forms.MultipleChoiceField:
    """Any number of answers, as check boxes (choices often set by the form's ``__init__``)."""
    return forms.MultipleChoiceField(
        label=label,
        help_text=help,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class Group(forms.Widget):
    """No input of its own: the fieldset around a group of fields (``group``)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return SafeString("")

    def value_from_datadict(self, data, files, name) -> None:
        return None


def group(label: Text, *, help: Text = "") -> forms.Field:
    """A group of fields in one fieldset (its legend ``label``), as a field of the form: what
    is wrong with the group as a whole (nothing chosen in it) is this field's error, shown in
    the fieldset under its help, and the summary links there (the template gives the field's
    id to the help and errors). It reads nothing from a post."""
    return forms.Field(label=label, help_text=help, required=False, widget=Group)


class DeclaredForm(VisibleTexts):
    """A form of a versioned entry that asks the questions declared on its model
    (``entry_model.CONTENT``, see ``deelwijzer.cases.entries.Content``): each declared field
    the form has gets the declared question as its label and the declared hint as its help."""

    entry_model: ClassVar[Any] = None  # set by each form; without one it asks nothing declared

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for content in getattr(self.entry_model, "CONTENT", ()):
            if content.form and content.name in self.fields:
                self.fields[content.name].label = content.question
                self.fields[content.name].help_text = content.help


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
