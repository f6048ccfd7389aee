from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, UsernameField
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """The password step. Django checks the combination only when both fields are filled in;
    an empty field is named on its own."""

    # Django sets the limit only when the form is made; declared here, as for every field.
    username = UsernameField(
        max_length=150,
        help_text=_("Meestal is dit je e-mailadres."),
        widget=forms.TextInput(attrs={"autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op hoofdletters."
        ),
        "inactive": _(
            "Dit account is uitgeschakeld. Vraag de functioneel beheerder van je organisatie om "
            "hulp."
        ),
    }

    def clean_username(self) -> str:
        """An account made from an e-mail address (an invitation, create-organisation) is named
        by that address in lower case; typed with a capital (a phone's keyboard starts with one)
        it is the same account, for the password and for the lock-out count."""
        typed = self.cleaned_data["username"]
        return typed.lower() if "@" in typed else typed


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De zes cijfers uit je authenticator-app, of een van je herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("De zes cijfers die de app nu toont voor Deelwijzer."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class NewPasswordForm(SetPasswordForm):
    """Choosing a password (reset link, invitation), in our own words. A password that breaks
    a rule is refused at the first field, where it was typed; two that differ at the second."""

    error_messages = {
        "password_mismatch": _(
            "De twee wachtwoorden zijn niet hetzelfde. Typ het nieuwe wachtwoord twee keer precies "
            "gelijk."
        ),
    }

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Nieuw wachtwoord")
        self.fields["new_password2"].label = _("Nieuw wachtwoord nog een keer")
        self.fields["new_password2"].help_text = _(
            "Typ hetzelfde wachtwoord nog een keer, zo weet je zeker dat er geen tikfout in zit."
        )

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)


class PasswordChangeForm(NewPasswordForm):
    """The current password, then the new one twice; the service checks the current one."""

    old_password = forms.CharField(
        label=_("Huidig wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]
