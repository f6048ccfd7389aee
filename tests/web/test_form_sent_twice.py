"""A form sent twice from the same page is handled once (ui/once.py): a double click on a
slow connection, Back after a form that succeeded, a script that sends a form again after a
network error. The second post is sent where the first one led, with a message, and audited;
nothing is recorded, shared or sent twice. A new page is a new form (its own CSRF token), a
refused form can be sent again, and the sign-in pages are left alone. The browser side
(static/deelwijzer/sending.js, and the same posts with real clicks) is in
e2e/test_sent_twice.py; an upload sent again in tests/attachments/test_web.py."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.services import team_member_add
from deelwijzer.disclosures.models import Delivery, Disclosure, FeedbackReceipt
from deelwijzer.disclosures.views import CODE_SHOWN
from deelwijzer.signalling import services
from deelwijzer.signalling.models import Signal
from deelwijzer.ui import once
from deelwijzer.ui.models import FormPost
from tests.disclosures.helpers import (
    make_contact,
    make_entries,
    share_body,
    sign_off_decision,
    step6_url,
)
from tests.disclosures.test_delivery import RECIPIENT, code_from, page, token_from
from tests.signalling.helpers import signal_body, url

AGAIN = "Dit formulier had je al verstuurd"


def _page_token(n: int = 1) -> dict:
    """What a rendered page puts in its form (the test client does not check it)."""
    return {"csrfmiddlewaretoken": f"token-of-page-{n}"}


def _signals(case) -> int:
    return Signal.objects.filter(case=case, is_current=True).count()


def test_the_same_signal_form_twice_records_one_signal(personas, client_for):
    client = client_for(personas.professional)
    body = {**signal_body(), **_page_token()}
    first = client.post(url("signal_add", personas.case), body)
    again = client.post(url("signal_add", personas.case), body)
    assert first.status_code == 302
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert _signals(personas.case) == 1
    shown = [str(m) for m in get_messages(again.wsgi_request)]
    assert any(AGAIN in m for m in shown), shown
    repeated = AuditEvent.objects.get(action="form.repeated")
    assert repeated.user_id == personas.professional.pk and repeated.outcome == "denied"
    path = url("signal_add", personas.case)
    assert repeated.detail == {"path": path, "finished": True, "same_page": True}
    assert AuditEvent.objects.filter(action="signal.add").count() == 1


def test_the_same_content_from_a_new_page_is_asked_about_first(personas, client_for):
    """Back after a success: a fresh page, in which the browser put the text back."""
    client = client_for(personas.professional)
    first = client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(1)})
    again = client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(2)})
    html = again.content.decode()
    assert again.status_code == 409 and "Dit heb je net al verstuurd" in html
    assert f'href="{first["Location"]}"' in html  # to what the first one made
    assert _signals(personas.case) == 1
    repeated = AuditEvent.objects.get(action="form.repeated")
    assert repeated.detail["same_page"] is False
    # "Nog een keer versturen" sends what was sent, once more, on purpose
    assert 'name="signal-text" value="Hij gooide op maandag zijn tas tegen de deur."' in html
    on_purpose = {**signal_body(), "nogmaals_versturen": "1", **_page_token(3)}
    assert client.post(url("signal_add", personas.case), on_purpose).status_code == 302
    assert _signals(personas.case) == 2


def test_a_form_without_typed_text_from_a_new_page_is_not_asked_about(personas, client_for):
    """A statement made, withdrawn and made again: buttons, each press meant."""
    client = client_for(personas.professional)
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(1)})
    statement = url("no_contra_signals", personas.case)
    for n, choice in enumerate(("make", "withdraw", "make"), start=2):
        answer = client.post(statement, {"statement": choice, **_page_token(n)})
        assert answer.status_code == 302, choice
    assert not AuditEvent.objects.filter(action="form.repeated").exists()
    made = AuditEvent.objects.filter(case_id=personas.case.pk, action__startswith="no_contra")
    assert made.count() == 3, list(made.values_list("action", flat=True))


def test_the_same_content_later_is_not_asked_about(personas, client_for):
    client = client_for(personas.professional)
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(1)})
    FormPost.objects.update(started_at=timezone.now() - once.AGAIN_WINDOW - timedelta(seconds=1))
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(2)})
    assert _signals(personas.case) == 2
    assert not AuditEvent.objects.filter(action="form.repeated").exists()


def test_the_same_content_from_a_colleague_is_theirs(personas, client_for):
    team_member_add(
        actor=personas.professional,
        case_id=personas.case.pk,
        user_id=personas.colleague.pk,
        role_on_team="zorgcoördinator",
    )
    client_for(personas.professional).post(
        url("signal_add", personas.case), {**signal_body(), **_page_token(1)}
    )
    colleague = client_for(personas.colleague)
    colleague.post(url("signal_add", personas.case), {**signal_body(), **_page_token(2)})
    assert _signals(personas.case) == 2


def test_other_content_from_the_same_page_is_another_post(personas, client_for):
    """Back to the form, a word changed, sent again: that is what the user meant to send."""
    client = client_for(personas.professional)
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token()})
    changed = signal_body(text="Hij gooide op dinsdag zijn tas tegen de deur.")
    client.post(url("signal_add", personas.case), {**changed, **_page_token()})
    assert _signals(personas.case) == 2


def test_a_refused_form_can_be_sent_again(personas, client_for):
    client = client_for(personas.professional)
    empty = {**signal_body(text=""), **_page_token()}
    assert client.post(url("signal_add", personas.case), empty).status_code == 422
    assert client.post(url("signal_add", personas.case), empty).status_code == 422
    assert not FormPost.objects.exists()  # a refusal gives up its claim
    assert not AuditEvent.objects.filter(action="form.repeated").exists()


@pytest.mark.parametrize(
    "statement, refusal",
    [
        ("withdraw", "Er is geen verklaring om in te trekken."),  # the service refuses
        ("garbage", "Kies of je de verklaring aflegt of intrekt."),  # the view refuses
    ],
)
def test_a_form_refused_on_the_next_page_can_be_sent_again(
    personas, client_for, statement, refusal
):
    """A refusal that a redirect brings to the next page (run_reported) is not "done": the same
    form again gets its own answer, not "Dit formulier had je al verstuurd"."""
    client = client_for(personas.professional)
    body = {"statement": statement, **_page_token()}
    for _press in range(2):
        response = client.post(url("no_contra_signals", personas.case), body, follow=True)
        said = [str(m) for m in response.context["messages"]]
        assert response.redirect_chain[0][1] == 302 and said == [refusal], said
    assert not AuditEvent.objects.filter(action="form.repeated").exists()
    assert not FormPost.objects.exists()


def test_a_second_post_waits_for_the_first_and_then_follows_it(personas, client_for, monkeypatch):
    client = client_for(personas.professional)
    body = {**signal_body(), **_page_token()}
    first = client.post(url("signal_add", personas.case), body)
    page_key, _content_key = once.form_keys(first.wsgi_request)
    post = FormPost.objects.get(key=page_key)
    # the first one is still under way when the second arrives; it is done one pause later
    FormPost.objects.filter(pk=post.pk).update(finished=False, location="")
    pauses = []

    def first_one_done() -> None:
        pauses.append(1)
        FormPost.objects.filter(pk=post.pk).update(finished=True, location=first["Location"])

    monkeypatch.setattr(once, "_pause", first_one_done)
    again = client.post(url("signal_add", personas.case), body)
    assert pauses == [1]
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert _signals(personas.case) == 1


def test_a_first_post_that_takes_too_long_gets_a_page_and_nothing_twice(
    personas, client_for, monkeypatch
):
    client = client_for(personas.professional)
    body = {**signal_body(), **_page_token()}
    client.post(url("signal_add", personas.case), body)
    FormPost.objects.update(finished=False, location="")  # as if still under way
    monkeypatch.setattr(once, "WAIT_SECONDS", 0.0)
    again = client.post(url("signal_add", personas.case), body)
    html = again.content.decode()
    assert again.status_code == 409 and "Dit formulier wordt nog verwerkt" in html
    assert reverse("case_detail", kwargs={"case_id": personas.case.public_id}) in html
    assert _signals(personas.case) == 1


def test_a_first_post_that_crashed_does_not_block_the_form(personas, client_for):
    client = client_for(personas.professional)
    body = {**signal_body(), **_page_token()}
    client.post(url("signal_add", personas.case), body)
    Signal.objects.all().delete()  # nothing of it was kept
    long_ago = timezone.now() - once.ABANDONED - timedelta(seconds=1)
    FormPost.objects.update(finished=False, location="", started_at=long_ago)
    assert client.post(url("signal_add", personas.case), body).status_code == 302
    assert _signals(personas.case) == 1


def test_old_form_posts_are_not_kept(personas, client_for):
    client = client_for(personas.professional)
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(1)})
    FormPost.objects.update(started_at=timezone.now() - once.KEEP - timedelta(minutes=1))
    client.post(url("signal_add", personas.case), {**signal_body(), **_page_token(2)})
    assert FormPost.objects.count() == 2  # the new post's page and content, nothing older


def test_sign_in_pages_answer_each_post_themselves(personas, client):
    client.post(reverse("login"), {"username": "niemand", "password": "x", **_page_token()})
    client.post(reverse("login"), {"username": "niemand", "password": "x", **_page_token()})
    assert not FormPost.objects.exists()
    assert not AuditEvent.objects.filter(action="form.repeated").exists()


def test_sharing_twice_from_one_page_shares_once(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas, email=RECIPIENT)
    team = client_for(personas.professional)
    body = {**share_body(contact), **_page_token()}
    with django_capture_on_commit_callbacks(execute=True):
        first = team.post(step6_url(personas), body)
        again = team.post(step6_url(personas), body)
    assert first.status_code == 302 and again["Location"] == first["Location"]
    assert Disclosure.objects.count() == 1 and Delivery.objects.count() == 1
    assert len([m for m in mailoutbox if "/ontvangen/" in m.body]) == 1  # one link


def test_a_second_press_keeps_the_code_the_first_one_shows_once(
    personas, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    """The re-walk: without JavaScript, Delen pressed twice with the code going by phone. The
    browser shows the second answer, and that post read the session before the first one had
    saved the code (shown once) and its message in it: its older copy must not be saved over
    them, or the code to read out is gone."""
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas, email=RECIPIENT)
    team = client_for(personas.professional)
    body = {**share_body(contact), **_page_token()}
    before = dict(team.session.items())
    with django_capture_on_commit_callbacks(execute=True):
        first = team.post(step6_url(personas), body)
    after = dict(team.session.items())
    code = after[CODE_SHOWN]["code"]
    page_key, _content_key = once.form_keys(first.wsgi_request)

    def store(data: dict) -> None:
        session = team.session
        session.clear()
        session.update(data)
        session.save()

    # the second press arrives while the first one is still at work: the session as before it
    store(before)
    FormPost.objects.filter(key=page_key).update(finished=False, location="")

    def first_one_done() -> None:
        store(after)
        FormPost.objects.filter(key=page_key).update(finished=True, location=first["Location"])

    monkeypatch.setattr(once, "_pause", first_one_done)
    again = team.post(step6_url(personas), body)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    shown = team.get(again["Location"])
    assert code in shown.content.decode()
    said = [str(m) for m in get_messages(shown.wsgi_request)]
    assert any(AGAIN in m for m in said) and len(said) == 2, said  # the first one's kept too
    assert Disclosure.objects.count() == 1


def test_a_post_is_done_only_once_its_session_is_saved(
    personas, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    """A second press waits until the first post is marked done and then reads the session:
    by then the code and the message the first post keeps for the next page must be in it."""
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas, email=RECIPIENT)
    team = client_for(personas.professional)
    finish = once._finish
    stored_when_done: list[dict] = []

    def finish_and_look(request, keys, response):
        stored_when_done.append(dict(team.session.items()))  # what a second post would read
        finish(request, keys, response)

    monkeypatch.setattr(once, "_finish", finish_and_look)
    with django_capture_on_commit_callbacks(execute=True):
        team.post(step6_url(personas), {**share_body(contact), **_page_token()})
    [stored] = stored_when_done
    assert CODE_SHOWN in stored and "_messages" in stored


def test_the_recipients_feedback_twice_is_kept_once(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    personas.organisation.delivery_code_channel = "email"
    personas.organisation.save()
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas, email=RECIPIENT)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.professional).post(step6_url(personas), share_body(contact))
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient = Client()
    recipient.post(page(token), {"code": code})
    body = {"text": "We hebben met hem gesproken.", **_page_token()}
    first = recipient.post(page(token, "delivery_feedback"), body)
    again = recipient.post(page(token, "delivery_feedback"), body)
    assert first.status_code == 302 and again["Location"] == first["Location"]
    assert FeedbackReceipt.objects.count() == 1
    repeated = AuditEvent.objects.get(action="form.repeated")
    assert repeated.user_id is None and repeated.object_id == "delivery_feedback"


@pytest.mark.django_db(transaction=True)
def test_two_posts_at_the_same_moment_record_one_signal(personas, client_for, monkeypatch):
    """Two real requests in two threads (a double click), the first slowed down: the second
    arrives while the first is at work, waits for it and follows it."""
    original = services.signal_add
    started = threading.Event()

    def slow_signal_add(**kwargs):
        started.set()
        time.sleep(1.0)
        return original(**kwargs)

    monkeypatch.setattr(services, "signal_add", slow_signal_add)
    first_browser = client_for(personas.professional)
    second_browser = Client()
    second_browser.cookies = first_browser.cookies  # the same browser, another click
    body = {**signal_body(), **_page_token()}
    answers: dict = {}

    def press(name: str, client: Client) -> None:
        try:
            answers[name] = client.post(url("signal_add", personas.case), body)
        finally:
            connections.close_all()

    first = threading.Thread(target=press, args=("first", first_browser))
    first.start()
    assert started.wait(10)
    second = threading.Thread(target=press, args=("second", second_browser))
    second.start()
    first.join(20)
    second.join(20)
    assert answers["first"].status_code == 302, answers["first"].content[:500]
    assert answers["second"].status_code == 302
    assert answers["second"]["Location"] == answers["first"]["Location"]
    assert _signals(personas.case) == 1
    assert AuditEvent.objects.filter(action="signal.add").count() == 1
    assert AuditEvent.objects.filter(action="form.repeated").count() == 1
