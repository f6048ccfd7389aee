"""#16.10: step 5 shows the state the case is in; signing off asks for confirmation; a new
case opens with its next step, not with a verdict on sharing."""

from __future__ import annotations

import html

import pytest

from tests.decisions.helpers import decisions, lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.personas import open_case
from tests.risks.helpers import url


@pytest.fixture
def case(personas, client_for):
    case = prepared(personas)
    response = post_decision(client_for(personas.professional), case, **lawful_without_consent())
    assert response.status_code == 302
    return case


def _text(response, status: int = 200) -> str:
    assert response.status_code == status
    return html.unescape(response.content.decode())


def _sign_off(client, case, **extra):
    return client.post(url("decision_sign_off", case), {"expected_version": "1", **extra})


def test_a_submitted_decision_shows_as_waiting_for_sign_off(personas, case, client_for):
    client = client_for(personas.professional)
    detail = client.get(url("case_detail", case))
    step5 = detail.context["steps"][4]
    assert (step5.status, step5.status_label) == ("waiting_sign_off", "wacht op aftekenen")
    badge = _text(detail).split('id="stap-5"')[1].split("</h3>")[0]
    assert "wacht op aftekenen" in badge
    page = _text(client.get(url("step5", case)))
    assert "besluit b1 wacht op aftekenen door de beslisser." in page
    assert "nog niet begonnen" not in page.split('id="stap-5"')[-1].split("</li>")[0]


def test_sign_off_without_confirmation_is_refused_and_explained(personas, case, client_for):
    response = _sign_off(client_for(personas.decision_maker), case)
    page = _text(response, status=422)
    assert "vink aan dat je dit besluit neemt" in page
    assert decisions(case) == [("b1", 1, "submitted")]
    assert _sign_off(client_for(personas.decision_maker), case, confirm="on").status_code == 302
    assert decisions(case)[-1] == ("b1", 2, "signed_off")


def _remark_and_tick(page: str) -> tuple[str, bool]:
    """The remark box's text and whether the sign-off's tick is set, as the page shows them."""
    remark = page.split('name="remark"')[1].split(">", 1)[1].split("</textarea>")[0].strip()
    tick = page.split('name="confirm"')[1].split(">")[0]
    return remark, "checked" in tick


def test_a_remark_typed_stays_when_sign_off_is_refused_and_is_not_dropped(
    personas, case, client_for
):
    """The walk: the remark to send back and the sign-off were two forms; a remark typed and
    then "Besluit aftekenen" without the tick came back empty. One form now: what was typed
    stays, and signing off with a remark in the box is refused, so it is never dropped unseen."""
    maker = client_for(personas.decision_maker)
    remark = "Onderbouw waarom alleen delen het risico verkleint."
    page = _text(_sign_off(maker, case, remark=remark), status=422)
    assert "vink aan dat je dit besluit neemt" in page
    assert _remark_and_tick(page) == (remark, False)
    page = _text(_sign_off(maker, case, remark=remark, confirm="on"), status=422)
    assert "gaat alleen mee als je het besluit terugstuurt" in page
    assert _remark_and_tick(page) == (remark, True)
    assert decisions(case) == [("b1", 1, "submitted")]
    refused = maker.post(url("decision_return", case), {"expected_version": "1", "confirm": "on"})
    assert _remark_and_tick(_text(refused, status=422)) == ("", True)
    body = {"expected_version": "1", "remark": remark}
    sent_back = maker.post(url("decision_return", case), body)
    assert sent_back.status_code == 302 and decisions(case)[-1] == ("b1", 2, "returned")


def test_after_sign_off_the_page_shows_the_decision_and_no_red_verdict(personas, case, client_for):
    _sign_off(client_for(personas.decision_maker), case, confirm="on")
    page = _text(client_for(personas.professional).get(url("step5", case)))
    assert "besluit b1 is afgetekend op" in page and "Ga verder met stap 6." in page
    assert "Nee, nu niet" not in page and "verdict-refused" not in page
    assert "Het besluit heroverwegen: een nieuw besluit voorbereiden" in page


def test_a_brand_new_case_opens_with_its_next_step(personas, client_for):
    case = open_case(personas.professional, personas.organisation, "J-NIEUW")
    response = client_for(personas.professional).get(url("case_detail", case))
    page = _text(response)
    assert "niet rechtmatig" not in page
    assert "Wat nu:" in page and "ga verder met stap 1" in page
    assert "Nee, nu niet" not in _text(client_for(personas.professional).get(url("step5", case)))


def _evaluation(**statuses):
    from deelwijzer.procedure.evaluation import Evaluation, Sharing, StepStatus

    steps = {n: StepStatus(n, statuses.get(f"s{n}", "complete")) for n in range(1, 7)}
    return Evaluation(age=15, steps=steps, findings=[], sharing=Sharing(False, None))


@pytest.mark.parametrize(
    ("step5", "open_status", "shown", "next_number"),
    [
        ("not_started", "submitted", "waiting_sign_off", 5),
        ("not_started", "draft", "in_preparation", 5),
        ("not_started", "returned", "returned", 5),  # the walk: it read "in voorbereiding"
        ("complete", "submitted", "waiting_sign_off", 5),  # a new decision waits
        ("complete", None, "complete", 6),
    ],
)
def test_what_next_follows_the_decision_being_prepared(step5, open_status, shown, next_number):
    from deelwijzer.decisions.selectors import step5_status
    from deelwijzer.ui.stepview import next_thing, step_rows

    evaluation = _evaluation(s5=step5, s6="not_started")
    rows = step_rows(1, evaluation, statuses={5: step5_status(step5, open_status)})
    assert rows[4].status == shown
    assert next_thing(rows).number == next_number


def test_a_save_from_a_tab_that_is_behind_says_so_and_gives_the_text_back(personas, client_for):
    """Submitted in one tab, then saved as a draft from another that still showed the draft:
    was a 200 without a word, and the reasoning typed there was lost (the interruptions
    walk)."""
    case = prepared(personas)
    client = client_for(personas.professional)
    post_decision(client, case, **lawful_without_consent(), action="draft")
    post_decision(client, case, **lawful_without_consent(), expected_version=1)  # the other tab
    typed = "In het andere tabblad schreef ik een langere afweging van de risico's."
    values = lawful_without_consent()
    answer = post_decision(
        client, case, **values, action="draft", expected_version=1, reasoning=typed
    )
    page = answer.content.decode()
    assert answer.status_code == 409
    assert "Je wijziging is niet opgeslagen." in page and "data-error-summary" in page
    assert f"{html.escape(typed)}</textarea>" in page
    assert "Onderbouwing van het besluit (R5.4)</label>" in page  # the form's own label
    assert decisions(case) == [("b1", 1, "draft"), ("b1", 2, "submitted")]
