"""``/healthz``: the process answers (liveness). No database, no session, nothing about any case.
``/readyz``: the node may take traffic (readiness, deelwijzer/ops/readiness.py).

For a load balancer's health check, and the floor of the load test in ``make bench``: the
cost of a request through gunicorn and Django's middleware, without any work of our own.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from deelwijzer.ops import readiness


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """200 "ready", or 503 with one line per problem (names only, no detail of the setup)."""
    problems = readiness.problems()
    if problems:
        return HttpResponse("\n".join(problems), status=503, content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")
