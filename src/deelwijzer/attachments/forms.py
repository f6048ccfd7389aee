"""The forms of attachments: add a file (file, description, date) and withdraw one (reason).
They only collect input; the service checks and refuses."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from deelwijzer.ui.forms import DateInput, VisibleTexts, long_text, needed

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,text/plain,.txt"


class AttachmentForm(VisibleTexts):
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
    description = needed(
        long_text(
            _("Wat laat het bestand zien?"),
            rows=3,
            help=_("Beschrijf feitelijk wat erop staat en waar het vandaan komt (R1.1, R1.3)."),
        )
    )
    made_on = needed(
        forms.DateField(
            label=_("Gemaakt of gevonden op"),
            required=False,
            widget=DateInput(),
            error_messages={"invalid": _("Vul een geldige datum in.")},
        )
    )


class WithdrawForm(VisibleTexts):
    reason = needed(
        long_text(
            _("Waarom trek je dit bestand in?"),
            rows=3,
            help=_(
                "Het bestand wordt vernietigd; de aantekening houdt bij dat het er was en "
                "waarom het weg is."
            ),
        )
    )
