"""The forms of attachments: add a file (file, description, date) and withdraw one (reason).
They only collect input; the service checks and refuses."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import TEXT_MAX
from deelwijzer.ui.forms import DateInput

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,text/plain,.txt"


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        required=False,  # the service says what is missing, with the other fields' errors
        help_text=_(
            "Een foto, schermafbeelding, PDF of platte tekst, hoogstens %(mb)s MB. Foto's "
            "worden zonder metadata (zoals locatie en camera) opgeslagen."
        )
        % {"mb": settings.ATTACHMENT_FILE_MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    description = forms.CharField(
        label=_("Wat laat het bestand zien?"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("Beschrijf feitelijk wat erop staat en waar het vandaan komt (R1.1, R1.3)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    made_on = forms.DateField(
        label=_("Gemaakt of gevonden op"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trek je dit bestand in?"),
        max_length=TEXT_MAX,
        required=False,
        help_text=_(
            "Het bestand wordt vernietigd; de aantekening houdt bij dat het er was en "
            "waarom het weg is."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
