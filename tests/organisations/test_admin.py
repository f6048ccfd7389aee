"""Org admin pages: invite, roles, deactivate, settings; never case content."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.models import Membership


def test_admin_invites_a_user_who_sets_a_password_via_the_link(
    personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(personas.org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin_user_invite"),
            {
                "email": "nieuw@school.invalid",
                "first_name": "Nina",
                "last_name": "Nieuw",
                "roles": ["professional"],
                "job_title": "docent",
            },
            follow=True,
        )
    user = User.objects.get(username="nieuw@school.invalid")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).organisation == personas.organisation
    link = mailoutbox[0].body.split("http://127.0.0.1:8000", 1)[1].split()[0]  # e-mailed (#21)
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else link
    client.post(
        set_url,
        {
            "new_password1": "een-lang-nieuw-wachtwoord",
            "new_password2": "een-lang-nieuw-wachtwoord",
        },
    )
    user.refresh_from_db()
    assert user.check_password("een-lang-nieuw-wachtwoord")
    assert AuditEvent.objects.filter(action="user.invite", object_id=str(user.pk)).exists()


def test_invite_with_bad_email_is_refused_in_dutch(personas, client_for):
    response = client_for(personas.org_admin).post(
        reverse("admin_user_invite"),
        {"email": "geen-adres", "first_name": "A", "last_name": "B", "roles": ["professional"]},
    )
    assert "geldig e-mailadres" in response.content.decode()
    assert not User.objects.filter(username="geen-adres").exists()


def test_admin_deactivates_a_user_who_then_cannot_log_in(personas, client_for):
    client_for(personas.org_admin).post(
        reverse("admin_user_active", kwargs={"user_id": personas.colleague.public_id}),
        {"active": "0", "confirm": "1"},
    )
    personas.colleague.refresh_from_db()
    assert not personas.colleague.is_active
    assert not client_for(None).login(username="collega", password="test-wachtwoord-lang-genoeg")


def test_admin_changes_roles_and_settings(personas, client_for):
    client = client_for(personas.org_admin)
    client.post(
        reverse("admin_user_edit", kwargs={"user_id": personas.colleague.public_id}),
        {"roles": ["professional", "decision_maker"]},
    )
    roles = set(Membership.objects.filter(user=personas.colleague).values_list("role", flat=True))
    assert roles == {"professional", "decision_maker"}
    client.post(
        reverse("admin_settings"),
        {
            "name": "Het Baken",
            "sector": "education",
            "decision_maker_role": "care_coordinator",
            "retention_months": "24",
            "delivery_days": "14",
            "delivery_code_channel": "phone",
        },
    )
    personas.organisation.refresh_from_db()
    assert personas.organisation.decision_maker_role == "care_coordinator"
    assert personas.organisation.has_attention_officer is False
    event = AuditEvent.objects.filter(action="organisation.update").latest("id")
    assert event.detail["decision_maker_role"] == ["team_leader", "care_coordinator"]


def test_admin_pages_show_no_case_content(personas, client_for):
    client = client_for(personas.org_admin)
    for name in ("admin_users", "admin_settings", "dashboard"):
        page = client.get(reverse(name)).content.decode()
        assert "Yusuf" not in page and "J-TEST" not in page


def test_auditor_sees_who_looked_at_the_case(personas, client_for):
    client_for(personas.professional).get(
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    page = (
        client_for(personas.auditor)
        .get(reverse("audit_case", kwargs={"case_id": personas.case.public_id}))
        .content.decode()
    )
    assert "case.view" in page and "Prof Test" in page
    assert "Yusuf" not in page


def test_the_settings_lists_offer_no_empty_choice(personas, client_for):
    """An organisation always has a sector, a decision maker's role and a code channel: the
    lists do not start with an empty '---------' to pick (a walk found it under Sector)."""
    page = client_for(personas.org_admin).get(reverse("admin_settings")).content.decode()
    assert "---------" not in page
    assert page.count("<select") >= 3
