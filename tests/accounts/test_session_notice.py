"""An automatic sign-out loses nothing unsaid: the page can ask how long the session has left
(without using it) and keep it going while the user types; the sign-in page says why a session
ended and whether what was sent got lost; a form with an old CSRF token is refused in Dutch.
The browser side (static/deelwijzer/session.js) is tested in e2e/test_session_end.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from tests.accounts.helpers import authenticator, post_password, session_cookie

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
STATUS = reverse("session_status")


def _left(client: Client, method: str = "get") -> dict:
    response = getattr(client, method)(STATUS)
    assert response.status_code == 200, response.content
    return response.json()


def test_asking_does_not_use_the_session_and_typing_does(personas, client_for):
    user = personas.professional
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(user)
        client.get(reverse("dashboard"))
        answer = _left(client)
        assert answer["signed_in"] and answer["extendable"]
        assert answer["user"] == str(user.public_id)  # the page sends nothing for another
        assert 1740 <= answer["seconds_left"] <= 1800
        assert answer["csrf_token"]
        traveller.shift(timedelta(minutes=20))
        assert 540 <= _left(client)["seconds_left"] <= 600  # the question did not count as use
        assert 540 <= _left(client)["seconds_left"] <= 600
        assert 1740 <= _left(client, "post")["seconds_left"] <= 1800  # typing did
        traveller.shift(timedelta(minutes=29))
        assert _left(client)["seconds_left"] <= 60
        traveller.shift(timedelta(minutes=2))
        gone = client.get(STATUS)
    assert gone.status_code == 401 and gone.json() == {"signed_in": False}
    # the question found the session over: it ends on the server, audited as any idle end
    assert not Session.objects.filter(session_key=session_cookie(client)).exists()
    last = AuditEvent.objects.filter(user_id=user.pk).latest("id")
    assert last.action == "auth.logout" and last.detail["reason"] == "idle"


def test_the_12_hours_are_not_extendable(personas, client_for):
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(personas.professional)
        _left(client, "post")
        for _ in range(28):  # busy all day: 11 h 40 min
            traveller.shift(timedelta(minutes=25))
            client.get(reverse("dashboard"))
        answer = _left(client, "post")
    assert answer["extendable"] is False
    assert 1140 <= answer["seconds_left"] <= 1200  # 20 minutes to 12 hours, typing or not


def test_not_signed_in_or_only_the_password_is_no_session(personas, client):
    assert client.get(STATUS).status_code == 401
    assert client.post(STATUS).status_code == 401
    authenticator(personas.professional)
    post_password(client, personas.professional.username)
    answer = client.get(STATUS)
    assert answer.status_code == 401 and answer.json() == {"signed_in": False}


def test_the_sign_in_page_says_why_after_an_idle_end(personas, client_for):
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(personas.professional)
        client.get(reverse("dashboard"))
        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("dashboard"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Je bent automatisch uitgelogd, omdat je 30 minuten niets in Deelwijzer hebt" in page
    assert "niet opgeslagen" not in page  # nothing was sent


def test_a_post_after_the_end_is_not_saved_and_the_page_says_so(personas, client_for):
    cases = Case.objects.count()
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(personas.professional)
        for _ in range(28):  # busy all day: 11 h 40 min
            traveller.shift(timedelta(minutes=25))
            client.get(reverse("dashboard"))
        traveller.shift(timedelta(minutes=21))  # 12 h 1 min after signing in
        response = client.post(reverse("case_new"), {"youth_name": "Sam"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "omdat je 12 uur was ingelogd. Wat je net verstuurde, is niet opgeslagen." in page
    assert Case.objects.count() == cases


def test_an_old_csrf_token_gets_a_dutch_page_that_says_what_was_lost(personas, client_for):
    client = client_for(personas.professional)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("case_new"), {"csrfmiddlewaretoken": "x" * 64})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is niet verstuurd" in page
    assert "Wat je net verstuurde, is niet opgeslagen." in page
    assert "CSRF" not in page
    case_page = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    assert f'href="{reverse("dashboard")}">Naar Mijn casussen<' in page
    assert case_page not in page  # case_new has no case yet


def test_only_a_signed_in_page_carries_the_notice(personas, client_for, client):
    assert 'id="sessie"' not in client.get(reverse("login")).content.decode()
    page = client_for(personas.professional).get(reverse("dashboard")).content.decode()
    assert 'id="sessie"' in page and 'data-idle="1800"' in page
    assert "deelwijzer/session" in page


def test_a_live_update_after_the_end_gets_401_not_the_sign_in_page(personas, client_for):
    """Step 5's live check (HTMX) would otherwise put the sign-in page inside the form."""
    with time_machine.travel(START, tick=False) as traveller:
        client = client_for(personas.professional)
        client.get(reverse("dashboard"))
        traveller.shift(timedelta(minutes=31))
        url = reverse("decision_check", kwargs={"case_id": personas.case.public_id})
        response = client.post(url, {}, headers={"HX-Request": "true"})
    assert response.status_code == 401 and response.json() == {"signed_in": False}
    assert client.get(reverse("dashboard")).status_code == 302  # ended on the server


def test_an_old_csrf_token_on_a_case_form_leads_back_to_the_case(personas, client_for):
    client = client_for(personas.professional)
    client.handler.enforce_csrf_checks = True
    url = reverse("case_close", kwargs={"case_id": personas.case.public_id})
    response = client.post(url, {"csrfmiddlewaretoken": "x" * 64})
    case_page = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    assert response.status_code == 403
    assert f'href="{case_page}">Naar de casus<' in response.content.decode()
