"""After a wrong code django-otp checks no code for a moment (1 s, doubling with each next
wrong one). A walk typed the right code straight after a wrong one and was told it was wrong
("Staat de tijd op je telefoon goed?"): the page now says to wait, and for how long, and
the code that came too soon counts as no wrong code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import actions, authenticator, current_code, post_code, post_password

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
WAIT = "Je hebt net een verkeerde code ingevuld. Wacht 1 seconde"


def _device(user, page: str) -> TOTPDevice:
    if page == "two_factor":
        return authenticator(user)
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@pytest.mark.parametrize("page", ["two_factor", "two_factor_enrol"])
def test_the_right_code_straight_after_a_wrong_one_says_wait_then_works(personas, client, page):
    user = personas.professional
    device = _device(user, page)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        wrong = post_code(client, "000000", name=page)
        assert wrong.status_code == 422
        assert WAIT not in wrong.content.decode()
        too_soon = post_code(client, current_code(device), name=page)
        assert too_soon.status_code == 422
        text = too_soon.content.decode()
        assert WAIT in text and "klopt niet" not in text, text
    assert actions(user).count("auth.otp_failed") == 1  # the early code was not a wrong one
    assert actions(user)[-1] == "auth.otp_too_soon"
    with time_machine.travel(START + timedelta(seconds=2), tick=False):
        done = post_code(client, current_code(device), name=page)
        assert done.status_code in {200, 302}, done.content.decode()
        assert client.get(reverse("dashboard")).status_code == 200


def test_after_more_wrong_codes_the_wait_is_longer(personas, client):
    user = personas.professional
    device = authenticator(user)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        post_code(client, "000000")
    with time_machine.travel(START + timedelta(seconds=1), tick=False):
        post_code(client, "111111")  # the second wrong code: now 2 s
        text = post_code(client, current_code(device)).content.decode()
    assert "Wacht 2 seconden en probeer het dan opnieuw." in text


def test_renewing_recovery_codes_says_wait_too(personas, client_for):
    user = personas.professional
    client = client_for(user)
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    with time_machine.travel(START, tick=False):
        post_code(client, "000000", name="recovery_codes_renew")
        text = post_code(client, current_code(device), name="recovery_codes_renew").content
    assert WAIT in text.decode()


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("two_factor", "Je bent nog niet ingelogd"),
        ("two_factor_enrol", "De app is nog niet gekoppeld"),
    ],
)
def test_a_refused_code_is_not_called_unsaved(personas, client, page, title):
    """The error summary of a code page said "Dit is nog niet opgeslagen", as a form that
    saves something does; signing in or linking the app is what did not happen."""
    user = personas.professional
    _device(user, page)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        text = post_code(client, "000000", name=page).content.decode()
    assert title in text
    assert "Dit is nog niet opgeslagen" not in text
