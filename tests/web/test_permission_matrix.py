"""Every URL, every persona: the status code must match the tables.

Each app keeps its part of the table in ``tests/<app>/permissions.py`` (listed in
tests/permissions.py). A URL that no table names fails ``test_every_url_is_in_a_table``.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import TABLE_MODULES


def _modules():
    return [importlib.import_module(m) for m in TABLE_MODULES if importlib.util.find_spec(m)]


def _merged(attribute: str) -> dict[str, tuple[object, dict[str, int]]]:
    merged: dict[str, tuple[object, dict[str, int]]] = {}
    for module in _modules():
        for name, row in getattr(module, attribute, {}).items():
            assert name not in merged, f"{name} is in two permission tables"
            merged[name] = (module, row)
    return merged


GET_ROWS = _merged("GET_TABLE")
POST_ROWS = _merged("POST_TABLE")


def url_names(patterns=None) -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = url_names(entry.url_patterns)
            # a namespaced include (the API's) is named as reverse() needs it: "api:api_cases"
            names |= {f"{entry.namespace}:{n}" for n in inner} if entry.namespace else inner
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def url_for(name: str, module, personas) -> str:
    return reverse(name, kwargs=module.url_kwargs(name, personas))


def test_every_url_is_in_a_table():
    assert url_names() == set(GET_ROWS)


@pytest.mark.parametrize("name", sorted(GET_ROWS))
def test_get_status_per_persona(name, personas, client_for):
    module, expected = GET_ROWS[name]
    got = {}
    for persona, user in personas.all().items():
        got[persona] = client_for(user).get(url_for(name, module, personas)).status_code
    assert got == expected


@pytest.mark.parametrize("name", sorted(POST_ROWS))
def test_post_status_per_persona(name, personas, client_for):
    module, expected = POST_ROWS[name]
    got = {}
    for persona, user in personas.all().items():
        body = getattr(module, "POST_BODIES", {}).get(name, {"active": "1"})
        got[persona] = client_for(user).post(url_for(name, module, personas), body).status_code
    assert got == expected


def test_other_organisations_case_is_404_even_for_its_org_admin(personas, client_for):
    url = reverse("case_detail", kwargs={"case_id": personas.other_case.public_id})
    for user in (personas.professional, personas.org_admin, personas.auditor):
        assert client_for(user).get(url).status_code == 404
