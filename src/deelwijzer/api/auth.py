"""Token-only authentication: ``Authorization: Bearer <token>``. A session is never enough,
so the API needs no CSRF protection and a browser's cookie cannot act through it."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from deelwijzer.api.tokens import token_user
from deelwijzer.audit import context


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = token_user(token)
        if user is None:
            return None
        # Audit rows written during this request say they came through the API.
        current = context.current()
        context.set_context(
            context.AuditContext(client_address=current.client_address, channel="api")
        )
        return user
