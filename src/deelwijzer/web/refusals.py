"""A refused form answers 422 (Unprocessable Content), whatever page it is on.

A view that refuses a form re-renders the page with the form and its error summary, and
Django answers that with 200 unless the view says otherwise. The summary
(``web/_form_errors.html``) calls ``{% refused %}`` (web/templatetags/refusals.py), which marks
the request; this middleware then turns a 200 answer to a POST into 422, so that one code says
"your input was refused" everywhere (issue #16: every form answers bad input with 4xx and
keeps the input). Browsers show a 422 page like any other.

Left alone: HTMX requests (htmx 2 does not swap a 4xx answer by default, and its posts here
are live checks whose answer is a fragment, not a refusal), other methods, and every answer
that is not 200 (a redirect after success, 409 for a closed case or a concurrent edit, 413).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

UNPROCESSABLE = 422
_FLAG = "_deelwijzer_refused"


def mark_refused(request: HttpRequest) -> None:
    setattr(request, _FLAG, True)


def is_refused(request: HttpRequest) -> bool:
    return bool(getattr(request, _FLAG, False))


class RefusedFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 200
            and request.method == "POST"
            and not request.headers.get("HX-Request")
            and is_refused(request)
        ):
            response.status_code = UNPROCESSABLE
            response.reason_phrase = "Unprocessable Content"
        return response
