from django import forms
from django.utils.translation import gettext_lazy as _

from deelwijzer.sso.models import IdentityProvider
from deelwijzer.sso.services import FIELDS


class ProviderForm(forms.ModelForm):
    issuer = forms.URLField(
        label=_("Issuer-URL"),
        max_length=200,
        assume_scheme="https",
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
    )
    client_secret = forms.CharField(
        label=_("Client-secret"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Wordt versleuteld bewaard en nooit meer getoond. Laat leeg om het bewaarde secret "
            "te houden."
        ),
    )

    class Meta:
        model = IdentityProvider
        fields = list(FIELDS)
        widgets = {"mfa_trust": forms.RadioSelect}
        help_texts = {
            "acr_value": _("Alleen bij 'niveau (acr)': de waarde die een tweede factor betekent."),
        }


class WorkAccountForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van je werk"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
