"""Errors as ``application/problem+json`` (RFC 9457), in the words the app itself uses.

A service's ``ValidationError`` becomes 422 with every message in ``errors`` (field by field
where the service named the field); a stale ``expected_version`` (code ``stale_version``)
becomes 409, as does any write to a closed case (``case-closed``). 404 for a case the user
has no part in, exactly as in the web app. A body that is too large is 413, one that cannot be
read 400, a stored value that does not decrypt 500 (audited); ``ERRORS`` lists every status an
operation can answer, for the OpenAPI document. Whatever still answers an error under the API
in another form (Django's own 404 for an unknown address, ninja's 405) is rewritten by
``api.middleware.ProblemMiddleware``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from deelwijzer import crypto
from deelwijzer.cases.access import CaseClosed
from deelwijzer.cases.middleware import audit_unreadable
from deelwijzer.procedure.casefile import CaseFileError

MEDIA_TYPE = "application/problem+json"
STALE = "stale_version"
TYPE_BASE = "urn:deelwijzer:problem:"


class ProblemItem(Schema):
    field: str | None = None
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemItem] = []


def problem(
    status: int, kind: str, title: str, detail: str, errors: list[dict] | None = None, **headers
) -> HttpResponse:
    body = {
        "type": TYPE_BASE + kind,
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=MEDIA_TYPE
    )
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


# The services name a chosen colleague or contact as the web forms do ("user", "contact");
# the API's bodies carry its id, and an error names the field that was sent (the API walk).
API_FIELDS = {"__all__": None, "user": "user_id", "contact": "contact_id"}


def validation_items(error: ValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": API_FIELDS.get(name, name), "message": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in error.messages]


def _codes(error: ValidationError) -> set[str | None]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    items = validation_items(error)
    detail = " ".join(item["message"] for item in items)
    if STALE in _codes(error):
        return problem(409, "conflict", _("Intussen gewijzigd"), detail, items)
    return problem(422, "validation", _("Niet opgeslagen: controleer de invoer"), detail, items)


def on_request_invalid(request: HttpRequest, error: RequestValidationError) -> HttpResponse:
    items = []
    for e in error.errors:
        location = [str(part) for part in e.get("loc", ()) if part not in ("body", "payload")]
        items.append({"field": ".".join(location) or None, "message": str(e.get("msg", ""))})
    detail = _("Het verzoek past niet bij de beschrijving van de API (openapi.json).")
    return problem(422, "request", _("Ongeldig verzoek"), detail, items)


def on_casefile_error(request: HttpRequest, error: CaseFileError) -> HttpResponse:
    items = [
        {
            "field": line.split(":", 1)[0] if line.startswith(("$", "role_on_team:")) else None,
            "message": line,
        }
        for line in error.problems
    ]
    detail = ngettext(
        "Het casusbestand is niet geldig: %(n)s probleem.",
        "Het casusbestand is niet geldig: %(n)s problemen.",
        len(items),
    ) % {"n": len(items)}
    return problem(422, "casefile", _("Ongeldig casusbestand"), detail, items)


def on_not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    detail = _(
        "Dit bestaat niet, of het is niet voor jou: je hoort niet bij het team van deze casus."
    )
    return problem(404, "not-found", _("Niet gevonden"), detail)


def on_denied(request: HttpRequest, error: Exception) -> HttpResponse:
    detail = _("Je rol geeft geen toegang tot dit onderdeel.")
    return problem(403, "forbidden", _("Geen toegang"), detail)


def on_unauthenticated(request: HttpRequest, error: Exception) -> HttpResponse:
    detail = _(
        "Geef een geldige API-sleutel mee: Authorization: Bearer <sleutel>. Een ingetrokken "
        "sleutel werkt niet meer."
    )
    return problem(401, "unauthenticated", _("Niet aangemeld"), detail, WWW_Authenticate="Bearer")


def on_case_closed(request: HttpRequest, error: CaseClosed) -> HttpResponse:
    case = error.case
    detail = _(
        "Deze casus is gesloten op %(d)s; er is niets opgeslagen. Een gesloten casus is alleen "
        "te lezen. Reden van sluiten: %(r)s. Wie in het team staat, kan hem heropenen met "
        "POST /api/v1/cases/%(id)s/reopen en een reden."
    ) % {"d": timezone.localdate(case.closed_at).isoformat(),
         "r": case.close_reason.rstrip().rstrip("."), "id": case.public_id}  # fmt: skip
    return problem(409, "case-closed", _("Casus gesloten"), detail)


def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:  # ninja: the body is not JSON
        return on_unreadable_request(request, error)
    return problem(error.status_code, "http", str(error.message), str(error.message))


def on_too_large(request: HttpRequest, error: Exception) -> HttpResponse:
    return generic(413)


def on_unreadable_request(request: HttpRequest, error: Exception) -> HttpResponse:
    return generic(400)


def on_undecryptable(request: HttpRequest, error: crypto.EncryptionError) -> HttpResponse:
    audit_unreadable(request, error, getattr(request, "auth", None))
    return problem(
        500,
        "unreadable",
        _("Gegevens niet leesbaar"),
        _(
            "Een opgeslagen gegeven kon niet worden ontsleuteld; het is vastgelegd in de "
            "audittrail. Meld het aan je functioneel beheerder; tot dan lukt deze aanroep niet."
        ),
    )


# status: (kind, title, detail, description in the OpenAPI document)
ERRORS = {
    400: ("bad-request", _l("Onleesbaar verzoek"),
          _l("Het verzoek kon niet worden gelezen: stuur geldige JSON in UTF-8."),
          _l("Het verzoek is geen leesbare JSON.")),
    401: ("unauthenticated", _l("Niet aangemeld"), _l("Geef een geldige API-sleutel mee."),
          _l("Geen of een ongeldige API-sleutel.")),
    403: ("forbidden", _l("Geen toegang"), _l("Je rol geeft geen toegang tot dit onderdeel."),
          _l("Je rol geeft geen toegang.")),
    404: ("not-found", _l("Niet gevonden"),
          _l("Dit adres of dit gegeven bestaat niet, of het is niet voor jou."),
          _l("Bestaat niet, of is niet voor jou.")),
    405: ("method-not-allowed", _l("Methode niet toegestaan"),
          _l("Deze methode kan niet op dit adres; de header Allow noemt wat wel kan."),
          _l("Deze methode kan hier niet.")),
    409: ("conflict", _l("Intussen gewijzigd"),
          _l("Iemand anders heeft dit intussen gewijzigd; haal de nieuwe versie op."),
          _l("Iemand anders wijzigde het intussen (verouderde expected_version).")),
    413: ("too-large", _l("Verzoek te groot"),
          _l("Het verzoek is groter dan Deelwijzer aanneemt. Stuur minder tekst per aanroep."),
          _l("Het verzoek is te groot.")),
    422: ("validation", _l("Niet opgeslagen: controleer de invoer"),
          _l("De invoer past niet bij openapi.json of bij de regels van de werkwijze."),
          _l("De invoer past niet bij het schema of bij de regels van de werkwijze; "
             "errors noemt per veld wat er mis is.")),
    500: ("server-error", _l("Er ging iets mis"),
          _l("Er ging bij ons iets mis. Wat een service al vastlegde, blijft heel of is er "
             "helemaal niet: kijk met een GET wat er staat voor je het opnieuw probeert."),
          _l("Een fout aan onze kant.")),
}  # fmt: skip


def generic(status: int, **headers) -> HttpResponse:
    """The problem for a status whose cause says nothing more than the status itself."""
    kind, title, detail, _description = ERRORS.get(status, ERRORS[500 if status >= 500 else 400])
    return problem(status, kind, str(title), str(detail), **headers)


# Each handler takes its own kind of error: the stubs of add_exception_handler ask for one
# that takes any.
HANDLERS: tuple[tuple[type[Exception], Callable[..., HttpResponse]], ...] = (
    (ValidationError, on_validation_error),
    (RequestValidationError, on_request_invalid),
    (CaseFileError, on_casefile_error),
    (CaseClosed, on_case_closed),
    (Http404, on_not_found),
    (PermissionDenied, on_denied),
    (AuthenticationError, on_unauthenticated),
    (HttpError, on_http_error),
    (RequestDataTooBig, on_too_large),
    (SuspiciousOperation, on_unreadable_request),
    (crypto.EncryptionError, on_undecryptable),
)
