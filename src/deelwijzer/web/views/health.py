"""``/healthz``: the process answers. No database, no session, nothing about any case.

For a load balancer's health check, and the floor of the load test in ``make bench``: the
cost of a request through gunicorn and Django's middleware, without any work of our own.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
