"""#17.8: password spraying (a few passwords against many accounts from one address) is
stopped by a per-address limit beside the per-user+address lock-out, and audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from tests.accounts.helpers import ELSEWHERE, HOME, post_password

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _spray(count: int, address: str = ELSEWHERE) -> list[int]:
    """One wrong password against each of ``count`` accounts: no per-user lock-out."""
    client = Client()
    return [
        post_password(client, f"medewerker{n}@school.invalid", "Zomer2026!", address).status_code
        for n in range(count)
    ]


def test_spraying_from_one_address_is_blocked_after_the_limit(personas):
    limit = settings.ADDRESS_FAILURE_LIMIT
    assert 10 <= limit <= 50  # a school behind one address is not locked by a few typos
    with time_machine.travel(START, tick=False):
        assert _spray(limit) == [422] * (limit - 1) + [429]  # the limit-th failure locks
        blocked = post_password(Client(), personas.professional.username, address=ELSEWHERE)
        assert blocked.status_code == 429
        assert "voor verschillende accounts" in blocked.content.decode()
        events = AuditEvent.objects.filter(action="auth.address_locked")
        event = events.get(user_id=personas.professional.pk)
        assert event.client_address == ELSEWHERE
        # someone at another address signs in as usual
        home = post_password(Client(), personas.professional.username, address=HOME)
        assert home["Location"].startswith(reverse("two_factor"))
    with time_machine.travel(START + timedelta(minutes=16), tick=False):
        later = post_password(Client(), personas.professional.username, address=ELSEWHERE)
        assert later["Location"].startswith(reverse("two_factor"))


def test_below_the_limit_nobody_is_blocked(personas):
    with time_machine.travel(START, tick=False):
        assert set(_spray(settings.ADDRESS_FAILURE_LIMIT - 1)) == {422}
        ok = post_password(Client(), personas.professional.username, address=ELSEWHERE)
        assert ok["Location"].startswith(reverse("two_factor"))


def test_signing_in_to_ones_own_account_does_not_reset_the_spray_count(personas):
    limit = settings.ADDRESS_FAILURE_LIMIT
    with time_machine.travel(START, tick=False):
        _spray(limit - 1)
        assert post_password(Client(), personas.colleague.username, address=ELSEWHERE)[
            "Location"
        ].startswith(reverse("two_factor"))
        assert _spray(1) == [429]
        blocked = post_password(Client(), personas.colleague.username, address=ELSEWHERE)
        assert blocked.status_code == 429
