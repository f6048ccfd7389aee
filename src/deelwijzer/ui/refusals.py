"""A refused form answers 422 (Unprocessable Content), whatever page it is on.

A view that refuses a form re-renders the page with the form and its error summary, and
Django answers that with 200 unless the view says otherwise. The summary
(``ui/_form_errors.html``) calls ``{% refused form %}`` (ui/templatetags/refusals.py), which
marks the request; this middleware then turns a 200 answer to a POST into 422, so that one code
says "your input was refused" everywhere (issue #16: every form answers bad input with 4xx and
keeps the input). Browsers show a 422 page like any other. A form refused because someone else
changed the same thing meanwhile (a service's ``stale_version``) answers 409, as the API does
(api/problems.py).

Left alone: HTMX requests (htmx 2 does not swap a 4xx answer by default, and its posts here
are live checks whose answer is a fragment, not a refusal), other methods, and every answer
that is not 200 (a redirect after success, 409 for a closed case or a concurrent edit, 413).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

UNPROCESSABLE = 422
CONFLICT = 409
STALE_VERSION = "stale_version"  # the services' code for "changed meanwhile"
_FLAG = "_deelwijzer_refused"
REASONS = {UNPROCESSABLE: "Unprocessable Content", CONFLICT: "Conflict"}


def mark_refused(request: HttpRequest, *, conflict: bool = False) -> None:
    """Answer this request as refused: 409 when ``conflict`` (for any form on the page)."""
    if conflict or refused_status(request) is None:
        setattr(request, _FLAG, CONFLICT if conflict else UNPROCESSABLE)


def refused_status(request: HttpRequest) -> int | None:
    return getattr(request, _FLAG, None)


class RefusedFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = refused_status(request)
        if (
            status is not None
            and response.status_code == 200
            and request.method == "POST"
            and not request.headers.get("HX-Request")
        ):
            response.status_code = status
            response.reason_phrase = REASONS[status]
        return response
