"""A signed-in user changes their password: the current one and the new one twice, the same
rules as everywhere, audited; this session goes on, every other session of the user ends. Who
signs in through the organisation has no password here: the page says so, without a form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent, Outcome
from tests.accounts.helpers import verified_client
from tests.personas import PASSWORD

URL = "/wachtwoord-wijzigen/"
NEW = "een-heel-ander-wachtwoord-7"


def _post(client, old=PASSWORD, new=NEW, again=None):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new}
    return client.post(URL, data)


def _events(user, action="auth.password_change"):
    return AuditEvent.objects.filter(user_id=user.pk, action=action)


def test_the_page_is_in_the_account_menu(personas, client_for):
    assert reverse("password_change") == URL
    page = client_for(personas.professional).get(reverse("dashboard")).content.decode()
    menu = page.split('aria-label="Hoofdmenu"', 1)[1].split("</nav>")[0]
    assert f'href="{URL}">Wachtwoord wijzigen</a>' in menu


def test_only_a_signed_in_user_with_both_factors_gets_the_page(personas, client):
    assert client.get(URL)["Location"].startswith(reverse("login"))
    client.force_login(personas.professional)  # a password alone
    assert client.get(URL)["Location"].startswith(reverse("two_factor"))


def test_a_changed_password_keeps_this_session_and_ends_the_others(personas, client_for):
    user = personas.professional
    elsewhere = verified_client(user)
    client = client_for(user)
    assert elsewhere.get(reverse("dashboard")).status_code == 200
    done = _post(client)
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Je nieuwe wachtwoord is opgeslagen" in page
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("dashboard")).status_code == 200  # still signed in, verified
    assert elsewhere.get(reverse("dashboard")).status_code == 302  # the other session ended
    event = _events(user).get()
    assert event.outcome == Outcome.SUCCESS
    assert NEW not in str(event.detail) and PASSWORD not in str(event.detail)


def test_a_wrong_current_password_is_refused_at_its_field_and_recorded(personas, client_for):
    user = personas.professional
    response = _post(client_for(user), old="niet-mijn-wachtwoord")
    assert response.status_code == 422
    html = response.content.decode()
    field = html.split('id="id_old_password"', 1)[1].split('id="id_new_password1"')[0]
    assert "Dit is niet je huidige wachtwoord" in field
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert _events(user, "auth.password_change_failed").get().outcome == Outcome.FAILURE


@pytest.mark.parametrize("new,expected", [("abc", "te kort"), ("a" * 40, "verschillende tekens")])
def test_a_weak_new_password_is_refused_in_dutch_at_the_new_field(
    personas, client_for, new, expected
):
    user = personas.professional
    response = _post(client_for(user), new=new)
    assert response.status_code == 422
    html = response.content.decode()
    field = html.split('id="id_new_password1"', 1)[1].split('id="id_new_password2"')[0]
    assert expected in field
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_empty_post_names_every_field(personas, client_for):
    response = client_for(personas.professional).post(URL, {"old_password": ""})
    assert response.status_code == 422
    summary = response.content.decode().split("data-error-summary", 1)[1].split("</div>")[0]
    anchors = re.findall(r'<a href="#([^"]+)">', summary)
    assert anchors == ["id_old_password", "id_new_password1", "id_new_password2"]


def test_who_signs_in_through_the_organisation_sees_no_form(personas, client_for):
    user = personas.professional
    user.set_unusable_password()
    user.save()
    client = client_for(user)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "beheert je organisatie" in html
    assert 'name="old_password"' not in html
    assert _post(client).status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not AuditEvent.objects.filter(action__startswith="auth.password_change").exists()
