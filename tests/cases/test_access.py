"""The access policy in cases/access.py."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.access import case_access, cases_for, get_case
from deelwijzer.cases.services import case_view, team_member_add
from deelwijzer.organisations.models import Membership


def test_team_professional_sees_content_and_identity(personas):
    access = case_access(personas.professional, personas.case)
    assert (access.view, access.edit, access.identity) == (True, True, True)


@pytest.mark.parametrize(
    "persona",
    ["colleague", "attention_officer", "decision_maker", "org_admin", "auditor", "stranger"],
)
def test_others_get_404_for_the_case(personas, persona):
    with pytest.raises(Http404):
        get_case(getattr(personas, persona), personas.case.pk)


def test_decision_maker_follows_the_case_once_involved(personas):
    personas.case.decision_maker_involved_at = timezone.now()
    personas.case.save()
    access = case_access(personas.decision_maker, personas.case)
    assert access.view and access.decide and not access.edit


def test_colleague_added_to_the_team_gets_access(personas):
    team_member_add(
        actor=personas.professional,
        case_id=personas.case.pk,
        user_id=personas.colleague.pk,
        role_on_team="zorgcoördinator",
    )
    assert case_access(personas.colleague, personas.case).identity
    assert personas.case in cases_for(personas.colleague)


def test_deactivated_membership_loses_access(personas):
    Membership.objects.filter(user=personas.professional).update(active=False)
    fresh = type(personas.professional).objects.get(pk=personas.professional.pk)  # next request
    with pytest.raises(Http404):
        get_case(fresh, personas.case.pk)


def test_a_case_read_is_audited(personas):
    before = AuditEvent.objects.filter(action="case.view").count()
    case_view(actor=personas.professional, case_id=personas.case.pk)
    event = AuditEvent.objects.filter(action="case.view").latest("id")
    assert AuditEvent.objects.filter(action="case.view").count() == before + 1
    assert (event.case_id, event.user_id, event.role) == (
        personas.case.pk,
        personas.professional.pk,
        "team",
    )


def test_stranger_cannot_add_themselves_to_another_organisations_team(personas):
    with pytest.raises(Http404):
        team_member_add(
            actor=personas.stranger,
            case_id=personas.case.pk,
            user_id=personas.stranger.pk,
            role_on_team="mentor",
        )


def test_dashboard_lists_only_my_cases(personas, client_for):
    page = client_for(personas.professional).get("/").content.decode()
    assert "J-TEST" in page and "J-ANDR" not in page
