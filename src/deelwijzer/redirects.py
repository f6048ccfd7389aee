"""The one gate for redirect targets taken from a request (``next``), issue #17.5; beside the
apps, so that sign-in (accounts) and the step pages use it without importing ``web/``.

Only a path on this site passes: it starts with a single ``/``, and Django's
``url_has_allowed_host_and_scheme`` agrees. Anything else (``abc``, ``//evil.example``,
``https://evil.example``, a backslash trick) gives the default, so a redirect can neither leave
the site nor be resolved as a URL name (which raised NoReverseMatch, a 500).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_path(candidate: str, request: HttpRequest) -> bool:
    if not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return False
    return url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str, candidate: str | None = None) -> str:
    """``candidate`` (or the request's ``next``, POST before GET) if it is a path on this site,
    otherwise ``default`` (a path, already reversed)."""
    if candidate is None:
        candidate = request.POST.get("next") or request.GET.get("next") or ""
    return candidate if is_safe_path(candidate, request) else default
