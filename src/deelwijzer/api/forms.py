from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.ui.forms import VisibleTexts


class TokenForm(VisibleTexts):
    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld het systeem dat hem gebruikt: 'leerlingadministratie'."),
    )
