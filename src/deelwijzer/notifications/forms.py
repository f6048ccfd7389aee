from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingForm(forms.Form):
    email = forms.TypedChoiceField(
        label=_("Wil je een e-mail als er iets voor je klaarstaat?"),
        choices=[
            ("on", _("Ja, stuur me een e-mail")),
            ("off", _("Nee, ik kijk zelf in Deelwijzer")),
        ],
        coerce=lambda value: value == "on",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of je e-mails wilt ontvangen."),
            "invalid_choice": _("Kies 'ja' of 'nee': iets anders kan hier niet."),
        },
    )
