"""The sign-in page's error summary says what is wrong: with a field left empty it names that
field (linking to it, as every other summary does); only when both were filled in does it say
that the combination is unknown. A walk saw "Deze combinatie … kennen we niet" above two
fields that each said "Dit veld is verplicht."."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.personas import PASSWORD

UNKNOWN = "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet"


def _summary(response) -> str:
    found = re.findall(
        r'<div class="error-summary"[^>]*data-error-summary>(.*?)</div>',
        response.content.decode(),
        re.S,
    )
    assert len(found) == 1, response.content.decode()
    return found[0]


@pytest.mark.parametrize(
    "data,empty",
    [
        ({}, ["id_username", "id_password"]),
        ({"username": "", "password": ""}, ["id_username", "id_password"]),
        ({"username": "prof", "password": ""}, ["id_password"]),
        ({"username": "", "password": "iets"}, ["id_username"]),
    ],
)
def test_an_empty_field_is_named_not_an_unknown_combination(personas, client, data, empty):
    response = client.post(reverse("login"), {"next": "", **data})
    assert response.status_code == 422
    summary = _summary(response)
    assert UNKNOWN not in summary
    assert re.findall(r'<a href="#([^"]+)">', summary) == empty
    assert "Dit veld is verplicht." in summary


def test_a_wrong_password_says_the_combination_is_unknown(personas, client):
    response = client.post(reverse("login"), {"username": "prof", "password": "fout-" + PASSWORD})
    assert response.status_code == 422
    summary = _summary(response)
    assert UNKNOWN in summary
    assert 'value="prof"' in response.content.decode()


def test_the_form_leaves_checking_to_the_page(client, db):
    page = client.get(reverse("login")).content.decode()
    assert re.search(r'<form method="post"[^>]*novalidate', page)
