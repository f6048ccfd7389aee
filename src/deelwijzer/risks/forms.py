"""Forms of step 4. They only collect input: the service decides and names the rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import TEXT_MAX
from deelwijzer.risks.models import AtRisk, Severity, Timing

VERSION_ERRORS = {
    "required": _("De versie ontbreekt. Laad de pagina opnieuw."),
    "invalid": _("De versie ontbreekt. Laad de pagina opnieuw."),
}


class RiskForm(forms.Form):
    at_risk = forms.ChoiceField(
        label=_("Voor wie of wat is dit een risico? (R4.2)"),
        choices=AtRisk.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    description = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Beschrijf het risico concreet (R4.1)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Wat kan er gebeuren, met wie, en waaruit blijkt dat? Bijvoorbeeld: 'Hij dreigde "
            "gisteren zijn mentor na schooltijd op te wachten.' Niet: 'Hij is gevaarlijk.'"
        ),
    )
    severity = forms.ChoiceField(
        label=_("Hoe ernstig is het? (R4.1)"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    timing = forms.ChoiceField(
        label=_("Wanneer speelt het? (R4.1)"),
        choices=Timing.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    based_on = forms.MultipleChoiceField(
        label=_("Op welke signalen en contrasignalen rust dit? (R4.1)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    advice_key = forms.ChoiceField(
        label=_("Welk advies heb je gebruikt? (R4.3)"),
        required=False,
    )

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


class RiskReassessForm(RiskForm):
    correction_note = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Waarom beoordeel je dit risico opnieuw?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De vorige inschatting blijft bewaard; de pagina laat zien wat veranderde."),
    )
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, error_messages=VERSION_ERRORS
    )
