"""#21: leaving the organisation. Disabling a user asks who takes over each of their cases
(per case or all at once), refuses to leave a case without a team, and ends every session
and API token of the leaver at once."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from deelwijzer.api.models import ApiToken
from deelwijzer.api.tokens import api_token_create
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import CaseChange, TeamMember
from deelwijzer.organisations.models import Role
from tests.personas import make_user, open_case


def _url(user) -> str:
    return reverse("admin_user_active", kwargs={"user_id": user.public_id})


def _field(case) -> str:
    return f"case_{case.public_id.hex}"


def _team(case) -> set[str]:
    return set(case.team.values_list("user__username", flat=True))


def test_the_question_lists_the_leavers_cases_without_content(personas, client_for):
    page = client_for(personas.org_admin).get(_url(personas.professional)).content.decode()
    assert "J-TEST" in page and "Wie neemt de casussen over?" in page
    assert "Yusuf" not in page and "Kastanjelaan" not in page  # no identity, no content
    assert 'name="alle"' in page and f'name="{_field(personas.case)}"' in page


def test_a_case_without_anyone_else_is_never_stranded(personas, client_for):
    response = client_for(personas.org_admin).post(
        _url(personas.professional), {"active": "0", "confirm": "1"}
    )
    assert response.status_code == 422
    assert "blijft nooit zonder team achter" in response.content.decode()
    personas.professional.refresh_from_db()
    assert personas.professional.is_active  # nothing saved
    assert _team(personas.case) == {"prof"}


def test_all_at_once_hands_every_case_to_one_colleague(personas, client_for):
    second = open_case(personas.professional, personas.organisation, "J-TWEE")
    body = {"active": "0", "confirm": "1", "alle": str(personas.colleague.public_id)}
    response = client_for(personas.org_admin).post(_url(personas.professional), body)
    assert response.status_code == 302
    for case in (personas.case, second):
        assert _team(case) == {"collega"}
        assert TeamMember.objects.get(case=case, user=personas.colleague).role_on_team == "mentor"
        change = CaseChange.objects.get(case=case, kind=CaseChange.Kind.HANDOVER)
        assert change.changed_by == personas.org_admin
    personas.professional.refresh_from_db()
    assert not personas.professional.is_active


def test_per_case_choices_and_a_team_that_keeps_others(personas, client_for):
    third = make_user("derde", personas.organisation, Role.PROFESSIONAL)
    second = open_case(personas.professional, personas.organisation, "J-TWEE")
    client_for(personas.professional).post(
        reverse("case_team_add", kwargs={"case_id": second.public_id}),
        {"user": str(third.public_id), "role_on_team": "zorgcoördinator"},
    )
    assert _team(second) == {"prof", "derde"}
    body = {"active": "0", "confirm": "1", _field(personas.case): str(personas.colleague.public_id)}
    assert client_for(personas.org_admin).post(_url(personas.professional), body).status_code == 302
    assert _team(personas.case) == {"collega"}
    assert _team(second) == {"derde"}  # only taken off: the team keeps the others
    assert CaseChange.objects.filter(case=second, kind=CaseChange.Kind.TEAM_REMOVE).exists()


def test_a_colleague_of_another_organisation_is_refused(personas, client_for):
    body = {"active": "0", "confirm": "1", "alle": str(personas.stranger.public_id)}
    response = client_for(personas.org_admin).post(_url(personas.professional), body)
    assert response.status_code == 422
    assert _team(personas.case) == {"prof"}


def test_disabling_ends_every_session_and_api_token_at_once(personas, client_for):
    leaver = personas.colleague  # on no team: nothing to hand over
    token, secret = api_token_create(actor=leaver, name="leerlingadministratie")
    browser = Client()
    browser.force_login(leaver)
    assert Session.objects.count() >= 1
    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert api.get("/api/v1/cases", **auth).status_code == 200
    response = client_for(personas.org_admin).post(_url(leaver), {"active": "0", "confirm": "1"})
    assert response.status_code == 302
    assert api.get("/api/v1/cases", **auth).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert browser.get(reverse("dashboard")).status_code == 302  # signed out
    leaver_sessions = [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(leaver.pk)
    ]
    assert leaver_sessions == []
    revoked = AuditEvent.objects.filter(action="api_token.revoke", user_id=personas.org_admin.pk)
    assert revoked.count() == 1
