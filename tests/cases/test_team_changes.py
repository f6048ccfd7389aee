"""#16 (also): taking a colleague off a case's team and handing a case over. Both audited;
whoever leaves loses access at once; what they recorded stays in the case file."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case, CaseChange, TeamMember
from deelwijzer.cases.services import team_member_add
from deelwijzer.interchange.casefile import case_evaluation
from deelwijzer.signalling.services import SignalInput, signal_add


def _with_colleague(personas) -> Case:
    """The colleague on the team, having recorded a signal (s1)."""
    case = personas.case
    team_member_add(
        actor=personas.professional, case_id=case.pk, user_id=personas.colleague.pk,
        role_on_team="zorgcoördinator",
    )  # fmt: skip
    signal_add(
        actor=personas.colleague,
        case_id=case.pk,
        data=SignalInput(
            "signal", case.opened_at.date(), "Zegt dat hij weg wil.", "own_observation"
        ),
    )
    return case


def _handover(user_id, role: str, reason: str) -> dict:
    return {
        "overdracht-user": user_id,
        "overdracht-role_on_team": role,
        "overdracht-reason": reason,
    }


def _detail(case) -> str:
    return reverse("case_detail", args=[case.public_id])


def test_a_removed_colleague_loses_access_and_their_entries_stay(personas, client_for):
    case = _with_colleague(personas)
    answer = client_for(personas.professional).post(
        reverse("case_team_remove", args=[case.public_id]),
        {"user": personas.colleague.public_id, "reason": "Werkt niet meer met deze klas."},
    )
    assert answer.status_code == 302
    assert client_for(personas.colleague).get(_detail(case)).status_code == 404
    assert not Case.objects.filter(team__user=personas.colleague, team__removed_at=None).exists()
    event = AuditEvent.objects.get(action="case.team_remove", case_id=case.pk)
    assert event.detail == {"user_id": personas.colleague.pk}  # no reason: that is content
    change = CaseChange.objects.get(case=case, kind="team_remove")
    assert (change.about, change.reason) == (personas.colleague, "Werkt niet meer met deze klas.")
    assert case_evaluation(Case.objects.get(pk=case.pk)) is not None  # s1's author still known
    page = client_for(personas.professional).get(_detail(case)).content.decode()
    assert "zorgcoördinator" not in page  # not on the team any more
    dossier = client_for(personas.professional).get(reverse("dossier", args=[case.public_id]))
    assert "Uit het team gehaald" in dossier.content.decode()


def test_removing_needs_a_reason_and_keeps_the_colleague(personas, client_for):
    case = _with_colleague(personas)
    answer = client_for(personas.professional).post(
        reverse("case_team_remove", args=[case.public_id]),
        {"user": personas.colleague.public_id, "reason": ""},
    )
    assert answer.status_code == 422
    assert "Schrijf op waarom deze collega uit het team gaat." in answer.content.decode()
    assert client_for(personas.colleague).get(_detail(case)).status_code == 200


def test_the_last_team_member_cannot_be_removed(personas, client_for):
    case = personas.case
    answer = client_for(personas.professional).post(
        reverse("case_team_remove", args=[case.public_id]),
        {"user": personas.professional.public_id, "reason": "Ik stop."},
    )
    assert answer.status_code == 422
    assert "Dit is het laatste teamlid. Draag de casus eerst over" in answer.content.decode()
    assert TeamMember.objects.filter(case=case).count() == 1


def test_a_colleague_taken_off_can_be_added_again(personas, client_for):
    case = _with_colleague(personas)
    client = client_for(personas.professional)
    client.post(
        reverse("case_team_remove", args=[case.public_id]),
        {"user": personas.colleague.public_id, "reason": "Tijdelijk weg."},
    )
    answer = client.post(
        reverse("case_team_add", args=[case.public_id]),
        {"user": personas.colleague.public_id, "role_on_team": "mentor"},
    )
    assert answer.status_code == 302
    assert client_for(personas.colleague).get(_detail(case)).status_code == 200


def test_handing_over_moves_the_case_to_the_colleague(personas, client_for):
    case = personas.case
    answer = client_for(personas.professional).post(
        reverse("case_hand_over", args=[case.public_id]),
        _handover(personas.colleague.public_id, "mentor", "Ik ga weg."),
    )
    assert answer.status_code == 302 and answer["Location"] == reverse("dashboard")
    assert client_for(personas.professional).get(_detail(case)).status_code == 404
    assert client_for(personas.colleague).get(_detail(case)).status_code == 200
    member = TeamMember.objects.get(case=case)
    assert (member.user, member.role_on_team) == (personas.colleague, "mentor")
    event = AuditEvent.objects.get(action="case.handover", case_id=case.pk)
    assert event.user_id == personas.professional.pk
    assert event.detail == {
        "from_user_id": personas.professional.pk,
        "to_user_id": personas.colleague.pk,
    }


def test_handing_over_empty_or_to_a_stranger_is_refused_and_changes_nothing(personas, client_for):
    case = personas.case
    client = client_for(personas.professional)
    url = reverse("case_hand_over", args=[case.public_id])
    empty = client.post(url, {}).content.decode()
    assert "Kies de collega die de casus overneemt." in empty
    assert "Schrijf op waarom je de casus overdraagt." in empty
    stranger = client.post(url, _handover(personas.stranger.public_id, "mentor", "Weg."))
    assert stranger.status_code == 422
    assert "Dit is nog niet opgeslagen" in stranger.content.decode()
    assert "Weg.</textarea>" in stranger.content.decode()  # what was typed is kept
    assert list(TeamMember.objects.filter(case=case).values_list("user", flat=True)) == [
        personas.professional.pk
    ]
    assert not AuditEvent.objects.filter(action="case.handover").exists()


def test_the_team_through_the_api(personas, api_as):
    case = personas.case
    client = api_as(personas.professional)
    added = client.post(
        f"/cases/{case.public_id}/team",
        {"user_id": personas.colleague.public_id, "role_on_team": "zorg"},
    )
    assert added.status_code == 200
    assert [m["user_id"] for m in added.json()["team"]] == [
        str(personas.professional.public_id),
        str(personas.colleague.public_id),
    ]
    removed = client.post(
        f"/cases/{case.public_id}/team/remove",
        {"user_id": personas.colleague.public_id, "reason": "Weg."},
    )
    assert [m["user_id"] for m in removed.json()["team"]] == [str(personas.professional.public_id)]
    last = client.post(
        f"/cases/{case.public_id}/team/remove",
        {"user_id": personas.professional.public_id, "reason": "Ik."},
    )
    assert last.status_code == 422
    handed = client.post(
        f"/cases/{case.public_id}/handover",
        {
            "user_id": personas.colleague.public_id,
            "role_on_team": "mentor",
            "reason": "Ik vertrek.",
        },
    )
    assert handed.status_code == 204
    assert client.get(f"/cases/{case.public_id}").status_code == 404
    assert api_as(personas.colleague).get(f"/cases/{case.public_id}").status_code == 200
