"""Sign-in views: the password page, the two-factor step, enrolment and recovery codes."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from deelwijzer.accounts import services, sessions, twofactor
from deelwijzer.accounts.forms import CodeForm, EnrolForm, PasswordChangeForm, SignInForm
from deelwijzer.accounts.models import User
from deelwijzer.accounts.receivers import record
from deelwijzer.redirects import safe_next


def _next_url(request: HttpRequest) -> str:
    return safe_next(request, reverse(settings.LOGIN_REDIRECT_URL))


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


SIGN_IN_NAME = "sign_in_name"


def offer_sign_in_name(request: HttpRequest, username: str) -> None:
    """The sign-in page, shown next, fills in this name once: who just chose a password through
    a link (an invitation, a reset) need not guess what their sign-in name is."""
    request.session[SIGN_IN_NAME] = username


class SignInView(auth_views.LoginView):
    """Step one: the password. Step two (the code) follows on its own page."""

    template_name = "web/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_initial(self) -> dict[str, str]:
        name = self.request.session.pop(SIGN_IN_NAME, None)
        return {"username": name} if self.request.method == "GET" and name else {}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if form.initial.get("username"):  # the name is there: the cursor goes to the password
            form.fields["username"].widget.attrs.pop("autofocus", None)
            form.fields["password"].widget.attrs["autofocus"] = True
        return form

    def get_redirect_url(self) -> str:
        """Only a path on this site; otherwise empty, and Django falls back to the default."""
        return safe_next(self.request, "")

    def form_valid(self, form):
        response = super().form_valid(form)
        record("auth.login", self.request.user, step="password")
        return response

    def get_success_url(self) -> str:
        if getattr(self.request.user, "is_verified", lambda: False)():
            return super().get_success_url()
        return _with_next("two_factor", super().get_success_url())


def _locked_out(request: HttpRequest) -> HttpResponse | None:
    """Wrong codes count towards the same lock-out as wrong passwords."""
    credentials = {"username": request.user.get_username()}
    if not AxesProxyHandler.is_locked(request, credentials):
        return None
    logout(request)
    return get_lockout_response(request, None, credentials)


def _count_failure(request: HttpRequest) -> HttpResponse | None:
    credentials = {"username": request.user.get_username()}
    AxesProxyHandler.user_login_failed(sender=CodeForm, credentials=credentials, request=request)
    return _locked_out(request)


def _too_soon(request: HttpRequest, form: CodeForm | EnrolForm, step: str) -> bool:
    """A code that came too soon after a wrong one: say to wait, instead of calling it wrong."""
    seconds = twofactor.code_too_soon(request, form.cleaned_data["code"], step=step)
    if seconds:
        wait = ngettext(
            "Je hebt net een verkeerde code ingevuld. Wacht %(n)d seconde en probeer het dan "
            "opnieuw.",
            "Je hebt net een verkeerde code ingevuld. Wacht %(n)d seconden en probeer het dan "
            "opnieuw.",
            seconds,
        )
        form.add_error("code", wait % {"n": seconds})
    return bool(seconds)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_verified():  # type: ignore[union-attr]  # added by django-otp's middleware
        return redirect(next_url)
    if twofactor.confirmed_authenticator(request.user) is None:
        return redirect(_with_next("two_factor_enrol", next_url))
    if (locked := _locked_out(request)) is not None:
        return locked
    form = CodeForm(request.POST or None)
    if form.is_valid() and not _too_soon(request, form, "verify"):
        if twofactor.verify_code(request, form.cleaned_data["code"]):
            return redirect(next_url)
        if (locked := _count_failure(request)) is not None:
            return locked
        form.add_error("code", _("Deze code klopt niet of is al gebruikt. Probeer de volgende."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@login_required
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if twofactor.confirmed_authenticator(request.user) is not None:
        return redirect(_with_next("two_factor", next_url))
    if (locked := _locked_out(request)) is not None:
        return locked
    form = EnrolForm(request.POST or None)
    if form.is_valid() and not _too_soon(request, form, "enrol"):
        codes = twofactor.confirm_enrolment(request, form.cleaned_data["code"])
        if codes is not None:
            return _recovery_codes_page(request, codes, next_url)
        if (locked := _count_failure(request)) is not None:
            return locked
        form.add_error("code", _("Deze code klopt niet. Staat de tijd op je telefoon goed?"))
    device = twofactor.pending_authenticator(request.user)
    context = {
        "form": form,
        "next": next_url,
        "qr_code": twofactor.qr_data_uri(device),
        "secret": twofactor.manual_secret(device),
    }
    return render(request, "accounts/enrol.html", context)


def _recovery_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    """The new recovery codes, shown once in the answer to the confirming POST. They are never
    stored in plain text, not even in the session (ASVS 5.0 V6.5.2); the page is not cached
    (web.middleware.NoStoreMiddleware)."""
    context = {"codes": codes, "next": next_url}
    return render(request, "accounts/recovery_codes.html", context)


@login_required
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes, after the user gives a code of the authenticator app again; the
    codes are shown once, in the answer. The two-factor gate lets only verified users here."""
    if (locked := _locked_out(request)) is not None:
        return locked
    form = EnrolForm(request.POST or None)
    if form.is_valid() and not _too_soon(request, form, "renew_recovery_codes"):
        codes = twofactor.renew_recovery_codes(request, form.cleaned_data["code"])
        if codes is not None:
            return _recovery_codes_page(request, codes, reverse(settings.LOGIN_REDIRECT_URL))
        if (locked := _count_failure(request)) is not None:
            return locked
        form.add_error("code", _("Deze code klopt niet of is al gebruikt. Probeer de volgende."))
    return render(request, "accounts/recovery_codes_renew.html", {"form": form})


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """A signed-in user's new password. Who signs in through the organisation has none here:
    the page says so. A wrong current password counts towards the lock-out, as a wrong code."""
    user = cast(User, request.user)  # login_required
    if not user.has_usable_password():
        return render(request, "accounts/password_change.html", {"managed": True})
    if (locked := _locked_out(request)) is not None:
        return locked
    form = PasswordChangeForm(user, request.POST or None)
    if form.is_valid():
        try:
            services.password_change(
                actor=user,
                current_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except ValidationError as refused:
            form.add_error(None, refused)
            wrong = form.has_error("old_password", services.WRONG_PASSWORD)
            if wrong and (locked := _count_failure(request)) is not None:
                return locked
        else:
            update_session_auth_hash(request, user)
            messages.success(
                request,
                _("Je nieuwe wachtwoord is opgeslagen. Op andere apparaten en in andere browsers "
                  "ben je nu uitgelogd."),
            )  # fmt: skip
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/password_change.html", {"form": form})


@require_http_methods(["GET", "POST"])
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the session has left, for static/deelwijzer/session.js: it warns before an
    automatic sign-out, keeps the session while the user types (POST), and checks before a form
    is sent that it will not be lost. A GET is no use of the session (accounts.middleware).

    The answer carries the current CSRF token: after signing in again in another tab, a page
    that stayed open can still send what was typed in it; and who is signed in, so that it
    sends nothing when that is now someone else (a shared computer)."""
    user = request.user
    if not user.is_authenticated or not user.is_verified():  # type: ignore[attr-defined]  # django-otp
        return JsonResponse({"signed_in": False}, status=401)
    left, extendable = sessions.seconds_left(request.session)
    return JsonResponse(
        {
            "signed_in": True,
            "user": str(user.public_id),
            "seconds_left": left,
            "extendable": extendable,
            "csrf_token": get_token(request),
        }
    )


@require_http_methods(["GET"])
@login_required
def signed_in_again(request: HttpRequest) -> HttpResponse:
    """Where signing in from session.js's notice ends: back to the tab with the unsaved work."""
    return render(request, "accounts/signed_in_again.html")
