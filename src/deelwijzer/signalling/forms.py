"""Forms of step 1. They only collect input: the services (and the engine) decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import TEXT_MAX
from deelwijzer.signalling.models import (
    Diagnosis,
    Opinion,
    OpinionStatus,
    Signal,
    SignalKind,
    SourceKind,
)
from deelwijzer.signalling.services import DIAGNOSIS_BY_MISSING, DIAGNOSIS_RELEVANCE_MISSING
from deelwijzer.ui.forms import (
    CorrectionFields,
    DateInput,
    DeclaredForm,
    VisibleTexts,
    pick_many,
    version_field,
)

DATE_ERRORS = {"invalid": _("Vul een geldige datum in (dag-maand-jaar).")}


def text_area(rows: int = 4, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class SignalForm(DeclaredForm):
    """Questions and hints: ``Signal.CONTENT``."""

    entry_model = Signal
    kind = forms.ChoiceField(
        choices=SignalKind.choices,
        widget=forms.RadioSelect,
        initial=SignalKind.SIGNAL,
        required=False,
    )
    observed_on = forms.DateField(
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Vul de datum in: wanneer gebeurde het?")},
    )
    text = forms.CharField(
        max_length=TEXT_MAX,
        error_messages={"required": _("Beschrijf wat je zag of hoorde.")},
    )
    source_kind = forms.ChoiceField(
        choices=SourceKind.choices,
        widget=forms.RadioSelect,
        initial=SourceKind.OWN_OBSERVATION,
        required=False,
    )
    source_name = forms.CharField(max_length=200, required=False)
    source_role = forms.CharField(max_length=200, required=False)
    tags = pick_many()

    def __init__(self, *args, tags: Sequence[str] = (), text_attrs: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tags"]).choices = [(t, t) for t in tags]
        self.fields["text"].widget = text_area(5, **(text_attrs or {}))


class SignalCorrectForm(CorrectionFields, SignalForm):  # the note after the content
    pass


class OpinionForm(DeclaredForm):
    """Questions and hints: ``Opinion.CONTENT``."""

    entry_model = Opinion
    text = forms.CharField(
        max_length=TEXT_MAX,
        error_messages={"required": _("Schrijf de mening of veronderstelling op.")},
        widget=text_area(3),
    )
    about = pick_many()

    def __init__(self, *args, signals: Sequence[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["about"]).choices = list(signals)


class OpinionCorrectForm(CorrectionFields, OpinionForm):  # the note after the content
    pass


class FollowUpForm(VisibleTexts):
    status = forms.ChoiceField(
        label=_("Status van de mening"), choices=OpinionStatus.choices, required=False
    )
    date = forms.DateField(
        label=_("Datum van de vervolgaantekening"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )
    text = forms.CharField(
        max_length=TEXT_MAX,
        label=_("Vervolgaantekening"),
        required=False,
        widget=text_area(3),
        help_text=_(
            "Wat je later zag of hoorde waardoor de mening bevestigd of ontkracht is, of wat "
            "er verder over bekend werd (R1.2)."
        ),
    )
    expected_version = version_field()


class DiagnosisForm(DeclaredForm):
    """Questions and hints: ``Diagnosis.CONTENT``."""

    entry_model = Diagnosis
    text = forms.CharField(
        max_length=TEXT_MAX,
        widget=text_area(2),
        error_messages={"required": _("Beschrijf de diagnose.")},
    )
    # Required, as R1.4 asks (so the page marks them "verplicht"); the service says the same
    # when one is left empty (the API) or holds only white space.
    established_by_name = forms.CharField(
        max_length=200, error_messages={"required": DIAGNOSIS_BY_MISSING}
    )
    established_by_role = forms.CharField(
        max_length=200, error_messages={"required": DIAGNOSIS_BY_MISSING}
    )
    relevance = forms.CharField(
        max_length=TEXT_MAX,
        widget=text_area(2),
        error_messages={"required": DIAGNOSIS_RELEVANCE_MISSING},
    )


class DiagnosisCorrectForm(CorrectionFields, DiagnosisForm):  # the note after the content
    pass


class SignalListItemForm(VisibleTexts):
    label = forms.CharField(label=_("Nieuw label"), max_length=200, required=False)
