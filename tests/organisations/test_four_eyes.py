"""#17.1: separation of duties on roles. Nobody changes their own roles; a change to an
administrator's roles waits for a second administrator; the operator's command is audited."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.models import Membership, Role, RoleGrant
from tests.personas import make_user


def roles_of(user) -> set[str]:
    return set(Membership.objects.filter(user=user, active=True).values_list("role", flat=True))


def edit_roles(client, user, *roles):
    url = reverse("admin_user_edit", kwargs={"user_id": user.public_id})
    return client.post(url, {"roles": list(roles)}, follow=True)


def test_admin_editing_own_roles_is_not_applied(personas, client_for):
    admin = personas.org_admin
    response = edit_roles(client_for(admin), admin, "org_admin", "decision_maker")
    assert roles_of(admin) == {"org_admin"}
    assert "Je eigen rollen wijzig je niet zelf" in response.content.decode()
    assert RoleGrant.objects.get(user=admin).status == RoleGrant.Status.PENDING
    # still no case page and no inbox
    client = client_for(admin)
    assert client.get(reverse("case_detail", args=[personas.case.public_id])).status_code == 404


def test_self_approval_is_refused(personas, client_for):
    admin = personas.org_admin
    client = client_for(admin)
    edit_roles(client, admin, "org_admin", "attention_officer")
    grant = RoleGrant.objects.get(user=admin)
    url = reverse("admin_role_grant_decide", kwargs={"grant_id": grant.public_id})
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert "Een andere beheerder moet deze wijziging beoordelen" in response.content.decode()
    assert roles_of(admin) == {"org_admin"}
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.PENDING


def test_content_role_for_another_admin_waits_for_a_second_admin(personas, client_for):
    first = personas.org_admin
    second = make_user("beheerder2", personas.organisation, Role.ORG_ADMIN)
    third = make_user("beheerder3", personas.organisation, Role.ORG_ADMIN)
    response = edit_roles(client_for(first), second, "org_admin", "decision_maker")
    assert "nog niet doorgevoerd" in response.content.decode()
    assert roles_of(second) == {"org_admin"}
    grant = RoleGrant.objects.get(user=second)
    # the admin whose roles change cannot approve it either
    url = reverse("admin_role_grant_decide", kwargs={"grant_id": grant.public_id})
    client_for(second).post(url, {"decision": "approve"})
    assert roles_of(second) == {"org_admin"}
    page = client_for(third).get(reverse("admin_users")).content.decode()
    assert "Wacht op goedkeuring" in page and "Goedkeuren" in page
    client_for(third).post(url, {"decision": "approve"})
    assert roles_of(second) == {"org_admin", "decision_maker"}
    event = AuditEvent.objects.get(action="role_grant.approve")
    assert event.user_id == third.pk
    assert event.detail["requested_by"] == first.pk
    assert event.detail["decided_by"] == third.pk
    assert event.detail["new"] == ["decision_maker", "org_admin"]


def test_rejected_grant_leaves_the_roles(personas, client_for):
    second = make_user("beheerder2", personas.organisation, Role.ORG_ADMIN)
    edit_roles(client_for(second), second, "org_admin", "professional")
    grant = RoleGrant.objects.get(user=second)
    url = reverse("admin_role_grant_decide", kwargs={"grant_id": grant.public_id})
    client_for(personas.org_admin).post(url, {"decision": "reject"})
    assert roles_of(second) == {"org_admin"}
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.REJECTED
    assert AuditEvent.objects.filter(
        action="role_grant.reject", user_id=personas.org_admin.pk
    ).exists()


def test_making_someone_an_admin_waits_but_a_plain_change_does_not(personas, client_for):
    client = client_for(personas.org_admin)
    edit_roles(client, personas.colleague, "professional", "org_admin")
    assert roles_of(personas.colleague) == {"professional"}
    edit_roles(client, personas.decision_maker, "decision_maker", "attention_officer")
    assert roles_of(personas.decision_maker) == {"decision_maker", "attention_officer"}
    event = AuditEvent.objects.get(action="user.roles", object_id=str(personas.decision_maker.pk))
    assert event.detail["approved_by"] == personas.org_admin.pk


def _invite_admin(client):
    data = {
        "email": "baas@school.invalid",
        "first_name": "Bas",
        "last_name": "Baas",
        "roles": ["org_admin", "decision_maker"],
    }
    return client.post(reverse("admin_user_invite"), data, follow=True)


def test_a_new_admins_roles_wait_for_a_second_admin(personas, client_for):
    """Else one administrator could invite a second account of their own to approve with."""
    response = _invite_admin(client_for(personas.org_admin))
    assert "pas als een tweede beheerder ze goedkeurt" in response.content.decode()
    new = User.objects.get(username="baas@school.invalid")
    assert roles_of(new) == set()
    assert "wacht op goedkeuring" in response.content.decode()
    activate = reverse("admin_user_active", kwargs={"user_id": new.public_id})
    client_for(personas.org_admin).post(activate, {"active": "1"})
    assert roles_of(new) == set()  # not around the approval either
    second = make_user("beheerder2", personas.organisation, Role.ORG_ADMIN)
    grant = RoleGrant.objects.get(user=new)
    url = reverse("admin_role_grant_decide", kwargs={"grant_id": grant.public_id})
    client_for(second).post(url, {"decision": "approve"})
    assert roles_of(new) == {"org_admin", "decision_maker"}


def test_a_rejected_admin_invitation_leaves_no_roles(personas, client_for):
    _invite_admin(client_for(personas.org_admin))
    new = User.objects.get(username="baas@school.invalid")
    second = make_user("beheerder2", personas.organisation, Role.ORG_ADMIN)
    url = reverse("admin_role_grant_decide", kwargs={"grant_id": RoleGrant.objects.get().public_id})
    client_for(second).post(url, {"decision": "reject"})
    assert not Membership.objects.filter(user=new).exists()
    new.refresh_from_db()
    assert not new.is_active


def test_operator_command_grants_and_is_audited(personas):
    call_command(
        "grant_role", "beheerder", "decision_maker", "--reason", "enige beheerder, ticket 12"
    )
    assert roles_of(personas.org_admin) == {"org_admin", "decision_maker"}
    event = AuditEvent.objects.get(action="role_grant.operator")
    assert event.user_id is None and event.purpose == "cli"
    assert event.detail["approved_by"] == "operator"
    assert event.detail["reason"] == "enige beheerder, ticket 12"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["niemand", "professional", "--reason", "x"], "geen account"),
        (["beheerder", "koning", "--reason", "x"], "Kies een rol"),
        (["beheerder", "professional", "--reason", " "], "--reason"),
        # the operator walk: a misspelt --organisation was told to use --organisation
        (
            ["beheerder", "professional", "--reason", "x", "--organisation", "Het Lyceun"],
            "hoort niet bij een organisatie 'Het Lyceun'; wel bij: '",
        ),
        # every problem at once (a walk: an unknown account was only named after the role)
        (["niemand", "koning", "--reason", " "], "Kies een rol.*--reason.*geen account niemand"),
    ],
)
def test_operator_command_refuses_bad_input(personas, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("grant_role", *args)
    assert not AuditEvent.objects.filter(action="role_grant.operator").exists()


def test_the_operator_grants_the_first_colleague_admin_of_a_single_admin_organisation(
    personas, client_for
):
    _invite_admin(client_for(personas.org_admin))
    call_command("grant_role", "baas@school.invalid", "org_admin", "--reason", "tweede beheerder")
    new = User.objects.get(username="baas@school.invalid")
    assert roles_of(new) == {"org_admin"}
    assert RoleGrant.objects.filter(user=new, status=RoleGrant.Status.PENDING).count() == 0
    event = AuditEvent.objects.get(action="role_grant.operator")
    assert len(event.detail["closed_pending"]) == 1


NOBODY = "geen andere functioneel beheerder die dit kan goedkeuren"


def test_an_admin_alone_hears_who_can_give_the_role_instead(personas, client_for):
    """With one administrator, a change that needs a second one could only wait for ever; the
    message and the waiting list now say that the operator can give the role (grant-role)."""
    admin = personas.org_admin
    client = client_for(admin)
    response = edit_roles(client, personas.colleague, "professional", "org_admin")
    assert NOBODY in response.content.decode()  # the message after the change
    assert RoleGrant.objects.get(user=personas.colleague).status == RoleGrant.Status.PENDING
    listed = client.get(reverse("admin_users")).content.decode()
    assert NOBODY in listed
    assert "Wacht op een andere beheerder" not in listed


def test_with_a_second_admin_the_change_just_waits(personas, client_for):
    make_user("beheerder2", personas.organisation, Role.ORG_ADMIN)
    client = client_for(personas.org_admin)
    response = edit_roles(client, personas.colleague, "professional", "org_admin")
    assert NOBODY not in response.content.decode()
    listed = client.get(reverse("admin_users")).content.decode()
    assert NOBODY not in listed
    assert "Wacht op een andere beheerder" in listed
