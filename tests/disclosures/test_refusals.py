"""Step 6 refuses bad input with a 4xx page that keeps what was typed (issue #16.1), and says
before anything is typed when the organisation has no contacts to share with."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Contact, Disclosure
from tests.disclosures.helpers import (
    make_entries,
    ready_case,
    share_body,
    sign_off_decision,
    step6_url,
)
from tests.web.test_error_summary import _summary

TYPED_STEPS = "Ik sprak de jongere twee keer; de ouders weten ervan."
TYPED_TASK = "De mentor belt elke vrijdag met de ouders."


@pytest.fixture
def team_client(personas, client_for):
    return client_for(personas.professional)


def body_with(recipient, **overrides) -> dict:
    return {**share_body(recipient), **overrides}


def test_an_empty_recipient_is_refused_with_a_4xx_and_keeps_the_input(personas, team_client):
    contact = ready_case(personas)
    body = body_with(contact, contact="", steps_taken=TYPED_STEPS, task_professional=TYPED_TASK)
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 422
    assert "kies de ontvanger" in html and "R6.6" in html
    assert TYPED_STEPS in html and TYPED_TASK in html
    assert '<input type="checkbox" name="item_s1" id="id_item_s1" checked>' in html
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.filter(action="disclosure.share").exists()


@pytest.mark.parametrize("value", ["abc", "99999999", "1.5", "-1"])
def test_a_garbage_recipient_is_refused_with_a_4xx(personas, team_client, value):
    contact = ready_case(personas)
    response = team_client.post(step6_url(personas), body_with(contact, contact=value))
    assert response.status_code == 422
    assert "De mentor blijft dagelijks in contact" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_an_empty_post_is_refused_with_a_4xx_not_a_500(personas, team_client):
    ready_case(personas)
    response = team_client.post(step6_url(personas), {"action": "share"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "kies de ontvanger" in page
    # every refusal names its rule: nothing ticked is R6.3's (only what the follow-up needs)
    assert "Stap 6 (R6.3): kies wat de ontvanger nodig heeft; je deelt nu niets." in page


NOTHING = "Stap 6 (R6.3): kies wat de ontvanger nodig heeft; je deelt nu niets."
NO_PURPOSE = (
    "Stap 6 (R6.3): schrijf bij s1 waarvoor het nodig is, of kies het risico dat het helpt "
    "verkleinen."
)


def _share_item(html: str, key: str) -> str:
    """The fieldset of one entry to choose from."""
    start = html.rindex('<fieldset class="share-item', 0, html.index(f'name="item_{key}"'))
    return html[start : html.index("</fieldset>", start)]


def test_nothing_chosen_stands_in_the_fieldset_to_choose_from(personas, team_client):
    """The phone walk: the refusal stood only in the summary at the top, far from the
    entries to tick. It stands in their fieldset, under its help, and the summary links
    there."""
    contact = ready_case(personas)
    body = body_with(contact, item_s1="", item_o1="", item_r1="", action="check")
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 422
    start = html.index('<fieldset aria-describedby="id_items_helptext id_items_error1">')
    fieldset = html[start : html.index('<fieldset class="share-item', start)]
    assert "<legend>Wat deel je, en waarom? (R6.3)</legend>" in fieldset
    # the summary's link goes to the fieldset's help and error, not to the far end of a list
    target = fieldset.index('<div id="id_items" class="field-error" tabindex="-1">')
    helptext = fieldset.index('<p class="help" id="id_items_helptext">')
    error = fieldset.index(f'<p class="error" id="id_items_error1">{NOTHING}</p>')
    assert target < helptext < error
    assert fieldset[fieldset.index("</p>", helptext) + 4 : error].strip() == ""  # right after
    assert f'<a href="#id_items">Wat deel je, en waarom? (R6.3): {NOTHING}</a>' in _summary(html)
    assert html.count(NOTHING) == 2  # the summary and the fieldset


def test_a_missing_purpose_stands_at_that_entrys_purpose(personas, team_client):
    """The phone walk: "schrijf bij s1 waarvoor het nodig is" stood only in the summary; it
    stands at s1's purpose field, and the summary links to that field."""
    contact = ready_case(personas)
    body = body_with(contact, contact="", purpose_s1="", risk_s1="", action="check")
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 422
    row = _share_item(html, "s1")
    assert 'class="field field-error"' in row and 'name="purpose_s1"' in row
    assert f'<p class="error" id="id_purpose_s1_error1">{NO_PURPOSE}</p>' in row
    assert "error" not in _share_item(html, "o1")
    assert 'id="id_items_error1"' not in html  # nothing about the choice as a whole
    summary = _summary(html)
    assert f'<a href="#id_purpose_s1">Waarvoor is s1 nodig? {NO_PURPOSE}</a>' in summary
    assert summary.index("kies de ontvanger") < summary.index(NO_PURPOSE)  # the page's order


