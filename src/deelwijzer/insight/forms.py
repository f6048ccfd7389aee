"""The filter of the audit trail and the period of the statistics (GET forms: a refused filter
answers 422 with the input kept, insight.views)."""

from __future__ import annotations

from datetime import date
from typing import cast
from uuid import UUID

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from deelwijzer.audit.labels import ACTION_LABELS
from deelwijzer.insight.periods import GROUPINGS, default_period
from deelwijzer.insight.trail import DONE, REFUSED, TrailFilter
from deelwijzer.organisations.models import Organisation
from deelwijzer.procedure.limits import TEXT_MAX

_DATE = forms.DateInput(attrs={"type": "date"})
_FIRST_DAY = date(2000, 1, 1)


def _check_period(form: forms.Form, start: str, end: str) -> None:
    """Each date of the period within the years the figures can hold, named at its own field;
    then the order of the two."""
    cleaned = form.cleaned_data
    first, last = cleaned.get(start), cleaned.get(end)
    outside = False
    for name, day in ((start, first), (end, last)):
        if day is not None and not _FIRST_DAY <= day <= date(2100, 12, 31):
            form.add_error(name, _("Kies een datum tussen 2000 en 2100."))
            outside = True
    if first and last and first > last and not outside:
        form.add_error(end, _("De begindatum ligt na de einddatum."))


class TrailFilterForm(forms.Form):
    persoon = forms.ChoiceField(label=_("Persoon"), required=False)
    casus = forms.CharField(
        label=_("Casus (pseudoniem)"), required=False, max_length=TEXT_MAX, strip=True
    )
    handeling = forms.ChoiceField(label=_("Handeling"), required=False)
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("alle")), (DONE, _("gelukt")), (REFUSED, _("geweigerd of mislukt"))],
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=_DATE)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=_DATE)
    tekst = forms.CharField(
        label=_("Zoek in het object"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Bijvoorbeeld: adviesvraag a1, besluit b1 of een pseudoniem."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        people = (
            get_user_model()
            .objects.filter(memberships__organisation=organisation)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        cast(forms.ChoiceField, self.fields["persoon"]).choices = [("", _("iedereen"))] + [
            (str(u.public_id), u.display_name()) for u in people
        ]
        labels = sorted(ACTION_LABELS.items(), key=lambda item: str(item[1]))
        cast(forms.ChoiceField, self.fields["handeling"]).choices = [("", _("alle"))] + [
            (c, str(label)) for c, label in labels
        ]

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "van", "tot")
        return cleaned

    def trail_filter(self) -> TrailFilter:
        data = self.cleaned_data
        return TrailFilter(
            person=UUID(data["persoon"]) if data.get("persoon") else None,
            case=data.get("casus") or "",
            action=data.get("handeling") or "",
            outcome=data.get("uitkomst") or "",
            start=data.get("van"),
            end=data.get("tot"),
            text=(data.get("tekst") or "").strip(),
        )


class PeriodForm(forms.Form):
    van = forms.DateField(label=_("Vanaf"), required=False, widget=_DATE)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=_DATE)
    per = forms.ChoiceField(label=_("Tel per"), required=False, choices=GROUPINGS)

    def clean(self):
        cleaned = super().clean()
        _check_period(self, "van", "tot")
        return cleaned

    def period(self):
        start, end = default_period()
        data = self.cleaned_data
        return data.get("van") or start, data.get("tot") or end, data.get("per") or "month"
