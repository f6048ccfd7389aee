"""The transfer form (issue #20.2): posted empty or with garbage it names every error at once,
the input and the lawful ground together, in words for a transfer; every field the service
requires is a required form field; nothing is kept and nothing answers 500."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from deelwijzer.transfers import services
from deelwijzer.transfers.forms import TransferForm
from deelwijzer.transfers.models import Transfer
from tests.disclosures.helpers import make_entries, sign_off_decision
from tests.transfers.test_transfer import prepare

INPUT = [
    services.NO_ORGANISATION,
    services.NO_ITEMS,
    services.NAME_NEEDED,
    services.NO_PURPOSE,
]


def post(personas, client_for, data: dict):
    url = reverse("transfer_new", kwargs={"case_id": personas.case.public_id})
    response = client_for(personas.professional).post(url, data)
    text = re.sub(r"\s+", " ", unescape(response.content.decode()))
    return response.status_code, text


def test_posted_empty_every_error_shows_at_once_with_the_ground(personas, client_for):
    make_entries(personas)  # no decision signed off yet
    status, page = post(personas, client_for, {})
    assert status == 422
    for message in INPUT:
        assert str(message) in page, message
    assert "Overdragen kan pas na een afgetekend besluit om te delen" in page  # R6.7, same round
    assert "Dit veld is verplicht" not in page and "Stap 6 (" not in page
    assert not Transfer.objects.exists()


def test_posted_empty_after_the_decision_names_each_field(personas, client_for):
    make_entries(personas)
    sign_off_decision(personas)
    status, page = post(personas, client_for, {})
    assert status == 422
    for message in INPUT:
        assert str(message) in page, message
    assert "Overdragen kan pas na" not in page and "geen geldige grond" not in page
    assert "schrijf waarom de nieuwe organisatie dit nodig heeft" not in page  # the old wording


@pytest.mark.parametrize(
    "garbage",
    [
        {"to_organisation": "Nergens", "items": ["zz9"], "identity": ["hack"],
         "purpose": "x" * 20_000, "found_identity": "misschien"},
        {"to_organisation": "Jeugdhulp Noord", "items": ["s1", "<b>"], "identity": ["name", "x"],
         "purpose": "Verhuist.", "found_identity": "declare"},
    ],
)  # fmt: skip
def test_garbage_is_refused_field_by_field(personas, client_for, garbage):
    make_entries(personas)
    sign_off_decision(personas)
    status, page = post(personas, client_for, garbage)
    assert status == 422
    assert "kan niet mee of bestaat niet (meer)" in page
    assert str(services.NO_SUCH_IDENTITY) in page
    if garbage["to_organisation"] == "Nergens":
        assert str(services.NO_ORGANISATION) in page
        assert str(services.FOUND_IDENTITY_CHOICE) in page
    assert not Transfer.objects.exists()


def test_identity_found_shows_with_the_other_errors(personas, client_for):
    make_entries(personas)
    sign_off_decision(personas)
    data = {"to_organisation": "Jeugdhulp Noord", "items": ["s2"], "identity": ["name"]}
    status, page = post(personas, client_for, data)  # s2 names a town; no purpose
    assert status == 422
    assert str(services.NO_PURPOSE) in page
    assert "In wat meegaat staan gegevens die iemand herkenbaar maken" in page


def test_every_field_the_service_requires_is_required_and_marked(personas, client_for):
    form = TransferForm(organisations=[], items=[], identity=[])
    required = {name for name, field in form.fields.items() if field.required}
    assert required == {"to_organisation", "items", "identity", "purpose"}
    make_entries(personas)
    sign_off_decision(personas)  # before it, the page shows why there is no form
    url = reverse("transfer_new", kwargs={"case_id": personas.case.public_id})
    page = client_for(personas.professional).get(url).content.decode()
    for label in (
        "Naar welke organisatie gaat de jongere?",
        "Waarom heeft de nieuwe organisatie dit nodig?",
    ):
        assert f'{label} <span class="req">(verplicht)</span>' in page, label


def test_a_valid_transfer_still_goes(personas, client_for):
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, client_for(personas.professional)).status_code == 302
    assert Transfer.objects.get().purpose


def test_without_a_signed_off_decision_the_page_says_so_before_the_form(personas, client_for):
    """The whole form was offered and refused only once filled in (the walk)."""
    make_entries(personas)
    url = reverse("transfer_new", kwargs={"case_id": personas.case.public_id})
    client = client_for(personas.professional)
    page = client.get(url).content.decode()
    assert "Overdragen kan pas na een afgetekend besluit om te delen" in page
    assert reverse("step5", kwargs={"case_id": personas.case.public_id}) in page
    assert "Overdracht klaarzetten" not in page
    sign_off_decision(personas)
    page = client.get(url).content.decode()
    assert "Overdracht klaarzetten" in page and "Overdragen kan pas na" not in page
    # the birth date always goes: no box that seems to keep it back
    assert 'value="birth_date"' not in page and 'value="name"' in page
