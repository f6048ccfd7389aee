"""Lock-out after repeated failures, keyed on user AND client address (django-axes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import ELSEWHERE, HOME, authenticator, post_code, post_password

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _fail_five_times(client, username, address):
    for _ in range(5):
        response = post_password(client, username, password="fout-wachtwoord", address=address)
        assert response.status_code in {422, 429}


def test_five_failures_lock_the_user_on_that_address_only(personas):
    """ASVS 5.0 V6.3.1 (brute-force protection) without letting anyone lock out another user
    from elsewhere (V6.3.1's denial-of-service note); NEN 7510 9.4.2."""
    user = personas.professional
    attacker, owner = Client(), Client()
    with time_machine.travel(START, tick=False):
        _fail_five_times(attacker, user.username, ELSEWHERE)
        locked = post_password(attacker, user.username, address=ELSEWHERE)  # right password
        assert locked.status_code == 429
        assert "Inloggen is even geblokkeerd" in locked.content.decode()
        assert "_auth_user_id" not in attacker.session
        # The user at their own address signs in as usual.
        mine = post_password(owner, user.username, address=HOME)
        assert mine["Location"].startswith(reverse("two_factor"))
    with time_machine.travel(START + timedelta(minutes=16), tick=False):
        later = post_password(Client(), user.username, address=ELSEWHERE)
        assert later["Location"].startswith(reverse("two_factor"))


def test_four_failures_do_not_lock(personas, client):
    """ASVS 5.0 V6.3.1: the limit is five."""
    user = personas.colleague
    for _ in range(4):
        post_password(client, user.username, password="fout-wachtwoord")
    assert post_password(client, user.username)["Location"].startswith(reverse("two_factor"))


def test_wrong_codes_count_towards_the_lock_out_and_end_the_session(personas, client):
    """ASVS 5.0 V6.3.1 and V6.5 (guessing the second factor is limited too); V7.4.1."""
    user = personas.auditor
    authenticator(user)
    with time_machine.travel(START, tick=True) as traveller:
        post_password(client, user.username)
        key = client.cookies["sessionid"].value
        statuses = []
        for _ in range(5):
            traveller.shift(timedelta(seconds=20))  # past django-otp's own throttle delay
            statuses.append(post_code(client, "123456").status_code)
        assert statuses[:4] == [422, 422, 422, 422]
        assert statuses[4] == 429
        assert not Session.objects.filter(session_key=key).exists()
        assert client.get(reverse("dashboard"))["Location"].startswith(reverse("login"))
        # From another address the user is not locked out.
        other = Client()
        assert post_password(other, user.username, address=ELSEWHERE).status_code == 302
