"""The attention officer's inbox: anonymous, their only door, every read and answer audited."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from deelwijzer.advice.models import AdviceRequest, RequestStatus
from deelwijzer.audit.models import AuditEvent
from deelwijzer.audit.services import audit_verify
from deelwijzer.organisations.models import Role
from tests.advice.conftest import (
    IDENTITY,
    add_signal,
    answer_body,
    current,
    post_answer,
    sent_to_officer,
)
from tests.conftest import make_user
from tests.web.test_error_summary import _summary


@pytest.fixture
def asked(personas, client_for, deduce_model):
    """A request with the youth's signals, pseudonymised and sent to the attention officer."""
    case = personas.case
    prof = client_for(personas.professional)
    add_signal(case, personas.professional, "Yusuf Bakker zegt in klas 3B dat muziek haram is.")
    return sent_to_officer(prof, case, "Een leerling van 15 zegt dat muziek haram is.")


def inbox_answer_url(case, key):
    return reverse("inbox_answer", kwargs={"case_id": case.public_id, "key": key})


CSRF_INPUT = re.compile(r'<input[^>]*name="csrfmiddlewaretoken"[^>]*>')


def assert_anonymous(html: str):
    # Whole words only, and never inside the random CSRF token (it may contain "3B").
    text = CSRF_INPUT.sub("", html)
    for word in IDENTITY:
        pattern = rf"(?<![0-9A-Za-z]){re.escape(word)}(?![0-9A-Za-z])"
        assert not re.search(pattern, text), (
            f"{word!r} is on a page the attention officer can reach"
        )


def test_every_inbox_page_is_anonymous(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    listing = officer.get(reverse("inbox"))
    assert listing.status_code == 200
    assert "J-TEST" in listing.content.decode() and "mentor" in listing.content.decode()
    detail = officer.get(inbox_answer_url(personas.case, asked))
    refused = post_answer(
        officer,
        inbox_answer_url(personas.case, asked),
        personas.case,
        asked,
        answer_body(outcome=None),
    )
    assert refused.status_code == 422
    answered = post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, answer_body()
    )
    assert answered.status_code == 302
    after = officer.get(answered["Location"])
    done = officer.get(inbox_answer_url(personas.case, asked))
    for response in (listing, detail, refused, after, done):
        assert_anonymous(response.content.decode())
    assert "Prof" not in listing.content.decode()  # the asker's role, never their name


def case_routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from case_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and route.startswith("casussen/<uuid:case_id>/"):
            yield entry.name, re.findall(r"<(?:(\w+):)?(\w+)>", route)


