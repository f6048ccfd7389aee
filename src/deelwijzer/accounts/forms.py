from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm, UsernameField
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    """The password step. Django checks the combination only when both fields are filled in;
    an empty field is named on its own."""

    # Django sets the limit only when the form is made; declared here, as for every field.
    username = UsernameField(
        label=_("Gebruikersnaam of e-mailadres"),
        max_length=150,
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
        """The account's name, also when its e-mail address is typed, in any case (a phone's
        keyboard starts with a capital): an invited account is named by its address in lower
        case, a demo account has a name of its own. The password and the lock-out count then
        go by that one name. An address of no account, or of more than one, stays as typed
        (in lower case) and is refused as any unknown name."""
        typed = self.cleaned_data["username"]
        if "@" not in typed:
            return typed
        names = list(
            get_user_model()
            .objects.filter(email__iexact=typed)
            .values_list("username", flat=True)[:2]
        )
        return names[0] if len(names) == 1 else typed.lower()


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
