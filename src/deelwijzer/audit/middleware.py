from deelwijzer.audit.client_address import client_address
from deelwijzer.audit.context import AuditContext, reset_context, set_context


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_context(AuditContext(client_address=client_address(request)))
        try:
            return self.get_response(request)
        finally:
            reset_context(token)
