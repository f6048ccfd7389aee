"""Every home page lists what waits for that person, and the menu counts it (issue #16.7)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.advice.conftest import (
    add_signal,
    answer_body,
    post_answer,
    sent_to_officer,
)
from tests.decisions.helpers import lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.risks.helpers import url


def home(client) -> str:
    return client.get(reverse("dashboard")).content.decode()


def menu_count(page: str, label: str) -> int | None:
    """The count after a menu item (the link described by it), or None when it shows none."""
    nav = page[page.index("<nav") : page.index("</nav>")]
    match = re.search(
        rf'<a [^>]*aria-describedby="([^"]+)"[^>]*>{label}</a> <span class="count" id="\1">(\d+)<',
        nav,
    )
    if match:
        return int(match.group(2))
    assert re.search(rf"<a [^>]*>{label}</a>", nav), f"no menu item {label!r}"
    return None


@pytest.fixture
def asked(personas, client_for, deduce_model):
    add_signal(personas.case, personas.professional, "Hij zegt dat muziek haram is.")
    return sent_to_officer(client_for(personas.professional), personas.case)


def test_the_attention_officer_sees_the_waiting_request_not_nothing(personas, client_for):
    officer = client_for(personas.attention_officer)
    empty = home(officer)
    assert "Er wacht nu geen adviesvraag op je antwoord." in empty
    assert menu_count(empty, "Adviesvragen") is None


def test_the_attention_officer_home_lists_the_request_and_the_menu_counts_it(
    personas, client_for, asked
):
    page = home(client_for(personas.attention_officer))
    assert "Er staat nu niets voor je klaar" not in page
    assert "Adviesvragen die op je antwoord wachten: 1" in page
    link = reverse("inbox_answer", kwargs={"case_id": personas.case.public_id, "key": asked})
    assert f'href="{link}"' in page
    assert menu_count(page, "Adviesvragen") == 1


@pytest.mark.parametrize(("review_in", "count"), [(30, 1), (3, 2)])
def test_answered_advice_shows_for_the_professional_and_leaves_the_officer(
    personas, client_for, asked, review_in, count
):
    answer_url = reverse("inbox_answer", kwargs={"case_id": personas.case.public_id, "key": asked})
    officer = client_for(personas.attention_officer)
    review = (timezone.localdate() + timedelta(days=review_in)).isoformat()
    body = answer_body(review_date=review)
    assert post_answer(officer, answer_url, personas.case, asked, body).status_code == 302
    assert menu_count(home(officer), "Adviesvragen") is None
    page = home(client_for(personas.professional))
    assert "Advies ontvangen (stap 2)" in page
    assert f"{reverse('step2', kwargs={'case_id': personas.case.public_id})}#{asked}" in page
    # the answer, and the reminder of its review date (R2.5) once that is within a week
    assert menu_count(page, "Mijn casussen") == count
    assert ("Opnieuw bekijken" in page) == (count == 2)
    assert "Advies ontvangen" not in home(client_for(personas.colleague))  # not on the team


@pytest.fixture
def submitted(personas, client_for):
    case = prepared(personas)
    response = post_decision(client_for(personas.professional), case, **lawful_without_consent())
    assert response.status_code == 302
    return case


def test_the_decision_maker_home_lists_the_decision_to_sign_off(personas, client_for, submitted):
    page = home(client_for(personas.decision_maker))
    assert "Besluiten om af te tekenen: 1" in page
    assert f'href="{url("step5", submitted)}"' in page
    assert menu_count(page, "Besluiten") == 1
    assert "Besluit wacht op je handtekening" not in home(client_for(personas.professional))


@pytest.mark.parametrize(
    ("name", "body", "shown"),
    [
        (
            "decision_sign_off",
            {"expected_version": "1", "confirm": "on"},
            "Besluit afgetekend door de beslisser",
        ),
        (
            "decision_return",
            {"expected_version": "1", "remark": "Onderbouw het beter."},
            "Besluit teruggestuurd door de beslisser",
        ),
    ],
)
def test_a_decision_that_came_back_shows_for_the_professional(
    personas, client_for, submitted, name, body, shown
):
    maker = client_for(personas.decision_maker)
    assert maker.post(url(name, submitted), body).status_code == 302
    assert menu_count(home(maker), "Besluiten") is None
    page = home(client_for(personas.professional))
    assert shown in page
    assert menu_count(page, "Mijn casussen") == 1


def test_the_menu_counts_without_team_cases_cost_one_query_whatever_waits(
    personas, client_for, submitted
):
    """Counted on every page with a menu: the professional's open team cases with their
    revisions, and one query that counts; the same with more waiting. The decision maker is
    a professional nowhere, so there are no team cases to read: the count alone."""
    from deelwijzer.cases.access import memberships_of
    from deelwijzer.web.waiting import menu_counts

    roles = {"professional", "attention_officer", "decision_maker"}
    memberships_of(personas.decision_maker)  # read once per request already, for the menu
    with CaptureQueriesContext(connection) as captured:
        counts = menu_counts(personas.decision_maker, roles)
    assert len(captured) == 1
    assert counts["decisions"] == 1
    assert menu_counts(personas.auditor, {"auditor"}) == {}


def test_the_professionals_count_is_kept_until_one_of_their_cases_changes(
    personas, client_for, submitted
):
    """The professional's count (seven sets) is kept under the revisions of their open team
    cases: counted again only after an (audited) change in one of them."""
    from deelwijzer.web.waiting import menu_counts

    professional = personas.professional
    kept: dict = {}  # the session
    counts = menu_counts(professional, {"professional"}, kept)
    with CaptureQueriesContext(connection) as captured:
        assert menu_counts(professional, {"professional"}, kept) == counts
    assert len(captured) == 1  # the revisions only: the count was kept
    assert counts["mine"] == 0
    with CaptureQueriesContext(connection) as captured:
        assert menu_counts(professional, {"professional"}) == counts
    assert len(captured) == 2  # nowhere to keep it: counted

    maker = client_for(personas.decision_maker)
    body = {"expected_version": "1", "remark": "Onderbouw het beter."}
    assert maker.post(url("decision_return", submitted), body).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        assert menu_counts(professional, {"professional"}, kept) == {"mine": 1}
    assert len(captured) == 2  # the case's revision moved on: counted again


def test_the_professionals_count_is_kept_in_the_session_that_every_worker_reads(
    personas, client_for, submitted
):
    """Kept per process, each worker and node of a cluster counted it again (bench-scale: 57 %
    of the counts). In the session, a page on any of them reads what another counted."""
    from deelwijzer.web.waiting import KEPT_MINE

    professional = client_for(personas.professional)
    assert menu_count(home(professional), "Mijn casussen") is None
    key, count = professional.session[KEPT_MINE]
    assert count == 0
    session = professional.session
    session[KEPT_MINE] = [key, 7]  # as if another worker had counted 7
    session.save()
    assert menu_count(home(professional), "Mijn casussen") == 7

    maker = client_for(personas.decision_maker)
    body = {"expected_version": "1", "remark": "Onderbouw het beter."}
    assert maker.post(url("decision_return", submitted), body).status_code == 302
    professional = client_for(personas.professional)
    assert menu_count(home(professional), "Mijn casussen") == 1  # a case changed: counted again
    assert professional.session[KEPT_MINE][1] == 1


def test_an_admin_without_waiting_work_is_told_so(personas, client_for):
    page = home(client_for(personas.org_admin))
    assert "Er staat nu niets voor je klaar." in page
