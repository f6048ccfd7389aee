"""Forms of step 5. They only collect input: the engine and the services decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.decisions.models import Consent, ConsentHow
from deelwijzer.ui.forms import VisibleTexts, long_text, pick_many, pick_one, version_field

SHARE_CHOICES = (
    ("yes", _("Ja: extern delen")),
    ("no", _("Nee: niet extern delen")),
)


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class DecisionForm(VisibleTexts):
    share = forms.TypedChoiceField(
        label=_("Wat is het besluit?"),
        choices=SHARE_CHOICES,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    consent = pick_one(
        _("Toestemming van de jongere om extern te delen (R5.1)"),
        Consent.choices,
        help=_(
            "Ingevuld met wat de jongere in stap 3 zei. Sprak de jongere zich sindsdien anders "
            "uit, kies dan wat nu geldt en leg hieronder vast wanneer en hoe."
        ),
    )
    consent_on = forms.DateField(
        label=_("Wanneer sprak de jongere zich zo uit?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    consent_how = pick_one(_("Hoe?"), ConsentHow.choices)
    consent_note = long_text(
        _("Toelichting: wat zei de jongere, tegen wie of in welk stuk?"), rows=2
    )
    serious_concrete_risks = pick_many(
        _("Zonder toestemming: op welke ernstige, concrete risico's uit stap 4 rust het? (R5.2)")
    )
    only_way = forms.BooleanField(
        label=_("Delen is de enige manier om deze risico's te verkleinen of weg te nemen (R5.2)"),
        required=False,
    )
    only_way_reason = long_text(_("Waarom schieten andere wegen tekort?"), rows=3)
    reasoning = long_text(
        _("Onderbouwing van het besluit (R5.4)"),
        help=_(
            "Waarop rust het besluit? Noem de risico's en hun ernst. Ook een besluit om niet "
            "te delen leg je vast met de redenen."
        ),
    )
    expected_version = version_field(min_value=0, required=False, initial=0)  # 0: a new one

    def __init__(self, *args, risks: Sequence[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["serious_concrete_risks"]).choices = list(risks)


class ReturnForm(VisibleTexts):
    remark = long_text(_("Waarom stuur je het besluit terug?"), rows=3)
    expected_version = version_field(min_value=1)


class SignOffForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ik heb het besluit en de onderbouwing gelezen en neem dit besluit als beslisser "
            "volgens de interne procedure (R5.3)."
        ),
        error_messages={
            "required": _(
                "Stap 5 (R5.3): vink aan dat je dit besluit neemt. Aftekenen is definitief; "
                "wil je iets anders, stuur het dan terug met een opmerking."
            )
        },
    )
    expected_version = version_field(min_value=1)

    def clean(self):
        """The remark and the sign-off share one form (step5.html): a remark typed is meant
        for sending back, and signing off would drop it unseen."""
        cleaned = super().clean()
        if str(self.data.get("remark") or "").strip():
            raise forms.ValidationError(
                _(
                    "Je schreef een opmerking voor de beroepskracht. Die gaat alleen mee als je "
                    "het besluit terugstuurt: kies 'Terugsturen met opmerking', of maak het vak "
                    "leeg om af te tekenen."
                )
            )
        return cleaned
