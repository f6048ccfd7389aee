"""A reset link that no longer works (used, expired, or not the whole link) was a dead end:
wrong advice ("vraag de functioneel beheerder"), no link on, and 200 where a used invitation
answers 410. It now answers 410 and leads to a new link and to signing in."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

NEW = "nog-een-lang-wachtwoord-21"


def _link(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_set", args=[uidb64, default_token_generator.make_token(user)])


def _assert_gone(response) -> None:
    assert response.status_code == 410
    page = response.content.decode()
    assert "Deze link werkt niet meer" in page
    assert f'href="{reverse("password_forgot")}"' in page
    assert f'href="{reverse("login")}"' in page
    assert "functioneel beheerder om een nieuwe" not in page
    assert 'name="new_password1"' not in page


def test_a_used_reset_link_answers_410_with_the_way_to_a_new_one(personas, client):
    user = personas.colleague
    link = _link(user)
    form = client.get(link, follow=True).redirect_chain[-1][0]
    assert client.post(form, {"new_password1": NEW, "new_password2": NEW}).status_code == 302
    _assert_gone(client.get(link, follow=True))
    _assert_gone(client.get(form))


@pytest.mark.parametrize("uidb64,token", [("MQ", "set-password"), ("zz", "x-y")])
def test_a_broken_reset_link_answers_410_too(personas, client, uidb64, token):
    url = reverse("password_set", args=[uidb64, token])
    _assert_gone(client.get(url))
    _assert_gone(client.post(url, {"new_password1": NEW, "new_password2": NEW}))


def test_the_new_password_and_its_audit_event_are_one_write(personas, client, monkeypatch):
    """If the audit event cannot be written, the password is not changed either: a new
    password never stands without its line in the trail (every write with its audit event, in
    one transaction)."""
    user = personas.colleague
    before = user.password
    form = client.get(_link(user), follow=True).redirect_chain[-1][0]

    def trail_down(*args, **kwargs):
        raise RuntimeError("the audit trail cannot be written")

    monkeypatch.setattr("deelwijzer.web.views.account.record", trail_down)
    with pytest.raises(RuntimeError):
        client.post(form, {"new_password1": NEW, "new_password2": NEW})
    user.refresh_from_db()
    assert user.password == before
