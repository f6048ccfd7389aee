"""Taken off the team while writing (the team walk): the colleague's next post gets a 404 that
says they are no longer on the team of this case, since when, and gives back what was typed;
nothing is saved. Anyone who never was on the team gets the plain 404, and the API's answer
is the same 404 for both."""

from __future__ import annotations

import pytest
from django.utils.html import strip_tags

from deelwijzer.cases.lifecycle import case_hand_over, team_member_remove
from deelwijzer.cases.services import team_member_add
from deelwijzer.signalling.models import Signal
from tests.signalling.helpers import signal_body, url

pytestmark = pytest.mark.django_db

TYPED = "Ze vertelde in de mentorles dat ze niet meer naar huis wil, en huilde daarbij."


@pytest.fixture
def taken_off(personas):
    case = personas.case
    team_member_add(
        actor=personas.professional, case_id=case.pk, user_id=personas.colleague.pk,
        role_on_team="zorgcoördinator",
    )  # fmt: skip
    team_member_remove(
        actor=personas.professional, case_id=case.pk, user_id=personas.colleague.pk,
        reason="Ze werkt niet meer met deze leerling.",
    )  # fmt: skip
    return case


def test_a_post_after_being_taken_off_says_so_and_gives_the_text_back(
    personas, client_for, taken_off
):
    answer = client_for(personas.colleague).post(
        url("signal_add", taken_off), signal_body(text=TYPED)
    )
    page = answer.content.decode()
    assert answer.status_code == 404
    heading = f"Je staat niet meer in het team van casus {taken_off.pseudonym}"
    assert heading in strip_tags(page)
    assert "Wat je net verstuurde, is niet opgeslagen." in page
    assert TYPED in page  # to copy
    assert not Signal.objects.filter(case=taken_off).exists()


def test_opening_the_case_after_being_taken_off_says_so(personas, client_for, taken_off):
    answer = client_for(personas.colleague).get(url("step1", taken_off))
    assert answer.status_code == 404
    assert "Je staat niet meer in het team" in answer.content.decode()


def test_someone_never_on_the_team_gets_the_plain_404(personas, client_for, taken_off):
    answer = client_for(personas.stranger).get(url("step1", taken_off))
    assert answer.status_code == 404
    assert "niet meer in het team" not in answer.content.decode()


def test_the_page_says_who_took_them_off_and_not_why(personas, client_for, taken_off):
    """Who to ask: the colleague who took them off. The reason (case content) stays out."""
    page = client_for(personas.colleague).get(url("step1", taken_off)).content.decode()
    by = personas.professional.display_name()
    assert f"{by} heeft je op " in page and f"Vraag het {by} of een ander teamlid" in page
    assert "werkt niet meer met deze leerling" not in page
    assert "overgedragen" not in page


def test_after_handing_the_case_over_the_page_names_the_colleague(personas, client_for):
    case = personas.case
    case_hand_over(
        actor=personas.professional, case_id=case.pk, user_id=personas.colleague.pk,
        role_on_team="mentor", reason="Ik ga met verlof.",
    )  # fmt: skip
    answer = client_for(personas.professional).post(
        url("signal_add", case), signal_body(text=TYPED)
    )
    page = answer.content.decode()
    to = personas.colleague.display_name()
    assert answer.status_code == 404
    assert f"overgedragen aan {to}." in page and f"Vraag het {to}:" in page
    assert "uit het team gehaald" not in page and "met verlof" not in page
    assert TYPED in page
