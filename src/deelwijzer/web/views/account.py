"""Pages without sign-in around an account (#21): accepting an e-mailed invitation, and a
forgotten password (a reset link by e-mail, for users who sign in with a password)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from deelwijzer.accounts import reset_limits
from deelwijzer.accounts.forms import NewPasswordForm
from deelwijzer.accounts.receivers import record
from deelwijzer.accounts.views import offer_sign_in_name
from deelwijzer.audit.models import Outcome
from deelwijzer.organisations import invitations
from deelwijzer.sso.models import IdentityProvider
from deelwijzer.ui.views import saved

GONE = 410


def invitation_accept(request: HttpRequest, secret: str) -> HttpResponse:
    """The invitation's link: choose a password (once; the link then stops working)."""
    invitation = invitations.invitation_for_secret(secret)
    if invitation is None:
        gone = {"reason": invitations.NOT_VALID}
        return render(request, "web/invitation_gone.html", gone, status=GONE)
    form = NewPasswordForm(invitation.user, request.POST or None)
    if saved(
        request,
        form,
        lambda: invitations.invitation_accept(
            secret=secret, password=form.cleaned_data["new_password1"]
        ),
        _("Je wachtwoord is opgeslagen. Log nu in; daarna stel je de tweede stap in."),
    ):
        offer_sign_in_name(request, invitation.user.get_username())
        return redirect("login")
    provider = IdentityProvider.objects.filter(
        organisation=invitation.organisation, enabled=True
    ).first()
    context = {"form": form, "invitation": invitation, "provider": provider}
    return render(request, "web/invitation_accept.html", context)


class PasswordForgotView(auth_views.PasswordResetView):
    """A reset link by e-mail, content-free; the same answer whether the address is known or
    not (no account enumeration). Only active users with a password get one (Django's form).
    Limited per account and per client address (accounts/reset_limits.py); every request is
    in the audit trail, without the address typed."""

    template_name = "web/password_forgot.html"
    email_template_name = "web/password_reset_email.txt"
    subject_template_name = "web/password_reset_subject.txt"
    success_url = reverse_lazy("password_forgot_sent")

    @transaction.atomic
    def form_valid(self, form):
        users = list(form.get_users(form.cleaned_data["email"]))
        if reset_limits.address_exhausted() or any(map(reset_limits.account_exhausted, users)):
            for user in users or [None]:
                record(reset_limits.LIMITED, user, outcome=Outcome.DENIED)
            return HttpResponseRedirect(self.get_success_url())
        if not users:
            record(reset_limits.UNKNOWN, None, outcome=Outcome.FAILURE)
        for user in users:
            record(reset_limits.SENT, user)
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of a reset e-mail (or of ``create-organisation``): a new password, audited;
    every other session of the user ends (accounts.receivers)."""

    template_name = "web/password_set.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("login")

    def dispatch(self, *args, **kwargs):
        """A link that no longer works (used, expired, incomplete) is gone, as a used
        invitation's: 410, with the way to a new link."""
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = GONE
        return response

    def form_valid(self, form):
        with transaction.atomic():  # the new password and its audit event: one write
            response = super().form_valid(form)
            record("auth.password_set", form.user)
        offer_sign_in_name(self.request, form.user.get_username())
        messages.success(self.request, _("Je nieuwe wachtwoord is opgeslagen. Log nu in."))
        return response


def password_forgot_sent(request: HttpRequest) -> HttpResponse:
    limit = settings.PASSWORD_RESET_ACCOUNT_LIMIT
    return render(request, "web/password_forgot_sent.html", {"limit": limit})
