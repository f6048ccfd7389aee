"""Reminders with a frozen clock: feedback due soon and overdue, the review date of an
"extra attention" advice, an opinion open too long. E-mails say only that something awaits."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from deelwijzer.documents.reminders import reminders_for
from tests.disclosures.helpers import (
    OPINION,
    TICKED_SIGNAL,
    ready_case,
    share_body,
    step6_url,
)

DAY0 = date(2026, 3, 2)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 10, tzinfo=AMSTERDAM), tick=False
    )


@pytest.fixture
def shared(personas, client_for):
    """Shared on DAY0, feedback agreed by DAY0 + 14."""
    personas.professional.email = "prof@example.org"
    personas.professional.save()
    with at(DAY0):
        contact = ready_case(personas)
        body = share_body(contact, feedback_due_on=(DAY0 + timedelta(days=14)).isoformat())
        assert client_for(personas.professional).post(step6_url(personas), body).status_code == 302
    return personas


def kinds(personas, day: date) -> list[tuple[str, str]]:
    return [(r.kind, r.ref) for r in reminders_for(personas.professional, day)]


def test_no_feedback_reminder_while_the_date_is_far(shared):
    assert ("feedback_due", "x1") not in kinds(shared, DAY0 + timedelta(days=6))


def test_feedback_due_within_a_week(shared):
    assert ("feedback_due", "x1") in kinds(shared, DAY0 + timedelta(days=8))


def test_feedback_overdue(shared):
    assert ("feedback_overdue", "x1") in kinds(shared, DAY0 + timedelta(days=15))


def test_received_feedback_ends_the_reminder(shared, client_for):
    with at(DAY0 + timedelta(days=10)):
        client_for(shared.professional).post(
            step6_url(shared, "disclosure_feedback", key="x1"),
            {"received_on": (DAY0 + timedelta(days=10)).isoformat(), "text": "Opgepakt."},
        )
    assert [k for k in kinds(shared, DAY0 + timedelta(days=15)) if k[1] == "x1"] == []


def test_the_reminder_is_only_for_the_team(shared):
    assert reminders_for(shared.colleague, DAY0 + timedelta(days=15)) == []
    assert reminders_for(shared.stranger, DAY0 + timedelta(days=15)) == []


def test_an_opinion_open_too_long(shared):
    # o1 was recorded on DAY0 (ready_case ran under the frozen clock)
    assert ("opinion_open", "o1") not in kinds(shared, DAY0 + timedelta(days=29))
    assert ("opinion_open", "o1") in kinds(shared, DAY0 + timedelta(days=30))
    with override_settings(DEELWIJZER_OPEN_OPINION_DAYS=60):
        assert ("opinion_open", "o1") not in kinds(shared, DAY0 + timedelta(days=30))


def test_the_review_date_of_extra_attention(shared):
    from deelwijzer.advice.models import AdviceRequest

    AdviceRequest.objects.create(
        case=shared.case, key="a1", recorded_by=shared.professional,
        asked_by=shared.professional, asked_on=DAY0, adviser_kind="attention_officer",
        question="?", original_text="?", request_text="?", status="answered",
        outcome="extra_attention", review_date=DAY0 + timedelta(days=20),
    )  # fmt: skip
    assert ("review_due", "a1") not in kinds(shared, DAY0 + timedelta(days=10))
    assert ("review_due", "a1") in kinds(shared, DAY0 + timedelta(days=14))


def test_the_dashboard_include_lists_the_reminders(shared):
    from django.template.loader import render_to_string

    day = DAY0 + timedelta(days=15)
    html = render_to_string(
        "documents/_reminders.html", {"reminders": reminders_for(shared.professional, day)}
    )
    assert (
        "Terugkoppeling te laat" in html and f"/casussen/{shared.case.public_id}/stap-6/#x1" in html
    )


@override_settings(SITE_URL="https://deelwijzer.example.org")
def test_the_command_mails_without_case_content(shared, capsys):
    call_command("reminders", today=(DAY0 + timedelta(days=15)).isoformat())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["prof@example.org"]
    everything = f"{message.subject}\n{message.body}".lower()
    assert "https://deelwijzer.example.org" in everything
    forbidden = ("radicalisering", "j-test", "yusuf", "bakker", "x1", "o1", "wijkagent",
                 TICKED_SIGNAL.lower()[:20], OPINION.lower()[:20], "terugkoppeling")  # fmt: skip
    for word in forbidden:
        assert word not in everything, word
    assert "1 herinnering" in capsys.readouterr().out


def test_nothing_to_remind_sends_nothing(shared):
    call_command("reminders", today=(DAY0 + timedelta(days=1)).isoformat())
    assert mail.outbox == []


def test_a_bad_date_is_a_clear_error(personas):
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("reminders", today="2-3-2026")


def test_the_command_sends_nothing_to_who_turned_mail_off(shared, client_for, capsys):
    """The daily reminder mail (feedback due, R6.5) follows the setting of Meldingen (#16.7)."""
    page = client_for(shared.professional).post(reverse("notification_settings"), {"email": "off"})
    assert page.status_code == 302
    call_command("reminders", today=(DAY0 + timedelta(days=15)).isoformat())
    assert mail.outbox == []
    assert "0 herinnering" in capsys.readouterr().out
