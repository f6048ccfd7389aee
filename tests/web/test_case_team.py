"""Adding a colleague to the team: its own page, linked from the case page."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.access import get_case
from deelwijzer.cases.models import TeamMember
from deelwijzer.organisations.models import Role
from tests.personas import make_user


def _url(personas) -> str:
    return reverse("case_team_add", kwargs={"case_id": personas.case.public_id})


def test_the_case_page_links_to_the_team_page_and_lists_no_colleagues(personas, client_for):
    page = client_for(personas.professional).get(
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    html = page.content.decode()
    assert _url(personas) in html
    assert 'name="user"' not in html  # the organisation's colleagues are not on every view
    assert personas.colleague.display_name() not in html


def test_the_team_page_offers_colleagues_not_on_the_team_and_audits_the_read(personas, client_for):
    page = client_for(personas.professional).get(_url(personas))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{personas.colleague.public_id}">' in html
    assert f'<option value="{personas.professional.public_id}">' not in html  # already on the team
    assert f'<option value="{personas.stranger.public_id}">' not in html  # another organisation
    assert f'<option value="{personas.auditor.public_id}">' not in html  # not a professional
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.case_id, event.user_id) == (
        "case.view",
        personas.case.pk,
        personas.professional.pk,
    )


def test_adding_a_colleague_gives_access_and_returns_to_the_team_on_the_case_page(
    personas, client_for
):
    client = client_for(personas.professional)
    answer = client.post(
        _url(personas), {"user": personas.colleague.public_id, "role_on_team": "zorg"}
    )
    assert answer.status_code == 302
    assert answer["Location"].endswith(f"/casussen/{personas.case.public_id}/#team")
    _case, access = get_case(personas.colleague, personas.case.pk)
    assert access.identity
    case_page = client.get(answer["Location"]).content.decode()
    assert "De collega is aan het team toegevoegd." in case_page
    assert f"{personas.colleague.display_name()} – zorg" in case_page
    assert AuditEvent.objects.filter(action="case.team_add", case_id=personas.case.pk).exists()


def test_a_missing_role_shows_the_form_again_and_adds_nobody(personas, client_for):
    answer = client_for(personas.professional).post(
        _url(personas), {"user": personas.colleague.public_id, "role_on_team": " "}
    )
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Dit is nog niet opgeslagen" in html
    assert "Rol bij deze jongere" in html
    assert f'<option value="{personas.colleague.public_id}" selected>' in html  # the choice is kept
    assert not TeamMember.objects.filter(case=personas.case, user=personas.colleague).exists()


def test_an_empty_post_names_what_is_missing(personas, client_for):
    answer = client_for(personas.professional).post(_url(personas), {})
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Dit is nog niet opgeslagen" in html
    assert html.count('class="error"') == 2  # the colleague and the role
    assert not TeamMember.objects.filter(case=personas.case, user=personas.colleague).exists()


def test_someone_of_another_organisation_cannot_be_added(personas, client_for):
    answer = client_for(personas.professional).post(
        _url(personas), {"user": personas.stranger.public_id, "role_on_team": "mentor"}
    )
    assert answer.status_code == 422
    assert "Dit is nog niet opgeslagen" in answer.content.decode()
    assert not TeamMember.objects.filter(case=personas.case, user=personas.stranger).exists()


def test_with_everyone_on_the_team_the_page_says_so_instead_of_an_empty_list(personas, client_for):
    client = client_for(personas.professional)
    client.post(_url(personas), {"user": personas.colleague.public_id, "role_on_team": "zorg"})
    html = client.get(_url(personas)).content.decode()
    assert "Toevoegen aan het team" not in html  # no add form (remove and hand over remain)
    assert "Alle professionals van je organisatie staan al in dit team" in html
    late = make_user("nieuwkomer", personas.organisation, Role.PROFESSIONAL)
    assert f'<option value="{late.public_id}">' in client.get(_url(personas)).content.decode()
