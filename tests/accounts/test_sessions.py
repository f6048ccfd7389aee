"""Session management: a new id at sign-in, log-out ends the session on the server, idle and
absolute time-outs, and a changed password or a disabled user ends every session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import (
    actions,
    authenticator,
    current_code,
    post_code,
    post_password,
    session_cookie,
    verified_client,
)

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _status(client: Client) -> tuple[int, str]:
    response = client.get(reverse("dashboard"))
    return response.status_code, response.get("Location", "")


def test_a_new_session_id_at_sign_in_and_at_the_second_factor(personas, client):
    """ASVS 5.0 V7.2.4 (new session token on authentication); NEN 7510 9.4.2."""
    user = personas.professional
    device = authenticator(user)
    session = client.session
    session["visited"] = True
    session.save()
    anonymous_key = session_cookie(client)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        password_key = session_cookie(client)
        assert password_key != anonymous_key
        assert not Session.objects.filter(session_key=anonymous_key).exists()
        post_code(client, current_code(device))
    assert session_cookie(client) not in {anonymous_key, password_key}
    assert not Session.objects.filter(session_key=password_key).exists()


def test_log_out_ends_the_session_and_the_old_cookie_is_refused(personas, client_for):
    """ASVS 5.0 V7.4.1 (no further use after log-out); NEN 7510 9.4.2."""
    user = personas.professional
    client = client_for(user)
    old = session_cookie(client)
    assert _status(client)[0] == 200
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=old).exists()
    replay = Client()
    replay.cookies["sessionid"] = old
    status, location = _status(replay)
    assert status == 302 and location.startswith(reverse("login"))
    assert actions(user)[-1] == "auth.logout"


def test_idle_time_out_after_30_minutes(personas, client_for):
    """ASVS 5.0 V7.3.1 (inactivity time-out); NEN 7510 11.2.8 (unattended equipment)."""
    user = personas.professional
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(user)
        key = session_cookie(client)
        for _ in range(4):  # in use every 29 minutes: stays open for two hours
            traveller.shift(timedelta(minutes=29))
            assert _status(client)[0] == 200
        traveller.shift(timedelta(minutes=31))
        status, location = _status(client)
    assert status == 302 and location.startswith(reverse("login"))
    assert not Session.objects.filter(session_key=key).exists()
    assert actions(user)[-1] == "auth.logout"


def test_absolute_time_out_after_12_hours(personas, client_for):
    """ASVS 5.0 V7.3.2 (absolute maximum session lifetime)."""
    user = personas.professional
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(user)
        for _ in range(28):  # busy all day, never idle for long: 11 h 40 min
            traveller.shift(timedelta(minutes=25))
            assert _status(client)[0] == 200
        traveller.shift(timedelta(minutes=25))  # 12 h 5 min after sign-in
        status, location = _status(client)
    assert status == 302 and location.startswith(reverse("login"))


def test_a_changed_password_ends_every_session_of_that_user(personas, client_for):
    """ASVS 5.0 V7.4.3 (sessions end after a change of an authentication factor)."""
    user = personas.professional
    first, second = verified_client(user), client_for(user)
    bystander = verified_client(personas.colleague)
    user.set_password("een-heel-nieuw-wachtwoord")
    user.save()
    # Gone on the server at once, not only when the old cookie comes back.
    left = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in left
    assert str(personas.colleague.pk) in left
    assert _status(first)[1].startswith(reverse("login"))
    assert _status(second)[1].startswith(reverse("login"))
    assert _status(bystander)[0] == 200


def test_disabling_a_user_ends_their_sessions(personas, client_for):
    """ASVS 5.0 V7.4.2 (sessions end when an account is disabled); NEN 7510 9.2.6."""
    user = personas.colleague
    theirs = verified_client(user)
    assert _status(theirs)[0] == 200
    admin = client_for(personas.org_admin)
    url = reverse("admin_user_active", kwargs={"user_id": user.public_id})
    assert admin.post(url, {"active": "0", "confirm": "1"}).status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    left = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(user.pk) not in left
    assert _status(theirs)[1].startswith(reverse("login"))
    assert _status(admin)[0] == 200


def test_signing_out_says_so_on_the_sign_in_page(personas, client_for):
    """At a shared computer one must see that it worked (a walk saw a bare sign-in form)."""
    client = client_for(personas.professional)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    page = response.content.decode()
    assert "Je bent uitgelogd." in page
    assert client.get(reverse("dashboard")).status_code == 302
    assert "Je bent uitgelogd." not in client.get(reverse("login")).content.decode()  # once
