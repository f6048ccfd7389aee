"""Middleware that records refused access in the audit trail (issue #17.7).

Recorded: every 403; every 401 of the API (a missing or wrong token); a 404 on a URL of a case
(``case_id`` in the route, e.g. a case of another organisation) or of the API. Not recorded: a
404 on a path that matches no route (scanners), so that noise cannot flood the trail. Only on
refusal does this cost anything (one insert, one lookup of the case's organisation).
"""

from __future__ import annotations

from uuid import UUID

from deelwijzer.cases.reads import access_refused_record


def _case_id(request) -> UUID | None:
    """The case's public id in the route (#17.15), if the route has one and it is a UUID."""
    match = getattr(request, "resolver_match", None)
    raw = match.kwargs.get("case_id") if match is not None else None
    if raw is None or isinstance(raw, UUID):
        return raw
    try:
        return UUID(str(raw))
    except ValueError:
        return None


def _actor(request):
    auth = getattr(request, "auth", None)  # the API's token user (api.auth)
    if auth is not None and getattr(auth, "pk", None):
        return auth
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _is_refusal(request, status: int, case_id: UUID | None) -> bool:
    api = request.path_info.startswith("/api/")
    if status == 403:
        return True
    if status == 401:
        return api
    if status == 404:
        return case_id is not None or (api and request.resolver_match is not None)
    return False


class RefusedAccessAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status in {401, 403, 404}:
            case_id = _case_id(request)
            if _is_refusal(request, status, case_id):
                access_refused_record(
                    actor=_actor(request),
                    path=request.path,
                    method=request.method,
                    status=status,
                    case_id=case_id,
                )
        return response
