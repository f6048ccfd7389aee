"""E-mail notifications (issue #16.7): one content-free e-mail per event, after the commit,
to who it concerns; none for who turned them off. Driven through the real views."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.notifications.models import NotificationSetting
from deelwijzer.organisations.models import Role
from tests.advice.conftest import (
    add_signal,
    answer_body,
    post_answer,
    sent_to_officer,
)
from tests.conftest import make_user
from tests.decisions.helpers import lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.notifications.conftest import assert_content_free
from tests.risks.helpers import url


def _to(mailoutbox) -> list[str]:
    return sorted(address for m in mailoutbox for address in m.to)


@pytest.fixture
def asked(with_email, client_for, deduce_model, django_capture_on_commit_callbacks):
    p = with_email
    add_signal(p.case, p.professional, "Yusuf Bakker zegt in klas 3B dat muziek haram is.")
    with django_capture_on_commit_callbacks(execute=True):
        key = sent_to_officer(client_for(p.professional), p.case)
    return key


def test_a_request_sent_mails_the_attention_officer_once_without_content(
    with_email, asked, mailoutbox
):
    assert _to(mailoutbox) == ["attention_officer@example.org"]
    assert_content_free(mailoutbox[0], with_email)


def answer(personas, client_for, key, body, django_capture_on_commit_callbacks):
    answer_url = reverse("inbox_answer", kwargs={"case_id": personas.case.public_id, "key": key})
    officer = client_for(personas.attention_officer)
    with django_capture_on_commit_callbacks(execute=True):
        return post_answer(officer, answer_url, personas.case, key, body)


def test_the_answer_mails_who_asked(
    with_email, asked, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    response = answer(
        with_email, client_for, asked, answer_body(), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert _to(mailoutbox) == ["professional@example.org"]
    assert_content_free(mailoutbox[0], with_email)


def test_a_refused_answer_mails_nobody(
    with_email, asked, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    body = answer_body(outcome="")
    response = answer(with_email, client_for, asked, body, django_capture_on_commit_callbacks)
    assert response.status_code == 422
    assert mailoutbox == []


@pytest.fixture
def submitted(with_email, client_for, mailoutbox, django_capture_on_commit_callbacks):
    case = prepared(with_email)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_decision(
            client_for(with_email.professional), case, **lawful_without_consent()
        )
    assert response.status_code == 302
    return case


def test_a_submitted_decision_mails_the_decision_makers(with_email, submitted, mailoutbox):
    second = make_user("beslisser2", with_email.organisation, Role.DECISION_MAKER)
    assert second.email == ""  # no address: nothing to send to
    assert _to(mailoutbox) == ["decision_maker@example.org"]
    assert_content_free(mailoutbox[0], with_email)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("decision_sign_off", {"expected_version": "1", "confirm": "on"}),
        ("decision_return", {"expected_version": "1", "remark": "Onderbouw het beter."}),
    ],
)
def test_signed_off_or_returned_mails_who_submitted(
    with_email, submitted, client_for, mailoutbox, django_capture_on_commit_callbacks, name, body
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(with_email.decision_maker).post(url(name, submitted), body)
    assert response.status_code == 302
    assert _to(mailoutbox) == ["professional@example.org"]
    assert_content_free(mailoutbox[0], with_email)


def test_turned_off_means_no_mail(
    with_email, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(user=with_email.decision_maker, email=False)
    case = prepared(with_email)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_decision(
            client_for(with_email.professional), case, **lawful_without_consent()
        )
    assert response.status_code == 302
    assert mailoutbox == []


def test_nothing_goes_out_before_the_commit(
    with_email, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    case = prepared(with_email)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_decision(client_for(with_email.professional), case, **lawful_without_consent())
    assert mailoutbox == []  # the mail waits for the commit
    assert len(callbacks) == 1
