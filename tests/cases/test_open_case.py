"""Opening a case through the real form: bad input gets a Dutch message and saves nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case, Guardian, TeamMember, Youth


def form_data(**overrides):
    data = {
        "pseudonym": "J-NIEU",
        "name": "Noor Hendriks",
        "birth_date": "2011-06-01",
        "identifiers": "Populierstraat 3\nklas 2A",
        "role_on_team": "mentor",
        "guardian1_name": "Karin Hendriks",
        "guardian1_relation": "moeder",
        "guardian1_authority": "on",
    }
    data.update(overrides)
    return data


def counts():
    return (
        Case.objects.count(),
        Youth.objects.count(),
        Guardian.objects.count(),
        TeamMember.objects.count(),
        AuditEvent.objects.count(),
    )


def test_professional_opens_a_case_with_identity_and_becomes_team_member(personas, client_for):
    client = client_for(personas.professional)
    response = client.post(reverse("case_new"), form_data())
    case = Case.objects.get(pseudonym="J-NIEU")
    assert response.status_code == 302
    assert response["Location"] == reverse("case_detail", kwargs={"case_id": case.public_id})
    assert case.youth.name == "Noor Hendriks"
    assert case.youth.identifiers == ["Populierstraat 3", "klas 2A"]
    assert list(case.guardians.values_list("name", "has_authority")) == [("Karin Hendriks", True)]
    assert list(case.team.values_list("user_id", flat=True)) == [personas.professional.pk]
    page = client.get(response["Location"]).content.decode()
    assert "Noor Hendriks" in page and "J-NIEU" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "", "Vul de geboortedatum in"),
        (
            "birth_date",
            (timezone.localdate() + timedelta(days=2)).isoformat(),
            "De geboortedatum ligt in de toekomst",
        ),
        ("birth_date", "31-02-2010", "Vul een geldige datum in"),
        ("pseudonym", "J-TEST", "Je organisatie heeft al een casus met dit pseudoniem"),
        ("name", "", "Vul de naam van de jongere in"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_saves_nothing(
    personas, client_for, field, value, message
):
    before = counts()
    response = client_for(personas.professional).post(
        reverse("case_new"), form_data(**{field: value})
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert counts() == before


def test_the_form_leaves_the_pseudonym_to_deelwijzer(personas, client_for):
    page = client_for(personas.professional).get(reverse("case_new")).content.decode()
    assert 'name="pseudonym" maxlength="20"' in page and 'name="pseudonym" value=' not in page
    assert "Laat het leeg: dan kiest Deelwijzer een willekeurig pseudoniem" in page


def test_a_parent_without_a_stated_relation_is_recorded_as_ouder(personas):
    """The service fills the default, so the form, the API and the import agree."""
    from deelwijzer.cases.services import CaseInput, GuardianInput, case_open

    data = CaseInput(
        pseudonym="J-OUDR",
        name="Noor Hendriks",
        birth_date=timezone.localdate() - timedelta(days=15 * 365),
        role_on_team="mentor",
        guardians=[GuardianInput("Karin Hendriks", "  "), GuardianInput("Ed Hendriks", "vader")],
    )
    case = case_open(actor=personas.professional, organisation=personas.organisation, data=data)
    assert sorted(case.guardians.values_list("relation", flat=True)) == ["ouder", "vader"]
