"""Forms of step 4. They only collect input: the service decides and names the rule.

The risk's fields come from its declaration (``risks.models.CONTENT``): the model field's
kind picks the form field, the declaration gives the question and the hint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import TEXT_MAX
from deelwijzer.risks.models import CONTENT, Content, Risk
from deelwijzer.ui.forms import CorrectionFields, VisibleTexts, needed


def content_field(content: Content) -> forms.Field:
    """The form field of one content field. Nothing is required here: the service names
    what is missing, with its rule."""
    field = cast(models.Field, Risk._meta.get_field(content.name))
    common: dict[str, Any] = {
        "label": content.question,
        "help_text": content.help,
        "required": False,
    }
    if isinstance(field, models.JSONField):  # keys of other entries; the form gives choices
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **common)
    if field.choices:
        return forms.ChoiceField(choices=field.choices, widget=forms.RadioSelect, **common)
    if isinstance(field, models.TextField):
        widget = forms.Textarea(attrs={"rows": 4})
        text = forms.CharField(max_length=TEXT_MAX, widget=widget, **common)
        return needed(text) if content.needed else text
    return forms.ChoiceField(**common)  # the key of another entry; the form gives choices


# the content fields as a form of their own, so RiskForm's subclasses keep them first (built
# from the declaration at import time; to the type checker it is a plain form)
if TYPE_CHECKING:
    ContentForm = forms.Form
else:
    ContentForm = type("ContentForm", (VisibleTexts,), {c.name: content_field(c) for c in CONTENT})


class RiskForm(ContentForm):
    def __init__(
        self,
        *args,
        signals: Sequence[tuple[str, str]] = (),
        advice: Sequence[tuple[str, str]] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["based_on"]).choices = list(signals)
        cast(forms.ChoiceField, self.fields["advice_key"]).choices = [
            ("", _("Geen advies gebruikt")),
            *advice,
        ]

    def content(self) -> list[tuple[forms.BoundField, bool]]:
        """The content fields in their order, each with whether it is a group of choices
        (radio buttons or check boxes)."""
        return [
            (self[c.name], isinstance(self[c.name].field.widget, forms.RadioSelect))
            for c in CONTENT
        ]


class RiskReassessForm(CorrectionFields, RiskForm):  # the note after the content
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields["correction_note"]
        note.label = _("Waarom beoordeel je dit risico opnieuw?")
        note.help_text = _(
            "De vorige inschatting blijft bewaard; de pagina laat zien wat veranderde."
        )
