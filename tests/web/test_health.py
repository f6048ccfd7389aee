"""/healthz answers "ok" to anyone, without touching the database."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_healthz_answers_ok_without_a_query(client, db):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert captured.captured_queries == []


def test_healthz_takes_only_get(client, db):
    assert client.post("/healthz").status_code == 405