def test_an_entry_gone_stands_at_its_row_or_else_in_the_fieldset(personas):
    """An entry chosen that the case no longer holds: at its tick box when the page still
    has its row, else in the fieldset; the service names it by its place in the draft."""
    from django.core.exceptions import ValidationError

    from deelwijzer.disclosures.services import DisclosureInput, ItemInput
    from deelwijzer.disclosures.views import disclosure_form

    ready_case(personas)
    form = disclosure_form(personas.case, {"item_s1": "on"})
    assert form.is_valid(), form.errors
    draft = DisclosureInput(contact_id=None, items=[ItemInput("s1"), ItemInput("s9")])
    refused = ValidationError(
        {"items.0.key": ["s1 weg"], "items.1.key": ["s9 weg"], "contact": ["geen ontvanger"]}
    )
    moved = form.at_rows(refused, draft).message_dict
    assert moved == {"item_s1": ["s1 weg"], "items": ["s9 weg"], "contact": ["geen ontvanger"]}


def test_without_contacts_the_page_says_so_and_names_the_functional_administrator(
    personas, team_client
):
    make_entries(personas)
    sign_off_decision(personas)
    assert not Contact.objects.filter(organisation=personas.organisation).exists()
    html = team_client.get(step6_url(personas, "step6")).content.decode()
    notice = html.index("nog geen contacten")
    assert "functioneel beheerder" in html[notice : notice + 600]
    assert personas.org_admin.display_name() in html[notice : notice + 600]
    assert notice < html.index('name="steps_taken"')  # before anything is typed


def test_with_contacts_there_is_no_such_notice(personas, team_client):
    ready_case(personas)
    html = team_client.get(step6_url(personas, "step6")).content.decode()
    assert "nog geen contacten" not in html


def test_sharing_without_confirming_is_refused_and_keeps_the_input(personas, team_client):
    contact = ready_case(personas)
    body = body_with(contact, steps_taken=TYPED_STEPS, task_professional=TYPED_TASK)
    del body["confirm"]
    response = team_client.post(step6_url(personas), body)
    html = response.content.decode()
    assert response.status_code == 422
    assert "vink aan dat je nagelezen hebt wat er uitgaat" in html
    assert TYPED_STEPS in html and TYPED_TASK in html
    assert '<input type="checkbox" name="item_s1" id="id_item_s1" checked>' in html
    assert 'value="share"' in html  # the share button is there again, next to the checkbox
    assert not Disclosure.objects.exists()
    body["confirm"] = "on"
    assert team_client.post(step6_url(personas), body).status_code == 302
    assert Disclosure.objects.count() == 1


def test_the_prefilled_steps_name_the_decision_makers_role_in_words(personas, team_client):
    ready_case(personas)
    html = team_client.get(step6_url(personas, "step6")).content.decode()
    steps = html[html.index('name="steps_taken"') :]
    steps = steps[: steps.index("</textarea>")]
    role = personas.case.organisation.get_decision_maker_role_display().lower()
    assert f"door de {role}" in steps
    assert f"door de {personas.case.organisation.decision_maker_role}." not in steps


