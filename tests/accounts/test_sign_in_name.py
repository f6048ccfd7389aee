"""Who has just chosen a password through a link (an invitation, a reset) finds their sign-in
name filled in on the sign-in page, once, with the cursor in the password field. Every account
signs in with its name or its e-mail address, in any case (a phone's keyboard starts with a
capital), counting towards one lock-out."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from tests.accounts.conftest import reset_form

PASSWORD = "een-lang-nieuw-wachtwoord-21"


def _username_field(html: str) -> str:
    return re.search(r'<input[^>]*name="username"[^>]*>', html).group(0)


def _password_field(html: str) -> str:
    return re.search(r'<input[^>]*name="password"[^>]*>', html).group(0)


@pytest.mark.parametrize("page", ["invitation", "reset"])
def test_after_choosing_a_password_the_sign_in_page_knows_the_name_once(
    page, client, nina, invitation_url
):
    url = invitation_url if page == "invitation" else reset_form(client, nina)
    done = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("login")
    html = done.content.decode()
    assert 'value="nina@school.invalid"' in _username_field(html)
    assert "autofocus" not in _username_field(html)
    assert "autofocus" in _password_field(html)
    again = client.get(reverse("login")).content.decode()  # once: not for whoever comes next
    assert "value=" not in _username_field(again)
    assert "autofocus" in _username_field(again)


def test_a_plain_sign_in_page_fills_in_nothing_and_asks_for_a_name_or_an_address(client):
    html = client.get(reverse("login")).content.decode()
    assert "value=" not in _username_field(html)
    assert "Gebruikersnaam of e-mailadres" in html


def _with_password(user, email: str | None = None):
    if email is not None:
        user.email = email
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(typed: str, password: str = PASSWORD):
    return Client().post(reverse("login"), {"username": typed, "password": password})


def test_an_address_typed_with_capitals_signs_in_to_the_same_account(nina):
    _with_password(nina)
    response = _sign_in("  Nina@School.INVALID ")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    assert AuditEvent.objects.filter(action="auth.login").last().user_id == nina.pk


def test_wrong_passwords_under_differently_typed_addresses_count_as_one_account(nina):
    _with_password(nina)
    for typed in ("Nina@school.invalid", "NINA@SCHOOL.INVALID"):
        _sign_in(typed, "fout")
    attempts = AccessAttempt.objects.all()
    assert {a.username for a in attempts} == {"nina@school.invalid"}
    assert sum(a.failures_since_start for a in attempts) == 2


def test_an_account_with_a_name_of_its_own_signs_in_with_its_address_too(personas):
    user = _with_password(personas.professional, "prof@school.invalid")  # named "prof"
    response = _sign_in("Prof@School.invalid")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.login").last().user_id == user.pk


def test_an_address_of_two_accounts_signs_in_to_neither(personas):
    _with_password(personas.professional, "gedeeld@school.invalid")
    _with_password(personas.colleague, "gedeeld@school.invalid")
    assert _sign_in("gedeeld@school.invalid").status_code == 422
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_a_name_without_at_sign_keeps_its_capitals(personas):
    """The demo's names (and any made without an address) are matched as they are: no one else
    signs in as 'Prof' for 'prof'."""
    _with_password(personas.professional)
    response = _sign_in("Prof")
    assert response.status_code == 422
    refused = "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet"
    assert refused in response.content.decode()
