"""The API refuses an invisible control character in a new case's names and lines, naming
the field (the web forms: tests/web/test_control_characters.py)."""

from __future__ import annotations

import pytest

from deelwijzer.cases.models import Case

BELL = "Tekst\x07met bel"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": BELL}, "name"),
        ({"role_on_team": "mentor\x1b"}, "role_on_team"),
        ({"identifiers": ["klas\x07 4A"]}, "identifiers"),
        ({"guardians": [{"name": "Kees\x07 de Boer", "relation": "vader"}]}, "guardians"),
    ],
)
def test_the_api_refuses_them_in_a_new_case_too(personas, api_as, change, field):
    """The API's input reaches the service without a form: the service names them itself."""
    body = {"name": "Sara de Boer", "birth_date": "2010-05-01", "role_on_team": "mentor"}
    before = Case.objects.count()
    response = api_as(personas.professional).post("/cases", {**body, **change})
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and "onzichtbaar stuurteken" in e["message"] for e in errors)
    assert Case.objects.count() == before
