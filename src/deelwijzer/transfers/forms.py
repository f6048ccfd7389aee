from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import ROLE_MAX
from deelwijzer.transfers.services import (
    FOUND_IDENTITY_CHOICE,
    NAME_NEEDED,
    NO_ITEMS,
    NO_ORGANISATION,
    NO_PURPOSE,
    NO_SUCH_IDENTITY,
    NO_SUCH_ITEM,
    REASON_NEEDED,
    ROLE_NEEDED,
    TEAM_NEEDED,
    TransferInput,
)
from deelwijzer.ui.forms import VisibleTexts, long_text
from deelwijzer.ui.views import short


class TransferForm(VisibleTexts):
    """Every field the service requires is required here, with the service's own message, so
    that an empty post names them all at once and the page marks them "(verplicht)"."""

    to_organisation = forms.ChoiceField(
        label=_("Naar welke organisatie gaat de jongere?"),
        error_messages={"required": NO_ORGANISATION, "invalid_choice": NO_ORGANISATION},
    )
    items = forms.MultipleChoiceField(
        label=_("Wat gaat mee? (alleen wat de nieuwe organisatie nodig heeft, R6.3)"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NO_ITEMS, "invalid_choice": NO_SUCH_ITEM},
    )
    identity = forms.MultipleChoiceField(
        label=_("Gegevens van de jongere die meegaan (de naam is nodig; de geboortedatum gaat "
                "altijd mee)"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": NAME_NEEDED, "invalid_choice": NO_SUCH_IDENTITY},
    )  # fmt: skip
    purpose = long_text(_("Waarom heeft de nieuwe organisatie dit nodig?"), missing=NO_PURPOSE)
    found_identity = forms.ChoiceField(
        label=_("Herkenbare gegevens die Deelwijzer in de teksten vindt"),
        choices=(
            ("", _("Niet meesturen: weiger de overdracht als er zulke gegevens in staan")),
            ("declare", _("Ze gaan bewust mee: leg ze vast als gedeelde identiteit")),
        ),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": FOUND_IDENTITY_CHOICE},
    )

    def __init__(self, *args, organisations, items, identity, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_keys = {o.name: o.pk for o in organisations}
        cast(forms.ChoiceField, self.fields["to_organisation"]).choices = [
            ("", _("Kies een organisatie"))
        ] + [(o.name, o.name) for o in organisations]
        cast(forms.ChoiceField, self.fields["items"]).choices = [
            (i.key, f"{i.label} {i.key}: {short(i.text, 120)}") for i in items
        ]
        cast(forms.ChoiceField, self.fields["identity"]).choices = [
            (code, f"{label}: {value}") for code, label, value in identity
        ]

    def to_input(self) -> TransferInput:
        """The input as far as the form could read it (a field it refused is left empty)."""
        data = self.cleaned_data
        return TransferInput(
            to_organisation_id=self.organisation_keys.get(data.get("to_organisation") or ""),
            item_keys=list(data.get("items") or []),
            identity=list(data.get("identity") or []),
            purpose=data.get("purpose") or "",
            found_identity=data.get("found_identity") or "",
        )


class AcceptForm(VisibleTexts):
    team = forms.MultipleChoiceField(
        label=_("Wie komen in het team van de nieuwe casus?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": TEAM_NEEDED, "invalid_choice": TEAM_NEEDED},
    )
    role_on_team = forms.CharField(
        label=_("Rol in het team"),
        max_length=ROLE_MAX,
        initial=_("begeleider"),
        error_messages={"required": ROLE_NEEDED},
    )

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, prefix="accept", **kwargs)
        self.user_keys = {str(u.public_id): u.pk for u in professionals}
        cast(forms.ChoiceField, self.fields["team"]).choices = [
            (str(u.public_id), u.display_name()) for u in professionals
        ]


class DeclineForm(VisibleTexts):
    reason = long_text(_("Waarom wijs je de overdracht af?"), rows=3, missing=REASON_NEEDED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="decline", **kwargs)
