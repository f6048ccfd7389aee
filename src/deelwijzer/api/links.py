"""OpenAPI links: an answer that names an id or a key leads to the operations on it (the
list of cases to each case's operations, a new signal to its correction, …). Clients can
follow them; schemathesis's stateful runs chain requests along them. Made from the paths,
so a new operation under an existing one gets its links without being named here."""

from __future__ import annotations

import re

PARAMETER = re.compile(r"{(\w+)}")


def add_links(schema: dict) -> None:
    paths = schema["paths"]
    components = schema["components"]["schemas"]
    for source_path, operations in paths.items():
        for source in operations.values():
            for status, response in source["responses"].items():
                ref = _json_ref(response) if str(status).startswith("2") else None
                if ref is None:
                    continue
                links = _links(source_path, *_fields(components, ref), paths)
                if links:
                    response["links"] = links


def _json_ref(response: dict) -> str | None:
    return response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")


def _fields(components: dict, ref: str) -> tuple[set[str], str]:
    """The answer's fields and where they are: the first item of a page, or the body."""
    schema = components[ref.rsplit("/", 1)[1]]
    properties = schema.get("properties", {})
    if {"items", "page"} <= set(properties):  # api.pages: a page of a list
        item = components[properties["items"]["items"]["$ref"].rsplit("/", 1)[1]]
        return set(item.get("properties", {})), "/items/0"
    return set(properties), ""


def _links(source_path: str, fields: set[str], prefix: str, paths: dict) -> dict:
    links = {}
    known = set(PARAMETER.findall(source_path))
    for target_path, operations in paths.items():
        new = [p for p in PARAMETER.findall(target_path) if p not in known]
        if not target_path.startswith(source_path + "/") or not new:
            continue
        values = {name: f"$request.path.{name}" for name in known}
        for name in new:
            field = name if name in fields else "id" if name == "case_id" else None
            if field not in fields:
                break
            values[name] = f"$response.body#{prefix}/{field}"
        else:
            for target in operations.values():
                links[target["operationId"]] = {
                    "operationId": target["operationId"],
                    "parameters": values,
                }
    return links
