"""A role change's status machine (organisations/transitions.py): every (from, to) pair tried
through role_grant_decide. A pending change is decided once; a decided one is refused with
the reason, and nothing changes or is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.grants import role_grant_decide, role_grant_request
from deelwijzer.organisations.models import Membership, Role, RoleGrant
from deelwijzer.organisations.transitions import TRANSITIONS
from tests.personas import make_user

PENDING, APPROVED = RoleGrant.Status.PENDING, RoleGrant.Status.APPROVED
REJECTED = RoleGrant.Status.REJECTED
DECIDED = "Deze rolwijziging wacht niet (meer) op goedkeuring; er is niets gewijzigd."
EXPECTED = {
    (PENDING, APPROVED): None,
    (PENDING, REJECTED): None,
    (APPROVED, APPROVED): DECIDED,
    (APPROVED, REJECTED): DECIDED,
    (REJECTED, APPROVED): DECIDED,
    (REJECTED, REJECTED): DECIDED,
}
ACTIONS = {APPROVED: "role_grant.approve", REJECTED: "role_grant.reject"}


def _state(grant, user):
    grant.refresh_from_db()
    roles = set(Membership.objects.filter(user=user, active=True).values_list("role", flat=True))
    return grant.status, roles, AuditEvent.objects.count()


@pytest.mark.parametrize(("start", "to"), list(EXPECTED), ids=str)
def test_every_status_change_through_the_service(personas, start, to):
    organisation = personas.organisation
    second = make_user("beheerder2", organisation, Role.ORG_ADMIN)
    third = make_user("beheerder3", organisation, Role.ORG_ADMIN)
    grant = role_grant_request(
        actor=personas.org_admin,
        organisation=organisation,
        user_id=second.pk,
        old=[Role.ORG_ADMIN],
        roles=[Role.DECISION_MAKER, Role.ORG_ADMIN],
    )

    def decide(status):
        return role_grant_decide(
            actor=third, organisation=organisation, grant_id=grant.pk, approve=status == APPROVED
        )

    if start != PENDING:
        decide(start)
    status, roles, events = _state(grant, second)
    assert status == start
    if EXPECTED[(start, to)] is None:
        decide(to)
        assert _state(grant, second)[0] == to
        assert AuditEvent.objects.latest("pk").action == ACTIONS[to]
        return
    with pytest.raises(ValidationError) as refused:
        decide(to)
    assert refused.value.messages == [DECIDED]
    assert _state(grant, second) == (status, roles, events)


def test_the_table_says_what_the_service_does():
    table = {
        (start, to): None if to in TRANSITIONS[start].allowed else str(TRANSITIONS[start].refusal)
        for start in (PENDING, APPROVED, REJECTED)
        for to in (APPROVED, REJECTED)
    }
    assert table == EXPECTED
