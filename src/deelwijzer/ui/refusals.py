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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

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


# The recipient's pages of a delivery (disclosures/recipient_urls.py), whose ``token`` is the
# delivery's link.
RECIPIENT_PAGES = frozenset(
    {"delivery_page", "delivery_pdf", "delivery_file", "delivery_confirm", "delivery_feedback"}
)


class MethodNotAllowedPageMiddleware:
    """An address that only takes a form (a POST), opened as a page: a bookmark, an address
    copied from the bar after a refused form, a tab the browser restored. Django's 405 has no
    body, so the user saw a blank page; this one says what the address is for and leads back
    (to the case, the delivery, or Mijn casussen). The status and the ``Allow`` header stay;
    the API answers its own 405 (api.problems)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.method != "GET" or response.content:
            return response
        if request.path_info.startswith("/api/"):
            return response
        # the same answer (its Allow, and a recipient page's own headers), with a body
        context = way_back(request)
        match = request.resolver_match
        if match and match.url_name in RECIPIENT_PAGES:  # the recipient's own plain layout
            context["layout"] = "disclosures/recipient/base.html"
        response.content = render_to_string("405.html", context, request)
        response["Content-Type"] = "text/html; charset=utf-8"
        return response


def way_back(request: HttpRequest) -> dict[str, str]:
    """``back_url`` and ``back_text``: where an error page leads back to, from its address."""
    match = request.resolver_match
    kwargs = match.kwargs if match else {}
    signed_in = request.user.is_authenticated
    if signed_in and "case_id" in kwargs:
        url = reverse("case_detail", kwargs={"case_id": kwargs["case_id"]})
        return {"back_url": url, "back_text": _("Naar de casus")}
    if match and match.url_name in RECIPIENT_PAGES:  # a reset link's token is no delivery's
        url = reverse("delivery_page", kwargs={"token": kwargs["token"]})
        return {"back_url": url, "back_text": _("Naar de gedeelde informatie")}
    if signed_in:
        return {"back_url": reverse("dashboard"), "back_text": _("Naar Mijn casussen")}
    return {"back_url": reverse("login"), "back_text": _("Naar Inloggen")}
