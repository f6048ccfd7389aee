"""Under /api/ every error is ``application/problem+json``: what the API's own handlers
(api.problems) did not answer (Django's 404 for an unknown address, ninja's 405, Django's
400/413 for a request it refused before the API saw it, a 500) is rewritten here, keeping
the status and every header but the body's own (Allow, WWW-Authenticate, the security
headers of the middleware inside this one). First in MIDDLEWARE, so it sees them all."""

from __future__ import annotations

from deelwijzer.api.problems import MEDIA_TYPE, generic

PREFIX = "/api/"
BODY_HEADERS = {"content-type", "content-length", "cache-control"}


class ProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith(PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(MEDIA_TYPE)
        ):
            problem = generic(response.status_code)
            for name, value in response.items():
                if name.lower() not in BODY_HEADERS:
                    problem[name] = value
            return problem
        return response