def test_every_case_url_is_404_for_the_attention_officer(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    checked = 0
    for name, params in case_routes():
        kwargs = {
            p: personas.case.public_id
            if p == "case_id"
            else 1
            if conv == "int"
            else uuid.uuid4()
            if conv == "uuid"
            else asked
            for conv, p in params
        }
        url = reverse(name, kwargs=kwargs)
        status = officer.get(url).status_code
        if status == 405:
            status = officer.post(url, {}).status_code
        assert status == 404, f"{name}: {status}"
        checked += 1
    assert checked >= 6


def test_answer_without_an_outcome_is_refused(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    response = post_answer(
        officer,
        inbox_answer_url(personas.case, asked),
        personas.case,
        asked,
        answer_body(outcome=None),
    )
    assert "kies precies één besluit" in response.content.decode()
    assert current(personas.case, asked).status == RequestStatus.SENT


def test_answer_with_two_outcomes_is_refused(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    body = answer_body(outcome=None)
    body["outcome"] = ["no_follow_up", "conversation"]
    response = post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, body
    )
    assert "meer dan één besluit" in response.content.decode()
    assert current(personas.case, asked).status == RequestStatus.SENT


def test_extra_attention_without_review_date_is_refused(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    response = post_answer(
        officer,
        inbox_answer_url(personas.case, asked),
        personas.case,
        asked,
        answer_body(review_date=None),
    )
    assert "datum waarop je de signalen opnieuw bekijkt" in response.content.decode()
    assert current(personas.case, asked).status == RequestStatus.SENT


def test_an_incomplete_answer_is_refused_naming_what_is_missing(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    body = answer_body(safety_risks="", conversation_possible=None)
    html = post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, body
    ).content.decode()
    assert "Stap 2 (R2.4)" in html
    assert "welke veiligheidsrisico&#x27;s er zijn" in html
    assert "of een gesprek met de jongere en/of ouders mogelijk is" in html
    assert current(personas.case, asked).status == RequestStatus.SENT


def _field(html: str, field_id: str) -> str:
    """The field's block: from its own opening tag (a fieldset with its id, or the div
    around its label) to the next field (or the end of the form)."""
    start = html.rindex('class="field', 0, html.index(f'id="{field_id}"'))
    end = html.find('class="field', start + 1)
    return html[start : end if end > 0 else html.index("</form>", start)]


def test_each_open_question_stands_at_its_own_answer(personas, client_for, asked):
    """The phone walk: one line in the summary at the top ("het advies zegt nog niet
    hoe ernstig ze zijn; of een gesprek ... mogelijk is") left the officer scrolling for the
    answers it meant. Each open question of R2.4 is an error at its answer, and the summary
    links there."""
    officer = client_for(personas.attention_officer)
    body = answer_body(severity="", conversation_possible=None)
    response = post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, body
    )
    html = response.content.decode()
    assert response.status_code == 422
    severity = "Stap 2 (R2.4): het advies zegt nog niet hoe ernstig ze zijn."
    talk = (
        "Stap 2 (R2.4): het advies zegt nog niet of een gesprek met de jongere en/of ouders "
        "mogelijk is."
    )
    block = _field(html, "id_severity")
    assert "field-error" in block
    assert f'<p class="error" id="id_severity_error1">{severity}</p>' in block
    block = _field(html, "id_conversation_possible")
    assert 'aria-describedby="id_conversation_possible_error1"' in block
    assert f'<p class="error" id="id_conversation_possible_error1">{talk}</p>' in block
    summary = _summary(html)
    assert f'<a href="#id_severity">Hoe ernstig zijn de signalen? {severity}</a>' in summary
    assert '<a href="#id_conversation_possible">Kan iemand met de jongere' in summary
    assert f"{talk}</a>" in summary
    assert "zegt nog niet hoe ernstig ze zijn;" not in html  # no longer one line for all
    assert current(personas.case, asked).status == RequestStatus.SENT


def test_an_open_question_shows_with_an_error_the_form_found_itself(personas, client_for, asked):
    """Every error at once (issue #16.8): a date the form cannot read does not hide the
    open questions of R2.4 until the next try."""
    officer = client_for(personas.attention_officer)
    body = answer_body(review_date="31-02-2030", follow_up_steps="")
    html = post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, body
    ).content.decode()
    assert "Vul een geldige datum in" in _field(html, "id_review_date")
    assert "het advies zegt nog niet welke vervolgstappen nodig zijn." in _field(
        html, "id_follow_up_steps"
    )


def test_the_professional_sees_the_answer_on_the_step_page(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, answer_body()
    )
    request = current(personas.case, asked)
    assert (
        request.status == RequestStatus.ANSWERED
        and request.answered_by == personas.attention_officer
    )
    page = client_for(personas.professional).get(
        reverse("step2", kwargs={"case_id": personas.case.public_id})
    )
    html = page.content.decode()
    assert "Blijf observeren en praat met de leerling." in html
    assert "Nog geen stappen, wel extra aandacht" in html
    assert request.review_date.strftime("%Y") in html and "Opnieuw bekijken op" in html
    assert "R2.6 –" not in html  # no finding: the outcome is in the dossier


def test_an_answered_request_cannot_be_answered_again(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, answer_body()
    )
    again = officer.post(
        inbox_answer_url(personas.case, asked), answer_body(outcome="no_follow_up")
    )
    assert again.status_code == 200
    request = current(personas.case, asked)
    assert request.outcome == "extra_attention" and request.version == 3


def test_others_cannot_see_or_answer(personas, client_for, asked):
    other_officer = make_user("aandacht2", personas.other_organisation, Role.ATTENTION_OFFICER)
    url = inbox_answer_url(personas.case, asked)
    for user in (personas.stranger, personas.colleague, personas.professional, personas.org_admin):
        client = client_for(user)
        assert client.get(reverse("inbox")).status_code == 403
        assert client.get(url).status_code == 404
        assert post_answer(client, url, personas.case, asked, answer_body()).status_code == 404
    client = client_for(other_officer)
    listing = client.get(reverse("inbox"))
    assert listing.status_code == 200 and "J-TEST" not in listing.content.decode()
    assert client.get(url).status_code == 404
    assert post_answer(client, url, personas.case, asked, answer_body()).status_code == 404
    assert current(personas.case, asked).status == RequestStatus.SENT


def test_a_request_to_an_external_adviser_is_not_in_the_inbox(personas, client_for, deduce_model):
    from tests.advice.conftest import compose, send

    prof = client_for(personas.professional)
    compose(prof, personas.case, adviser_kind="external", external_organisation="police")
    send(prof, personas.case, "a1", "Een leerling van 15 zegt dat muziek haram is.")
    officer = client_for(personas.attention_officer)
    assert "J-TEST" not in officer.get(reverse("inbox")).content.decode()
    assert officer.get(inbox_answer_url(personas.case, "a1")).status_code == 404


def test_every_inbox_read_and_answer_is_audited(personas, client_for, asked):
    officer = client_for(personas.attention_officer)
    mine = AuditEvent.objects.filter(user_id=personas.attention_officer.pk)
    officer.get(reverse("inbox"))
    assert mine.filter(action="advice.inbox_list", case_id=personas.case.pk,
                       role=Role.ATTENTION_OFFICER, object_id=asked).count() == 1  # fmt: skip
    officer.get(inbox_answer_url(personas.case, asked))
    assert mine.filter(action="advice.inbox_read", case_id=personas.case.pk,
                       role=Role.ATTENTION_OFFICER).count() == 1  # fmt: skip
    post_answer(
        officer, inbox_answer_url(personas.case, asked), personas.case, asked, answer_body()
    )
    assert mine.filter(action="advice.inbox_answer", case_id=personas.case.pk,
                       role=Role.ATTENTION_OFFICER, object_id=asked).count() == 1  # fmt: skip
    assert audit_verify().ok


def test_an_identifier_that_slipped_into_a_sent_text_is_still_hidden(personas, client_for, asked):
    # As if the text came in from old data, or the identifier was added to the case later.
    AdviceRequest.objects.filter(case=personas.case, key=asked, is_current=True).update(
        request_text="Yusuf Bakker (14-03-2011) uit klas 3B; moeder Fatima Bakker belde."
    )
    officer = client_for(personas.attention_officer)
    for url in (reverse("inbox"), inbox_answer_url(personas.case, asked)):
        html = officer.get(url).content.decode()
        assert_anonymous(html)
        assert "[JONGERE] ([GEBOORTEDATUM]) uit [KLAS]; moeder [OUDER-1] belde." in html
