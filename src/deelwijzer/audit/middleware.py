from deelwijzer.audit.context import AuditContext, reset_context, set_context


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_context(AuditContext(client_address=request.META.get("REMOTE_ADDR", "")))
        try:
            return self.get_response(request)
        finally:
            reset_context(token)
