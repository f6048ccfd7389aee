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
        ({"identifiers": ["klas\x07 4A"]}, "identifiers.0"),
        ({"guardians": [{"name": "Kees\x07 de Boer", "relation": "vader"}]}, "guardians.0.name"),
    ],
)
def test_the_api_refuses_them_in_a_new_case_too(personas, api_as, change, field):
    """The API's types refuse them as the service does, naming the item: "identifiers.0"."""
    body = {"name": "Sara de Boer", "birth_date": "2010-05-01", "role_on_team": "mentor"}
    before = Case.objects.count()
    response = api_as(personas.professional).post("/cases", {**body, **change})
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["field"] == field and "onzichtbaar stuurteken" in e["message"] for e in errors)
    assert Case.objects.count() == before


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Zegt\x07 dat hij niet meer komt.", "(U+0007)"),
        ("\x07\x08\x1b", "(U+0007, U+0008, U+001B)"),
        ("Pagina\x0c twee", "(U+000C)"),
        ("Uit een oud systeem\x85", "(U+0085)"),
    ],
)
def test_an_entrys_text_with_them_is_refused_naming_them(personas, api_as, text, codes):
    """An answer of only a bell, a backspace and an escape counted as given through the API
    while every form refused it: the API's types refuse them as the forms do, with the same
    words, and store nothing."""
    from deelwijzer.signalling.models import Signal

    case = personas.case.public_id
    response = api_as(personas.professional).post(
        f"/cases/{case}/signals", {"observed_on": "2026-10-05", "text": text}
    )
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert error["field"] == "text"
    assert error["message"].startswith("Hier staa") and codes in error["message"]
    assert not Signal.objects.filter(case__public_id=case).exists()


def test_tabs_and_line_breaks_are_text(personas, api_as):
    case = personas.case.public_id
    text = "Eerste regel\r\nTweede\tregel\nDerde regel"
    response = api_as(personas.professional).post(
        f"/cases/{case}/signals", {"observed_on": "2026-10-05", "text": text}
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == text


def test_a_filter_with_one_is_refused_too(personas, api_as):
    """A query value is read by the same pattern (the audit log's filters)."""
    response = api_as(personas.auditor).get("/audit?action=case.view%07")
    assert response.status_code == 422, response.content
    assert "(U+0007)" in response.json()["errors"][0]["message"]
