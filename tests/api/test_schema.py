"""schemathesis against the published schema: for every operation, generated requests with a
real token on real paths give no 5xx and responses that conform to the schema; without a
token every operation is refused (401, problem+json, as documented)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from deelwijzer.api.api import api
from tests.api.data import case_with_entries
from tests.api.helpers import token_for
from tests.permissions import NO_ROW

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 10


def _labels() -> list[str]:
    paths = api.get_openapi_schema(path_prefix="/api/v1/")["paths"]
    return [f"{method.upper()} {path}" for path, ops in paths.items() for method in ops]


LABELS = _labels()


@pytest.fixture
def app():
    """Django's WSGI app called in-process, inside the test's transaction: as the test client
    does, the request signals must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def published():
    """The published document (the test below checks that it is what /openapi.json serves)."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


@pytest.fixture
def schema(app, published):
    loaded = schemathesis.openapi.from_dict(published)
    loaded.app = app
    return loaded


def test_the_schema_is_published_as_openapi_3(client, published):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document == published
    assert document["openapi"].startswith("3.")
    assert "/api/v1/cases/{case_id}/evaluation" in document["paths"]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


SEGMENT_KEYS = {
    "signals": "s1", "opinions": "o1", "diagnoses": "d1", "advice": "a2",
    "conversations": "c1", "risks": "r1", "disclosures": "x1", "inbox": "a1",
    "attachments": "f1",
}  # fmt: skip


def real_path(operation, personas) -> dict:
    """Path parameters that name the personas' case and an entry that exists in it."""
    values: dict = {}
    names = {p.name for p in operation.path_parameters}
    if "case_id" in names:
        values["case_id"] = str(personas.case.public_id)
    if "key" in names:
        segment = operation.path.split("/")[3 if operation.path.startswith("/api/v1/inbox") else 5]
        values["key"] = SEGMENT_KEYS.get(segment, "s1")
    return values


@pytest.mark.parametrize("label", LABELS)
def test_operation_conforms_and_never_fails(label, schema, personas):
    case_with_entries(personas)
    operation = schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]
    user = personas.attention_officer if "/inbox" in label else personas.professional
    headers = {"Authorization": f"Bearer {token_for(user)}"}
    real = operation.as_strategy(path_parameters=real_path(operation, personas))
    strategy = st.one_of(real, operation.as_strategy()) if real_path(operation, personas) else real

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    run()


@pytest.mark.parametrize("label", LABELS)
def test_operation_refuses_a_call_without_token(label, schema, db):
    operation = schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]
    names = {p.name for p in operation.path_parameters}
    path = {"case_id": NO_ROW, "key": "s1", "delivery_id": NO_ROW, "transfer_id": NO_ROW}

    @settings(max_examples=1, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(path_parameters={k: path[k] for k in names}))
    def run(case):
        for headers in ({}, {"Authorization": "Bearer dw_unknown"}):
            case.headers = headers
            response = case.call()
            assert response.status_code == 401
            assert response.headers["content-type"][0].startswith("application/problem+json")
            case.validate_response(response, checks=CHECKS)

    run()
