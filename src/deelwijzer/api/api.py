"""The NinjaAPI object: token auth, problem+json errors, the endpoint modules, the schema."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from deelwijzer.api.auth import TokenAuth
from deelwijzer.api.endpoints import (
    attachments,
    casefiles,
    cases,
    inbox,
    insight,
    lifecycle,
    step1,
    step2,
    step3,
    step4,
    step5,
    step6,
    transfers,
)
from deelwijzer.api.links import add_links
from deelwijzer.api.messages import in_dutch
from deelwijzer.api.problems import ERRORS, HANDLERS, MEDIA_TYPE, Problem

DESCRIPTION = """\
De REST-API van Deelwijzer, voor de systemen die scholen en jeugdhulporganisaties al gebruiken
(leerlingadministratie, elektronisch cliëntdossier). Elke aanroep gaat door dezelfde services,
hetzelfde toegangsbeleid en dezelfde audittrail als de webapp.

Aanmelden: maak een API-sleutel aan in Deelwijzer (menu "API-sleutels") en stuur hem mee als
`Authorization: Bearer <sleutel>`. Een sleutel handelt met precies de rechten van zijn gebruiker.
Fouten komen als `application/problem+json` (RFC 9457). Elke lijst heeft `?page=N`.
"""


class DeelwijzerAPI(NinjaAPI):
    def get_operation_url_name(self, operation, router) -> str:
        return f"api_{operation.view_func.__name__}"

    def get_openapi_operation_id(self, operation) -> str:
        """The endpoint's own name (``signal_add``), as a generated client names its method;
        ninja's default put the module path before it (``deelwijzer_api_endpoints_step1_…``)."""
        return operation.view_func.__name__

    def create_response(self, request, data, *, status=None, temporal_response=None):
        """Answers hold case content: never kept in a cache (as web.middleware does for pages)."""
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Cache-Control"] = "no-store"
        return response

    def validation_error_from_error_contexts(self, error_contexts):
        """Each refusal in Dutch, as the rest of the API answers (``api.messages``); a text
        with a control character named as a form names it. Ninja drops the input that names
        them: read here again, in the same order."""
        error = super().validation_error_from_error_contexts(error_contexts)
        raw = [
            item
            for context in error_contexts
            for item in context.pydantic_validation_error.errors(include_url=False)
        ]
        for item, original in zip(error.errors, raw, strict=True):
            item["msg"] = in_dutch(original) or item["msg"]
        return error

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"]["schemas"].update(PROBLEM_SCHEMAS)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                _document_errors(operation.setdefault("responses", {}))
        add_links(schema)
        return schema


_PROBLEM = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
PROBLEM_SCHEMAS = {**_PROBLEM.pop("$defs"), "Problem": _PROBLEM}  # even if no operation names it
DOCUMENTED = [status for status in ERRORS if status != 405]  # 405: no operation to document


def _document_errors(responses: dict) -> None:
    """Every operation answers each status of ``ERRORS`` as application/problem+json, also
    those added later by another router: documented here, in one place, for all of them."""
    problem = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for status in DOCUMENTED:
        description = str(ERRORS[status][3])
        responses[status] = {"description": description, "content": problem}
    for status, response in responses.items():  # any other error an operation names
        if int(status) >= 400:
            response["content"] = problem


api = DeelwijzerAPI(
    title="Deelwijzer API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

for exception, handler in HANDLERS:
    api.add_exception_handler(exception, handler)

for module in (
    casefiles, cases, lifecycle, step1, step2, step3, step4, step5, step6, attachments, inbox,
    insight, transfers,
):  # fmt: skip
    api.add_router("", module.router)
