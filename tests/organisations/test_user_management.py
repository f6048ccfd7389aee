"""#16.11: user management. A duplicate e-mail address is refused, an invited user is not
shown as active before choosing a password, and disabling asks for confirmation."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.invitations import invitation_accept_linked


def invite(client, email: str):
    data = {"email": email, "first_name": "Nina", "last_name": "Nieuw", "roles": ["professional"]}
    return client.post(reverse("admin_user_invite"), data, follow=True)


def test_duplicate_email_is_refused_whatever_the_case(personas, client_for):
    personas.colleague.email = "Collega@School.invalid"
    personas.colleague.save()
    response = invite(client_for(personas.org_admin), "collega@SCHOOL.invalid")
    text = response.content.decode()
    assert "Er is al een account met dit e-mailadres" in text
    assert 'value="collega@SCHOOL.invalid"' in text  # the form keeps what was typed
    assert User.objects.filter(email__iexact="collega@school.invalid").count() == 1


def test_invited_user_shows_invitation_open_until_a_password_is_set(personas, client_for):
    client = client_for(personas.org_admin)
    invite(client, "nina@school.invalid")
    row = _row(client, "nina@school.invalid")
    assert ">uitgenodigd<" in row and ">actief<" not in row
    user = User.objects.get(username="nina@school.invalid")
    user.set_password("een-lang-nieuw-wachtwoord")  # not through the invitation's link
    user.save()
    assert ">uitgenodigd<" in _row(client, "nina@school.invalid")
    invitation_accept_linked(user=user)  # as a first sign-in through the provider does
    assert ">actief<" in _row(client, "nina@school.invalid")


def _row(client, email: str) -> str:
    page = client.get(reverse("admin_users")).content.decode()
    start = page.index(email)
    return page[start : page.index("</tr>", start)]


def test_disabling_asks_for_confirmation_first(personas, client_for):
    client = client_for(personas.org_admin)
    url = reverse("admin_user_active", kwargs={"user_id": personas.colleague.public_id})
    question = client.get(url)
    assert question.status_code == 200
    assert "Ja, uitschakelen" in question.content.decode()
    unconfirmed = client.post(url, {"active": "0"})
    assert "Ja, uitschakelen" in unconfirmed.content.decode()
    personas.colleague.refresh_from_db()
    assert personas.colleague.is_active
    assert not AuditEvent.objects.filter(action="user.deactivate").exists()
    client.post(url, {"active": "0", "confirm": "1"})
    personas.colleague.refresh_from_db()
    assert not personas.colleague.is_active


def test_the_users_page_offers_disabling_as_a_button(personas, client_for):
    page = client_for(personas.org_admin).get(reverse("admin_users")).content.decode()
    url = reverse("admin_user_active", kwargs={"user_id": personas.colleague.public_id})
    assert f'class="button secondary" href="{url}"' in page
