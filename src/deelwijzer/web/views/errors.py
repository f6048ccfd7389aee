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
