"""The age counts at the date of the conversation: a youth who turned 16 between two dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from deelwijzer.conversations.models import Conversation
from tests.conversations.helpers import case_aged, url, with_parents


@pytest.fixture
def case_turned_16(personas):
    return case_aged(personas, "J-ZSTN", turned_16_days_ago=10)


def birthday(case):
    return timezone.localdate() - timedelta(days=10)


def test_the_day_before_turning_16_parents_without_consent_is_the_main_rule(
    personas, client_for, case_turned_16
):
    day_before = (birthday(case_turned_16) - timedelta(days=1)).isoformat()
    data = with_parents(case_turned_16, personas.professional, held_on=day_before)
    response = client_for(personas.professional).post(
        url("step3_conversation_new", case_turned_16), data
    )
    assert response.status_code == 302
    assert Conversation.objects.get(case=case_turned_16).held_on.isoformat() == day_before


def test_on_the_16th_birthday_parents_without_consent_is_refused(
    personas, client_for, case_turned_16
):
    data = with_parents(
        case_turned_16, personas.professional, held_on=birthday(case_turned_16).isoformat()
    )
    response = client_for(personas.professional).post(
        url("step3_conversation_new", case_turned_16), data
    )
    assert response.status_code == 422
    assert "R3.3" in response.content.decode()
    assert not Conversation.objects.filter(case=case_turned_16).exists()


def test_the_page_states_the_rule_for_the_chosen_date(personas, client_for, case_turned_16):
    client = client_for(personas.professional)
    day = birthday(case_turned_16)
    before = client.get(url("step3", case_turned_16), {"held_on": str(day - timedelta(1))})
    on = client.get(url("step3", case_turned_16), {"held_on": day.isoformat()})
    assert 'data-rule="R3.2"' in before.content.decode()
    assert "<strong>15 jaar</strong>" in before.content.decode()
    assert 'data-rule="R3.3"' in on.content.decode()
    assert "<strong>16 jaar</strong>" in on.content.decode()


def test_htmx_asks_the_same_page_for_the_rule_of_the_date_being_typed(
    personas, client_for, case_turned_16
):
    client = client_for(personas.professional)
    page = client.get(url("step3", case_turned_16)).content.decode()
    assert 'hx-get="{}"'.format(url("step3", case_turned_16)) in page
    # the region's content is swapped, not the region: a live region put in anew is not read out
    assert 'hx-select="#leeftijdsregel &gt; *"' in page or 'hx-select="#leeftijdsregel > *"' in page
    assert 'hx-target="#leeftijdsregel"' in page and 'hx-swap="innerHTML"' in page
    day = birthday(case_turned_16) - timedelta(days=1)
    fragment = client.get(
        url("step3", case_turned_16), {"held_on": day.isoformat()}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="leeftijdsregel"' in fragment and 'data-rule="R3.2"' in fragment


def test_a_refused_post_states_the_rule_for_the_posted_date(personas, client_for, case_turned_16):
    data = with_parents(
        case_turned_16, personas.professional, held_on=birthday(case_turned_16).isoformat()
    )
    page = client_for(personas.professional).post(
        url("step3_conversation_new", case_turned_16), data
    )
    assert 'data-rule="R3.3"' in page.content.decode()
