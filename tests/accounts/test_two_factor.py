"""Two-factor sign-in: a password alone opens nothing; enrolment with a real TOTP code;
a code is accepted once; recovery codes are shown once and work once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import RecoveryCode
from deelwijzer.accounts.twofactor import RECOVERY_CODE_COUNT, new_recovery_codes
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from tests.accounts.helpers import (
    HOME,
    actions,
    authenticator,
    current_code,
    post_code,
    post_password,
    recovery_codes_on,
)

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _walk(personas) -> list[str]:
    case = personas.case.public_id
    return [
        reverse("dashboard"),
        reverse("case_detail", kwargs={"case_id": case}),
        reverse("case_new"),
        reverse("step1", kwargs={"case_id": case}),
        reverse("admin_users"),
        reverse("audit_log"),
        reverse("audit_case", kwargs={"case_id": case}),
    ]


def test_a_password_alone_reaches_nothing_but_the_two_factor_step(personas, client):
    """ASVS 5.0 V6.3.3 (multi-factor needed for access); NEN 7510 9.4.2 (secure log-on)."""
    user = personas.org_admin
    authenticator(user)
    response = post_password(client, user.username)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    for url in _walk(personas):
        got = client.get(url)
        assert got.status_code == 302, url
        assert got["Location"].startswith(reverse("two_factor")), url
    cases_before = Case.objects.count()
    refused = client.post(reverse("case_new"), {"pseudonym": "J-NIEUW", "name": "Iemand"})
    assert refused["Location"] == reverse("two_factor")
    assert Case.objects.count() == cases_before
    # The login page too sends a half-signed-in user on to the code, and the code page opens.
    assert client.get(reverse("login"))["Location"].startswith(reverse("two_factor"))
    page = client.get(reverse("two_factor"))
    assert page.status_code == 200
    assert b"Mijn casussen" not in page.content  # no menu before the second factor


def test_enrolment_with_a_real_totp_code_then_recovery_codes_once(personas, client):
    """ASVS 5.0 V6.3.3, V6.4 (factor enrolment), V16.3.1 (authentication is logged);
    NEN 7510 9.4.2."""
    user = personas.professional
    post_password(client, user.username)
    assert client.get(reverse("two_factor"))["Location"].startswith(reverse("two_factor_enrol"))
    page = client.get(reverse("two_factor_enrol"))
    assert page.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert post_code(client, "000000", name="two_factor_enrol").status_code == 422
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=5), tick=False):
        done = post_code(client, current_code(device), name="two_factor_enrol")
    assert done.status_code == 200 and done["Cache-Control"] == "no-store"
    device.refresh_from_db()
    assert device.confirmed
    codes = recovery_codes_on(done)  # shown in the answer to the confirming POST only
    assert len(set(codes)) == RECOVERY_CODE_COUNT
    assert RecoveryCode.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT
    again = client.get(reverse("two_factor_enrol"))
    assert again.status_code == 302 and recovery_codes_on(client.get(again["Location"])) == []
    assert client.get(reverse("dashboard")).status_code == 200
    assert actions(user) == ["auth.login", "auth.otp_failed", "auth.enrol"]
    enrol = AuditEvent.objects.get(user_id=user.pk, action="auth.enrol")
    assert enrol.client_address == HOME
    assert device.key not in str(enrol.detail) and codes[0] not in str(enrol.detail)


def test_a_replayed_totp_code_fails(personas, client):
    """ASVS 5.0 V6.5.1 (a TOTP is usable only once); NEN 7510 9.4.2."""
    user = personas.professional
    device = authenticator(user)
    with time_machine.travel(START, tick=False):
        code = current_code(device)
        post_password(client, user.username)
        assert post_code(client, code)["Location"] == reverse("dashboard")
        client.post(reverse("logout"))
        post_password(client, user.username)
        again = post_code(client, code)
        assert again.status_code == 422
        assert "al gebruikt" in again.content.decode()
        assert client.get(reverse("dashboard")).status_code == 302
    with time_machine.travel(START + timedelta(seconds=30), tick=False):
        assert post_code(client, current_code(device))["Location"] == reverse("dashboard")
    assert actions(user).count("auth.otp_failed") == 1


def test_a_recovery_code_works_once(personas, client):
    """ASVS 5.0 V6.5.1 (lookup secrets usable once), V6.4 (recovery); NEN 7510 9.4.2."""
    user = personas.decision_maker
    device = authenticator(user)
    codes = new_recovery_codes(user)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        assert post_code(client, codes[0].upper())["Location"] == reverse("dashboard")
        client.post(reverse("logout"))
        post_password(client, user.username)
        assert post_code(client, codes[0]).status_code == 422
    with time_machine.travel(START + timedelta(seconds=10), tick=False):
        assert post_code(client, codes[1])["Location"] == reverse("dashboard")
    assert RecoveryCode.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT - 2
    event = AuditEvent.objects.filter(user_id=user.pk, action="auth.login").last()
    assert event.detail["method"] == "recovery"
    assert device.key not in str(event.detail)


def test_a_wrong_shape_of_code_is_refused_with_a_dutch_message(personas, client):
    """ASVS 5.0 V6.3.3; bad input gives a clear message, never a 500."""
    user = personas.colleague
    authenticator(user)
    post_password(client, user.username)
    for code in ("", "12345", "abc", "1" * 20):
        response = post_code(client, code)
        assert response.status_code == 422, code
        assert 'class="error-summary"' in response.content.decode()


@pytest.mark.parametrize("name", ["two_factor", "two_factor_enrol"])
def test_two_factor_pages_need_the_password_first(db, client, name):
    """ASVS 5.0 V6.3.3: the code pages are only for someone who gave the password."""
    response = client.get(reverse(name))
    assert response["Location"].startswith(reverse("login"))
