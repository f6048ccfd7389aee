"""#21 left-over: "wachtwoord vergeten" is limited per account and per client address, counted
in the audit trail (shared by every node); the page answers the same whatever happens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from deelwijzer.accounts import reset_limits
from deelwijzer.audit.models import AuditEvent, Outcome

ADDRESS = "collega@school.invalid"


@pytest.fixture
def colleague(personas):
    personas.colleague.email = ADDRESS
    personas.colleague.save()
    return personas.colleague


def ask(email: str, remote: str = "203.0.113.7"):
    response = Client(REMOTE_ADDR=remote).post(reverse("password_forgot"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_forgot_sent")


def test_an_account_gets_three_links_an_hour_then_nothing(colleague, mailoutbox, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 100
    for n in range(5):
        ask(ADDRESS, remote=f"203.0.113.{n}")  # from different addresses: the account limit
    assert len(mailoutbox) == 3
    limited = AuditEvent.objects.filter(action=reset_limits.LIMITED)
    assert limited.count() == 2
    assert {e.user_id for e in limited} == {colleague.pk}
    assert {e.outcome for e in limited} == {Outcome.DENIED}
    assert AuditEvent.objects.filter(action=reset_limits.SENT, user_id=colleague.pk).count() == 3


def test_one_address_asking_for_many_accounts_is_stopped(colleague, mailoutbox, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 4
    for n in range(3):
        ask(f"niemand{n}@school.invalid")
    ask(ADDRESS)  # the fourth request from this address still goes
    assert len(mailoutbox) == 1
    ask(ADDRESS)
    assert len(mailoutbox) == 1
    ask(ADDRESS, remote="198.51.100.1")  # another address is not stopped by it
    assert len(mailoutbox) == 2
    unknown = AuditEvent.objects.filter(action=reset_limits.UNKNOWN)
    assert unknown.count() == 3 and {e.user_id for e in unknown} == {None}
    assert all("niemand" not in str(e.detail) for e in AuditEvent.objects.all())


def test_links_older_than_an_hour_do_not_count(colleague, mailoutbox, settings):
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 100
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(4):
            ask(ADDRESS)
    assert len(mailoutbox) == 3
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        ask(ADDRESS)
    assert len(mailoutbox) == 4


def test_the_page_after_asking_says_how_many_links_an_hour(client, db, settings):
    settings.PASSWORD_RESET_ACCOUNT_LIMIT = 2
    page = client.get(reverse("password_forgot_sent")).content.decode()
    assert "hoogstens 2 links per uur" in page and "probeer het over een uur opnieuw" in page
