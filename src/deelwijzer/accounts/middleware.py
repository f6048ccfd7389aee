"""Sign-in middleware: the two-factor gate, the session time-outs and the CSP header."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijzer.accounts import sessions
from deelwijzer.accounts.csp import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

# What a user who gave only a password may open.
# (session_status answers such a user itself: not signed in yet.)
OPEN_BEFORE_TWO_FACTOR = frozenset(
    {"login", "logout", "two_factor", "two_factor_enrol", "session_status"}
)


def _login_url_with_next(request) -> str:
    return f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}"


def signed_out_message(reason: str, *, posted: bool) -> str:
    """Why the session ended, said on the sign-in page; after a post, also that it was lost."""
    if reason == "idle":
        text = _(
            "Je bent automatisch uitgelogd, omdat je %(minutes)d minuten niets in Deelwijzer "
            "hebt gedaan."
        ) % {"minutes": settings.SESSION_IDLE_SECONDS // 60}
    elif reason == "provider":
        text = _("Je bent automatisch uitgelogd, omdat je inlog via je organisatie is verlopen.")
    else:
        text = _("Je bent automatisch uitgelogd, omdat je %(hours)d uur was ingelogd.") % {
            "hours": settings.SESSION_ABSOLUTE_SECONDS // 3600
        }
    if posted:
        text += " " + _("Wat je net verstuurde, is niet opgeslagen.")
    return text + " " + _("Log opnieuw in om verder te gaan.")


# The address of session_status (urls.py uses it), as request.path_info gives it: compared on
# every request, without reversing it and whatever prefix the site is served under.
SESSION_STATUS_PATH = "/sessie/"


class SessionTimeoutMiddleware:
    """Ends a session after 30 minutes without use or 12 hours after sign-in (ASVS V7.3).

    The sign-in page then says why. Asking how long the session has left (a GET of
    session_status, which the pages' static/deelwijzer/session.js does) is no use of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            status = request.path_info == SESSION_STATUS_PATH
            reason = sessions.expired_reason(request.session)
            if reason is not None:
                request.deelwijzer_logout_reason = reason
                posted = request.method not in ("GET", "HEAD")
                target = None if posted else _login_url_with_next(request)
                logout(request)  # flushes the session on the server
                if status or request.headers.get("HX-Request"):
                    # a question of session.js, or a live update (HTMX): no sign-in page to
                    # swap into a part of the page; the page says it (session.js)
                    return JsonResponse({"signed_in": False}, status=401)
                messages.info(request, signed_out_message(reason, posted=posted))
                return redirect(target or "login")
            if not (status and request.method == "GET"):
                sessions.touch(request.session)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """A password alone opens nothing but the two-factor step (ASVS V6.3, NEN 7510 9.4.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_BEFORE_TWO_FACTOR:
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if request.path_info.startswith("/api/"):
            return None  # the API ignores the session: a token alone signs in there (api.auth)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse("two_factor") + (f"?{query}" if query else ""))


class ContentSecurityPolicyMiddleware:
    """Every response carries the policies: scripts and styles only from our own files, and no
    browser feature such as the camera or the location (Permissions-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
