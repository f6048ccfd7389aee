"""A request id for every request, carried through: taken from the balancer's ``X-Request-ID``
(HAProxy's ``unique-id``, deploy/haproxy.cfg) when it looks like one, made here otherwise; put
on every log line of the request (``RequestIdFilter``) and sent back in ``X-Request-ID``."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
_SAFE = re.compile(r"^[A-Za-z0-9._:-]{1,80}$")  # nothing a log reader could be fooled by
_current: ContextVar[str] = ContextVar("request_id", default="")


def current() -> str:
    return _current.get()


def _chosen(given: str) -> str:
    return given if _SAFE.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _chosen(request.headers.get(HEADER, ""))
        # Not reset on the way out: Django logs a 4xx/5xx ("Not Found: ...") after the
        # middleware has returned. The next request on this thread sets its own.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request: a job, a command)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(record, "request_id", None) or current()
        return True