TYPED_FEEDBACK = "De wijkagent sprak de jongere aan; de ouders waren erbij."
OUTSIDE = "De datum moet tussen de datum van delen en vandaag liggen."
UNREADABLE = "Vul een geldige datum in (dag-maand-jaar)."


def shared_x1(personas, client) -> str:
    """x1 shared today; the URL that records feedback on it."""
    contact = ready_case(personas)
    assert client.post(step6_url(personas), share_body(contact)).status_code == 302
    return step6_url(personas, "disclosure_feedback", key="x1")


def feedback_part(html: str) -> str:
    """The feedback form under x1."""
    start = html.index('<article class="card entry disclosure" id="x1">')
    return html[start : html.index("</article>", start)]


def days_from_today(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "received_on",
    [
        365,  # after today
        "2040-06-01",
        "20400-06-01",  # the browser's date picker takes it; Python's dates cannot hold it
        -1,  # before x1 was shared
    ],
)
def test_feedback_with_a_date_out_of_range_is_refused_and_keeps_the_input(
    personas, team_client, received_on
):
    from deelwijzer.disclosures.models import FeedbackReceipt

    if isinstance(received_on, int):
        received_on = days_from_today(received_on)
    url = shared_x1(personas, team_client)
    response = team_client.post(url, {"received_on": received_on, "text": TYPED_FEEDBACK})
    html = response.content.decode()
    assert response.status_code == 422
    part = feedback_part(html)
    assert OUTSIDE in part and UNREADABLE not in html  # the real problem, not "a valid date"
    assert TYPED_FEEDBACK in part and f'value="{received_on}"' in part  # input kept
    assert "<details open>" in part  # the form is open, under x1
    assert not FeedbackReceipt.objects.exists()
    assert not AuditEvent.objects.filter(action="disclosure.feedback").exists()


def test_feedback_with_an_unreadable_date_says_so_and_keeps_the_text(personas, team_client):
    from deelwijzer.disclosures.models import FeedbackReceipt

    url = shared_x1(personas, team_client)
    response = team_client.post(url, {"received_on": "2040-02-30", "text": TYPED_FEEDBACK})
    part = feedback_part(response.content.decode())
    assert response.status_code == 422
    assert UNREADABLE in part and TYPED_FEEDBACK in part
    assert not FeedbackReceipt.objects.exists()


def test_feedback_without_text_names_the_text_and_keeps_the_date(personas, team_client):
    url = shared_x1(personas, team_client)
    today = days_from_today(0)
    response = team_client.post(url, {"received_on": today, "text": "  "})
    part = feedback_part(response.content.decode())
    assert response.status_code == 422
    assert "Schrijf op wat de ontvanger terugkoppelde." in part and f'value="{today}"' in part
    # once it is right, it is recorded
    response = team_client.post(url, {"received_on": today, "text": TYPED_FEEDBACK})
    assert response.status_code == 302


def test_feedback_asks_both_answers_as_required_and_names_every_error_at_once(
    personas, team_client
):
    """Both are marked "(verplicht)"; a date out of range with no text names both in one
    answer (the form's own check must not hide the service's range check)."""
    url = shared_x1(personas, team_client)
    page = team_client.get(step6_url(personas, "step6")).content.decode()
    for label in ("Ontvangen op", "Wat koppelde de ontvanger terug?"):
        assert re.search(re.escape(label) + r'\s*<span class="req">', feedback_part(page)), label
    response = team_client.post(url, {"received_on": days_from_today(365), "text": ""})
    assert response.status_code == 422
    part = feedback_part(response.content.decode())
    assert OUTSIDE in part and "Schrijf op wat de ontvanger terugkoppelde." in part
