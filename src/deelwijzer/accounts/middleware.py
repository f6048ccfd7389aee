"""Sign-in middleware: the two-factor gate, the session time-outs and the CSP header."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from deelwijzer.accounts import sessions
from deelwijzer.accounts.csp import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

# What a user who gave only a password may open.
OPEN_BEFORE_TWO_FACTOR = frozenset({"login", "logout", "two_factor", "two_factor_enrol"})


def _login_url_with_next(request) -> str:
    return f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}"


class SessionTimeoutMiddleware:
    """Ends a session after 30 minutes without use or 12 hours after sign-in (ASVS V7.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = sessions.expired_reason(request.session)
            if reason is not None:
                request.deelwijzer_logout_reason = reason
                target = _login_url_with_next(request) if request.method == "GET" else None
                logout(request)  # flushes the session on the server
                return redirect(target or "login")
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
