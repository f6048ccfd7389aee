"""#21: invitations by e-mail. The mail is content-free and carries a link that works once,
until it expires; resending makes a new link (the old one stops), revoking stops it; the user
list says "uitgenodigd" until the link is used and "actief" after. Password reset by e-mail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.models import Invitation

NEW = "nina@school.invalid"
PASSWORD = "een-lang-nieuw-wachtwoord-21"


@pytest.fixture
def invited(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    admin = client_for(personas.org_admin)
    data = {"email": NEW, "first_name": "Nina", "last_name": "Nieuw", "roles": ["professional"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("admin_user_invite"), data, follow=True)
    assert response.status_code == 200
    return admin


def _link(mail) -> str:
    return re.search(r"http://\S+/uitnodiging/\S+/", mail.body).group(0)


def _path(link: str) -> str:
    return link.split("127.0.0.1:8000", 1)[1]


def _row(client, email: str) -> str:
    page = client.get(reverse("admin_users")).content.decode()
    start = page.index(email)
    return page[start : page.index("</tr>", start)]


def test_the_invitation_is_mailed_without_content(invited, mailoutbox):
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [NEW]
    text = (mail.subject + mail.body).lower()
    for word in ("nina", "nieuw", "het baken", "radicalisering", "casus", "beroepskracht"):
        assert word not in text
    assert "/uitnodiging/" in mail.body
    assert "werkt één keer, tot" in mail.body


def test_the_page_no_longer_shows_the_link_itself(personas, client_for):
    data = {"email": NEW, "first_name": "Nina", "last_name": "Nieuw", "roles": ["professional"]}
    page = client_for(personas.org_admin).post(reverse("admin_user_invite"), data, follow=True)
    text = page.content.decode()
    assert "De uitnodiging is gemaild naar nina@school.invalid" in text
    assert "127.0.0.1:8000/uitnodiging/" not in text and "/wachtwoord/" not in text


def test_invited_until_the_link_is_used_then_active(invited, mailoutbox):
    assert ">uitgenodigd<" in _row(invited, NEW)
    path = _path(_link(mailoutbox[0]))
    anonymous = Client()
    page = anonymous.get(path)
    assert page.status_code == 200 and "Kies een wachtwoord" in page.content.decode()
    done = anonymous.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    user = User.objects.get(username=NEW)
    assert user.check_password(PASSWORD)
    assert ">actief<" in _row(invited, NEW)
    again = anonymous.get(path)
    assert again.status_code == 410  # the link works once
    assert AuditEvent.objects.filter(action="invitation.accept", user_id=user.pk).exists()


def test_a_weak_password_is_refused_and_the_link_stays_open(invited, mailoutbox):
    client = Client()
    path = _path(_link(mailoutbox[0]))
    refused = client.post(path, {"new_password1": "kort", "new_password2": "kort"})
    assert refused.status_code == 422
    assert not User.objects.get(username=NEW).has_usable_password()
    assert client.get(path).status_code == 200


def test_an_expired_link_is_refused(invited, mailoutbox):
    client = Client()
    path = _path(_link(mailoutbox[0]))
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(path).status_code == 410
    invitation = Invitation.objects.get(user__username=NEW)
    invitation.sent_at -= timedelta(days=8)
    invitation.expires_at -= timedelta(days=8)
    invitation.save()
    assert "uitgenodigd, link verlopen" in _row(invited, NEW)


def test_resend_makes_a_new_link_and_the_old_one_stops(
    invited, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    old = _path(_link(mailoutbox[0]))
    user = User.objects.get(username=NEW)
    with django_capture_on_commit_callbacks(execute=True):
        invited.post(reverse("admin_invitation_resend", args=[user.public_id]))
    assert len(mailoutbox) == 2
    new = _path(_link(mailoutbox[1]))
    assert new != old
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200
    assert Invitation.objects.get(user=user).sent_count == 2


def test_revoke_stops_the_link_and_resend_opens_a_new_one(
    invited, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    path = _path(_link(mailoutbox[0]))
    user = User.objects.get(username=NEW)
    invited.post(reverse("admin_invitation_revoke", args=[user.public_id]))
    assert client.get(path).status_code == 410
    assert "uitnodiging ingetrokken" in _row(invited, NEW)
    posted = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert posted.status_code == 410 and not User.objects.get(pk=user.pk).has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        invited.post(reverse("admin_invitation_resend", args=[user.public_id]))
    assert client.get(_path(_link(mailoutbox[-1]))).status_code == 200


def test_an_accepted_invitation_cannot_be_resent_or_revoked(invited, mailoutbox):
    client = Client()
    path = _path(_link(mailoutbox[0]))
    client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    user = User.objects.get(username=NEW)
    page = invited.post(
        reverse("admin_invitation_revoke", args=[user.public_id]), follow=True
    ).content.decode()
    assert "al gebruikt" in page
    assert Invitation.objects.get(user=user).revoked_at is None


def test_another_organisations_admin_cannot_touch_the_invitation(invited, personas, client_for):
    from tests.personas import make_user

    other_admin = make_user("anderebeheerder", personas.other_organisation, "org_admin")
    user = User.objects.get(username=NEW)
    response = client_for(other_admin).post(
        reverse("admin_invitation_revoke", args=[user.public_id])
    )
    assert response.status_code == 404
    assert Invitation.objects.get(user=user).revoked_at is None


def test_duplicate_email_is_refused_with_422(invited, mailoutbox):
    data = {"email": NEW.upper(), "first_name": "N", "last_name": "N", "roles": ["professional"]}
    response = invited.post(reverse("admin_user_invite"), data)
    assert response.status_code == 422
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    assert len(mailoutbox) == 1


def test_password_reset_by_email(personas, client, mailoutbox):
    personas.colleague.email = "collega@school.invalid"
    personas.colleague.save()
    sent = client.post(reverse("password_forgot"), {"email": "collega@school.invalid"})
    assert sent.status_code == 302 and sent["Location"] == reverse("password_forgot_sent")
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "Collega" not in body and "radicalisering" not in body.lower()
    link = re.search(r"http://\S+/wachtwoord/\S+/", body).group(0)
    form = client.get(_path(link), follow=True)
    assert form.status_code == 200
    new = "nog-een-lang-wachtwoord-21"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    personas.colleague.refresh_from_db()
    assert personas.colleague.check_password(new)
    assert AuditEvent.objects.filter(action="auth.password_set").exists()


def test_password_reset_says_the_same_for_an_unknown_address(client, mailoutbox, db):
    sent = client.post(reverse("password_forgot"), {"email": "niemand@school.invalid"})
    assert sent.status_code == 302 and sent["Location"] == reverse("password_forgot_sent")
    assert mailoutbox == []


def test_password_reset_refuses_garbage_with_422(client, db):
    response = client.post(reverse("password_forgot"), {"email": "geen adres"})
    assert response.status_code == 422
    assert 'value="geen adres"' in response.content.decode()
