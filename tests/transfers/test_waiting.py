"""An incoming transfer is told to who may decide on it (issue #20.2): the receiving
organisation's attention officers and functional administrators get a content-free e-mail
(unless they turned e-mail off), their home page lists it and the menu counts it beside
"Overdrachten", until it is accepted or declined."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deelwijzer.notifications.models import NotificationSetting
from deelwijzer.organisations.models import Role
from deelwijzer.transfers.models import Transfer
from tests.conftest import make_user
from tests.disclosures.helpers import make_entries, sign_off_decision
from tests.notifications.conftest import assert_content_free, with_email  # noqa: F401
from tests.notifications.test_waiting import home, menu_count
from tests.transfers.test_transfer import decide, prepare


@pytest.fixture
def receivers(personas):
    """The receiving organisation's attention officer, administrator and one who opted out."""
    made = {
        "officer": make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER),
        "admin": make_user("beheer-noord", personas.other_organisation, Role.ORG_ADMIN),
        "quiet": make_user("stil-noord", personas.other_organisation, Role.ATTENTION_OFFICER),
    }
    for name, user in made.items():
        user.email = f"{name}@noord.example.org"
        user.save(update_fields=["email"])
    NotificationSetting.objects.create(user=made["quiet"], email=False)
    return made


@pytest.fixture
def pending(
    with_email,  # noqa: F811 (the fixture imported above)
    receivers,
    client_for,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    make_entries(with_email)
    sign_off_decision(with_email)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert prepare(with_email, client_for(with_email.professional)).status_code == 302
    return Transfer.objects.get()


def test_who_may_decide_is_mailed_content_free_and_nobody_else(
    personas, receivers, pending, mailoutbox
):
    to = sorted(address for m in mailoutbox for address in m.to)
    assert to == ["admin@noord.example.org", "officer@noord.example.org"]  # not "quiet"
    for message in mailoutbox:
        assert_content_free(message, personas)
        text = f"{message.subject}\n{message.body}"
        assert "Het Baken" not in text and "Jeugdhulp Noord" not in text
        assert "overdracht" not in text.lower()


def test_the_home_page_lists_the_waiting_transfer_and_the_menu_counts_it(
    personas, receivers, pending, client_for
):
    officer = client_for(receivers["officer"])
    page = home(officer)
    link = reverse("transfer_decide", kwargs={"transfer_id": pending.public_id})
    assert "Overdrachten die op je besluit wachten: 1" in page
    assert f'href="{link}"' in page and "Het Baken" in page
    assert "Yusuf" not in page and personas.case.pseudonym not in page  # no content
    assert menu_count(page, "Overdrachten") == 1
    admin_page = home(client_for(receivers["admin"]))
    assert menu_count(admin_page, "Overdrachten") == 1
    assert "Er staat nu niets voor je klaar" not in admin_page

    decided = decide(
        officer, pending, {"action": "decline", "decline-reason": "De jongere komt niet."}
    )
    assert decided.status_code == 302
    after = home(officer)
    assert menu_count(after, "Overdrachten") is None
    assert "Overdrachten die op je besluit wachten" not in after
    assert "Er staat nu niets voor je klaar" in home(client_for(receivers["admin"]))


def test_the_sending_side_sees_no_count(personas, receivers, pending, client_for):
    page = home(client_for(personas.attention_officer))  # of the sending organisation
    assert menu_count(page, "Overdrachten") is None
    assert "Overdrachten die op je besluit wachten" not in page


def test_the_transfer_count_shares_the_one_counting_query(personas, receivers, pending):
    from deelwijzer.cases.access import memberships_of
    from deelwijzer.web.waiting import menu_counts

    officer = receivers["officer"]
    memberships_of(officer)  # read once per request already, for the menu
    with CaptureQueriesContext(connection) as captured:
        counts = menu_counts(officer, {"attention_officer", "org_admin"})
    assert len(captured) == 1
    assert counts == {"inbox": 0, "transfers": 1}
