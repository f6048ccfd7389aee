"""A value that does not decrypt (changed in the database, or its key is missing) ends the
request with a clear Dutch page and an audit event, never a traceback or garbage."""

from __future__ import annotations

import logging

from django.db import transaction
from django.shortcuts import render

from deelwijzer import crypto
from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseClosed, RemovedFromTeam, case_access
from deelwijzer.inputs import posted_texts

log = logging.getLogger(__name__)


class EncryptionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, crypto.EncryptionError):
            return None
        user = getattr(request, "user", None)
        audit_unreadable(request, exception, user if user and user.is_authenticated else None)
        return render(request, "cases/encryption_error.html", status=500)


class CaseClosedMiddleware:
    """A write to a closed case (cases.access.CaseClosed, raised before anything is saved):
    a 409 page with the date and reason of closing, the way to reopen it for the team, and
    what the post had typed in it (closed by someone else while this was being written)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RemovedFromTeam) and not request.path.startswith("/api/"):
            return _removed(request, exception)
        if not isinstance(exception, CaseClosed):
            return None
        case = exception.case
        context = {"case": case, "access": case_access(request.user, case)}
        if request.method == "POST":  # closed while this was typed: give it back, to copy
            context["unsaved"] = posted_texts(request.POST)
            context["posted"] = True
        return render(request, "cases/closed.html", context, status=409)


def _removed(request, exception: RemovedFromTeam):
    """Taken off the team: the 404 says so, and gives back what a post had typed (taken off
    while this was written; before, a plain "bestaat niet" page lost it; the team walk)."""
    context = {
        "case": exception.case,
        "removed_at": exception.removed_at,
        "change": exception.change,
    }
    if request.method == "POST":
        context["unsaved"] = posted_texts(request.POST)
    return render(request, "cases/removed.html", context, status=404)


def audit_unreadable(request, exception: crypto.EncryptionError, actor) -> None:
    """Log (ids only, never content) and audit a value that did not decrypt; the API's
    handler answers with its own problem+json after this."""
    log.error("encrypted value not readable: %s", exception)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="crypto.decrypt_failed",
            outcome=Outcome.FAILURE,
            object_type="encrypted_value",
            object_id=getattr(exception, "key_id", ""),
            detail={
                "column": getattr(exception, "context", ""),
                "reason": type(exception).__name__,
                "path": request.path,
            },
        )
