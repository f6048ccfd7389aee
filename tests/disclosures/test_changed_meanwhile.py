"""Step 6 shares what the professional read (the team walk): a colleague who corrects a chosen
entry (or the youth's name) after the page was opened makes Delen refuse, 409, with the new
text on the page and the confirmation to be ticked again; nothing is shared until then. An
entry that is not chosen may change. The page sends what it showed as ``read``
(disclosures.items.read_marks)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from deelwijzer.cases.entries import Correction
from deelwijzer.disclosures.items import identity_options, parse_marks, read_marks, shareable_items
from deelwijzer.disclosures.models import Disclosure
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.signalling.services import SignalInput, signal_correct
from tests.disclosures.helpers import (
    make_contact,
    make_entries,
    share_body,
    sign_off_decision,
    step6_url,
)

pytestmark = pytest.mark.django_db

NEW_TEXT = "Hij liet in de klas een filmpje van een aanslag zien en had een mes bij zich."


def _read_on_page(html: str) -> str:
    return re.search(r'name="read" value="([^"]*)"', html).group(1)


def _correct(personas, key: str) -> None:
    """A colleague's correction of ``key``, made while the page is open."""
    signal_correct(
        actor=personas.professional,
        case_id=personas.case.pk,
        key=key,
        data=SignalInput("signal", date(2026, 10, 3), NEW_TEXT, "own_observation"),
        correction=Correction("Er kwam iets bij.", 1),
    )


@pytest.fixture
def ready(personas, client_for):
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas)
    team = client_for(personas.professional)
    read = _read_on_page(team.get(step6_url(personas, "step6")).content.decode())
    return team, {**share_body(contact), "read": read}


def test_the_page_marks_every_text_it_offers(personas, ready):
    _team, body = ready
    marks = parse_marks(body["read"])
    data = build_casefile(personas.case)
    assert marks == read_marks(shareable_items(data), identity_options(personas.case))
    assert {"s1", "o1", "r1", "name"} <= set(marks)


def test_a_chosen_entry_corrected_meanwhile_is_not_shared_unread(personas, ready):
    team, body = ready
    _correct(personas, "s1")
    refused = team.post(step6_url(personas), body)
    page = refused.content.decode()
    assert refused.status_code == 409, re.findall(r'class="error[^"]*"[^>]*>(.*?)</', page, re.S)
    assert "s1 is aangepast nadat je deze pagina opende" in page
    assert NEW_TEXT in page  # the new text is on the page to read
    assert not Disclosure.objects.exists()
    assert 'name="confirm"' in page and not re.search(r'name="confirm"[^>]*checked', page)
    # read again (the page's new marks) and ticked again: shared, with the new text
    again = team.post(step6_url(personas), {**body, "read": _read_on_page(page)})
    assert again.status_code == 302
    assert NEW_TEXT in str(Disclosure.objects.get().document)


def test_the_name_corrected_meanwhile_is_named(personas, ready):
    team, body = ready
    youth = personas.case.youth
    youth.name = "Yusuf Demir"
    youth.save()
    refused = team.post(step6_url(personas), {**body, "identity": ["name"]})
    assert refused.status_code == 409
    assert "Naam is aangepast nadat je deze pagina opende" in refused.content.decode()
    assert not Disclosure.objects.exists()


def test_an_entry_not_chosen_may_change(personas, ready):
    team, body = ready
    _correct(personas, "s2")  # not ticked in share_body
    assert team.post(step6_url(personas), body).status_code == 302
    assert Disclosure.objects.count() == 1


def test_marks_that_are_garbage_refuse_and_share_nothing(personas, ready):
    team, body = ready
    refused = team.post(step6_url(personas), {**body, "read": "s1 :: <script> x"})
    assert refused.status_code == 409
    assert not Disclosure.objects.exists()
