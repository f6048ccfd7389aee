"""A name, a label or a line with an invisible control character is refused, naming it.

A walk typed a bell (U+0007) into a colleague's name, a job title, a signal list label and an
API key's name: each was stored and then shown as a box in the user list ("Tekst␇met bel"),
and the signal list said "Het label 'Tekst\\x07met bel' staat op de lijst." Tab and line
breaks are text; a password may hold any character.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.api.models import ApiToken
from deelwijzer.cases.models import Case
from deelwijzer.disclosures.models import Contact
from deelwijzer.signalling.models import SignalListItem

BELL = "Tekst\x07met bel"
NAMED = "onzichtbaar stuurteken in (U+00"  # U+0007 (bell) or U+001B (escape)


def _refused(response, field: str) -> None:
    assert response.status_code == 422
    page = response.content.decode()
    assert NAMED in page
    assert f'href="#id_{field}"' in page  # named at its field in the summary


@pytest.mark.parametrize(
    ("who", "url", "data", "field", "count"),
    [
        (
            "org_admin",
            "admin_user_invite",
            {"email": "bel@school.invalid", "first_name": BELL, "last_name": "Bel",
             "roles": ["professional"]},
            "first_name",
            User.objects.count,
        ),
        (
            "org_admin",
            "signal_list",
            {"label": BELL},
            "label",
            SignalListItem.objects.count,
        ),
        (
            "org_admin",
            "contacts",
            {"kind": "police", "name": BELL},
            "name",
            Contact.objects.count,
        ),
        (
            "professional",
            "api_tokens",
            {"name": BELL},
            "name",
            ApiToken.objects.count,
        ),
        (
            "professional",
            "case_new",
            {"name": "Sam\x1b[31m de Vries", "birth_date": "2011-03-04"},
            "name",
            Case.objects.count
        ),
    ],
)  # fmt: skip
def test_a_control_character_is_refused_and_named(
    personas, client_for, who, url, data, field, count
):
    before = count()
    response = client_for(getattr(personas, who)).post(reverse(url), data)
    _refused(response, field)
    assert count() == before  # nothing saved


def test_a_parent_added_when_correcting_the_youths_data_too(personas, client_for):
    """The parents' fields are made per case (IdentityForm adds them after its own set-up)."""
    client = client_for(personas.professional)
    url = reverse("case_identity", args=[personas.case.public_id])
    page = client.get(url).content.decode()
    version = page.split('name="expected_version" value="')[1].split('"')[0]
    data = {
        "name": personas.case.youth.name,
        "new_name": BELL,
        "correction_note": "Vader toegevoegd.",
        "expected_version": version,
    }
    _refused(client.post(url, data), "new_name")


def test_tab_and_line_breaks_are_text(personas, client_for):
    response = client_for(personas.org_admin).post(
        reverse("signal_list"), {"label": "Uitspraken\tover geweld"}
    )
    assert response.status_code in (200, 302)
    assert SignalListItem.objects.filter(label__startswith="Uitspraken").exists()


def test_a_case_text_with_only_hidden_characters_is_refused_too(personas, client_for):
    """The files walk: an advice answer of only BEL, BS and ESC counted as answered and showed
    as boxes. Every form that keeps a typed text names such a character now
    (tests/web/test_text_limits.py holds every form to it); two of the case's own texts here."""
    from deelwijzer.signalling.models import Signal

    client = client_for(personas.professional)
    case = personas.case.public_id
    signal = {
        "signal-kind": "signal",
        "signal-observed_on": "2026-03-03",
        "signal-text": "\x07\x08\x1b",
        "signal-source_kind": "own_observation",
    }
    response = client.post(reverse("signal_add", args=[case]), signal)
    assert response.status_code == 422
    assert "onzichtbare stuurtekens in (U+0007, U+0008, U+001B)" in response.content.decode()
    assert not Signal.objects.filter(case=personas.case).exists()
    close = {"reason": "Zorg\x07 is voorbij.", "confirm": "on"}
    _refused(client.post(reverse("case_close", args=[case]), close), "reason")
    personas.case.refresh_from_db()
    assert personas.case.status == "open"


def test_a_nul_is_named_once(personas, client_for):
    """The walk: a NUL in the reason for closing was refused twice, once in Django's words
    ("Null-tekens zijn niet toegestaan.") and once in ours."""
    client = client_for(personas.professional)
    close = {"reason": "Klaar\x00\x07.", "confirm": "on"}
    response = client.post(reverse("case_close", args=[personas.case.public_id]), close)
    assert response.status_code == 422
    text = response.content.decode()
    assert "onzichtbare stuurtekens in (U+0000, U+0007)" in text
    assert "Null-tekens" not in text
