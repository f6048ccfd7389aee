"""Error pages that Django would answer in English or with nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from deelwijzer.ui.refusals import way_back


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid CSRF token (settings.CSRF_FAILURE_VIEW): said in Dutch,
    with what happened to what was sent and what to do, and a way back (to the case, Mijn
    casussen or signing in). The recipient's pages check their origin themselves
    (disclosures.recipient_views) and never come here."""
    return render(request, "web/not_sent.html", way_back(request), status=403)


RECIPIENT_PREFIX = "/ontvangen/"


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 (urls.handler404). Under the recipient's addresses it is the recipient's own
    plain page ("Deze link bestaat niet"), without the staff menu, the way back to Mijn
    casussen they cannot sign in to, or the footer's word for what the app is about (the
    recipient walk)."""
    if request.path_info.startswith(RECIPIENT_PREFIX):
        context = {"reason": "unknown", "sender": ""}
        response = render(request, "disclosures/recipient/closed.html", context, status=404)
        response["Referrer-Policy"] = "no-referrer"  # a token may be in the address
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "404.html", status=404)
