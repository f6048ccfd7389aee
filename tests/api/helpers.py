"""Calling the API with a token, as an outside system would."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder

from deelwijzer.api.tokens import api_token_create

BASE = "/api/v1"


def token_for(user, name: str = "test") -> str:
    _token, secret = api_token_create(actor=user, name=name)
    return secret


class ApiClient:
    """A Django test client that sends ``Authorization: Bearer`` and JSON, nothing else
    (no session cookie)."""

    def __init__(self, client, secret: str | None):
        self.client = client
        self.client.cookies.clear()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def _send(self, method: str, path: str, body=None, **params):
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(
                data=json.dumps(body, cls=DjangoJSONEncoder), content_type="application/json"
            )
        elif params:
            kwargs["data"] = params
        return getattr(self.client, method)(BASE + path, **kwargs)

    def get(self, path: str, **params):
        return self._send("get", path, **params)

    def post(self, path: str, body=None):
        return self._send("post", path, body if body is not None else {})

    def put(self, path: str, body=None):
        return self._send("put", path, body if body is not None else {})

    def delete(self, path: str, body=None):
        return self._send("delete", path, body if body is not None else {})
