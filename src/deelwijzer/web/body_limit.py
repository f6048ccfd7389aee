"""Refuse a request body larger than ``procedure.limits.REQUEST_BODY_MAX`` before anything
reads it: 413, as problem+json under /api/ and as a Dutch page elsewhere.

Django's own DATA_UPLOAD_MAX_MEMORY_SIZE (set to the same number) guards what is parsed as
a form; this answers every path, the API's JSON and the case-file import included, with the
right status and a reason instead of Django's bare 400. A body without a Content-Length is
not read by Django's WSGI handler at all.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from deelwijzer.attachments.limits import upload_body_max
from deelwijzer.attachments.services import too_large_message
from deelwijzer.procedure.limits import REQUEST_BODY_MAX, TEXT_MAX


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def too_large(request: HttpRequest) -> HttpResponse:
    megabytes = REQUEST_BODY_MAX // (1024 * 1024)
    detail = _(
        "Wat je verstuurde is groter dan %(mb)s MB en is niet gelezen. Een tekst is hoogstens "
        "%(chars)s tekens lang: kort in wat langer is en verstuur opnieuw."
    ) % {"mb": megabytes, "chars": f"{TEXT_MAX:,}".replace(",", ".")}
    if upload_body_max(request.path) is not None:
        detail = (
            too_large_message(settings.ATTACHMENT_FILE_MAX_BYTES)
            + " "
            + _("Het is niet gelezen en niet opgeslagen.")
        )
    if request.path.startswith("/api/"):
        from deelwijzer.api.problems import problem

        return problem(413, "payload-too-large", _("Te groot"), detail)
    return render(request, "413.html", {"detail": detail}, status=413)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = upload_body_max(request.path) or REQUEST_BODY_MAX
        if _declared_length(request) > limit:
            return too_large(request)
        return self.get_response(request)
