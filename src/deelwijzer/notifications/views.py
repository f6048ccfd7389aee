from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deelwijzer.notifications.forms import NotificationSettingForm
from deelwijzer.notifications.services import email_wanted, notification_setting_change


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Turn the e-mail notifications on or off; the mails carry no case content."""
    wanted = email_wanted(request.user)
    posted = request.method == "POST"
    form = NotificationSettingForm(
        request.POST if posted else None, initial={"email": "on" if wanted else "off"}
    )
    if posted and form.is_valid():
        now = notification_setting_change(actor=request.user, email=form.cleaned_data["email"])
        if now.email:
            messages.success(request, _("Opgeslagen: je krijgt een e-mail als er iets klaarstaat."))
        else:
            messages.success(request, _("Opgeslagen: je krijgt geen e-mails meer van Deelwijzer."))
        return redirect("notification_settings")
    return render(request, "notifications/settings.html", {"form": form, "wanted": wanted})
