"""R3.2 through the real pages: a youth under 16, the parents with authority."""

from __future__ import annotations

import re

import pytest

from deelwijzer.conversations.models import GuardiansNotInvolved
from tests.conversations.helpers import (
    advice_request,
    case_aged,
    conversation_post,
    findings,
    step3_counts,
    url,
    with_parents,
)


@pytest.fixture
def case15(personas):
    return case_aged(personas, "J-VYFT", turned_16_days_ago=-200)


def step_page(client, case) -> str:
    return client.get(url("step3", case)).content.decode()


def test_the_page_states_r3_2_with_the_guardians_by_name(personas, client_for, case15):
    page = step_page(client_for(personas.professional), case15)
    assert 'data-rule="R3.2"' in page and 'data-rule="R3.3"' not in page
    assert "Jonger dan 16 (R3.2)" in page
    assert "<strong>15 jaar</strong>" in page
    for guardian in case15.guardians.all():
        assert f'<li id="g{guardian.pk}">{guardian.name} ({guardian.relation})</li>' in page


@pytest.fixture
def youth_only(personas, client_for, case15):
    client = client_for(personas.professional)
    response = client.post(
        url("step3_conversation_new", case15), conversation_post(case15, personas.professional)
    )
    assert response.status_code == 302
    return client


def test_youth_only_leaves_an_r3_2_finding_until_the_guardians_are_involved(
    personas, case15, youth_only
):
    assert findings(step_page(youth_only, case15), "R3.2")
    response = youth_only.post(
        url("step3_conversation_new", case15), with_parents(case15, personas.professional)
    )
    assert response.status_code == 302
    assert not findings(step_page(youth_only, case15), "R3.2")


def test_only_one_of_two_guardians_still_leaves_the_finding(personas, case15, youth_only):
    first = case15.guardians.first()
    data = conversation_post(
        case15,
        personas.professional,
        participants=["youth", "guardians"],
        guardian_ids=[str(first.pk)],
    )
    assert youth_only.post(url("step3_conversation_new", case15), data).status_code == 302
    page = step_page(youth_only, case15)
    assert findings(page, "R3.2")
    assert f"#g{case15.guardians.last().pk}" in page  # the finding links to who is missing


def test_the_exception_needs_a_ground_and_a_reason(case15, youth_only):
    target = url("step3_guardians_not_involved", case15)
    no_ground = youth_only.post(target, {"gn-reason": "Vader is gewelddadig geweest."})
    assert "Kies de grond" in no_ground.content.decode()
    no_reason = youth_only.post(target, {"gn-ground": "contrary_to_good_care", "gn-reason": " "})
    assert "R3.2" in no_reason.content.decode()
    assert "geen reden" in no_reason.content.decode()
    assert step3_counts(case15) == (1, 0, 0, 0)
    assert findings(step_page(youth_only, case15), "R3.2")


def test_the_exceptions_reason_is_marked_required_and_every_error_shows_at_once(case15, youth_only):
    """A walk saw no "(verplicht)" by the R3.2 exception's "Reden": it is a required field
    now, with the engine's words when left empty; a missing ground shows with it."""
    page = step_page(youth_only, case15)
    label = re.search(r'<label for="id_gn-reason">(.*?)</label>', page, re.S)
    assert label and '<span class="req">(verplicht)</span>' in label.group(1)
    response = youth_only.post(url("step3_guardians_not_involved", case15), {"gn-reason": ""})
    assert response.status_code == 422
    form = response.context["not_involved_form"]
    assert set(form.errors) == {"ground", "reason"}
    assert form.errors["reason"] == [
        "Stap 3 (R3.2): De uitzondering heeft geen reden: vul de reden aan."
    ]
    assert step3_counts(case15) == (1, 0, 0, 0)


def test_unsafe_per_advice_needs_the_advice(personas, case15, youth_only):
    target = url("step3_guardians_not_involved", case15)
    body = {"gn-ground": "unsafe_per_advice", "gn-reason": "Het advies waarschuwt voor geweld."}
    refused = youth_only.post(target, body)
    assert "R3.2" in refused.content.decode() and "welk advies" in refused.content.decode()
    assert step3_counts(case15) == (1, 0, 0, 0)
    advice_request(case15, personas.professional)
    saved = youth_only.post(target, {**body, "gn-advice_key": "a1"})
    assert saved.status_code == 302
    assert GuardiansNotInvolved.objects.get(case=case15).advice_key == "a1"
    assert not findings(step_page(youth_only, case15), "R3.2")


def test_contrary_to_good_care_with_a_reason_clears_the_finding(case15, youth_only):
    body = {
        "gn-ground": "contrary_to_good_care",
        "gn-reason": "Moeder zou de jongere het huis uit zetten; dat schaadt de zorg.",
    }
    saved = youth_only.post(url("step3_guardians_not_involved", case15), body)
    assert saved.status_code == 302
    page = step_page(youth_only, case15)
    assert not findings(page, "R3.2")
    assert "Moeder zou de jongere het huis uit zetten" in page


def test_advice_of_another_case_is_refused(personas, case15, youth_only):
    advice_request(personas.case, personas.professional, key="a1")
    body = {"gn-ground": "unsafe_per_advice", "gn-reason": "Onveilig.", "gn-advice_key": "a1"}
    refused = youth_only.post(url("step3_guardians_not_involved", case15), body)
    assert "hoort niet bij deze casus" in refused.content.decode()
    assert step3_counts(case15) == (1, 0, 0, 0)


def test_unsafe_per_advice_on_an_advice_that_says_a_conversation_is_possible_is_refused(
    personas, case15, youth_only
):
    """The same check as skipping the conversation (R3.4): an advice whose answer says a
    conversation is possible does not find involving the parents unsafe (a walk: saved)."""
    advice_request(case15, personas.professional, key="a2", conversation_possible=True)
    body = {"gn-ground": "unsafe_per_advice", "gn-reason": "test", "gn-advice_key": "a2"}
    refused = youth_only.post(url("step3_guardians_not_involved", case15), body)
    page = refused.content.decode()
    assert refused.status_code == 422
    assert "R3.2" in page and "advies a2 zegt juist dat een gesprek mogelijk is" in page
    assert ">\ntest</textarea>" in page  # what was typed stays
    assert step3_counts(case15) == (1, 0, 0, 0)
    assert findings(step_page(youth_only, case15), "R3.2")
