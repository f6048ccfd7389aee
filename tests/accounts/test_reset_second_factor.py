"""The operator's `deelwijzer reset-second-factor` for a lost phone: authenticator and recovery
codes gone, every session ended, the next sign-in asks to enrol again, audited with the reason;
bad input changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import RecoveryCode, RecoveryCodeDevice
from deelwijzer.accounts.twofactor import new_recovery_codes
from deelwijzer.audit.models import AuditEvent
from tests.accounts.helpers import authenticator, post_password, verified_client


def test_reset_removes_both_factors_ends_sessions_and_asks_to_enrol_again(personas, client):
    user = personas.professional
    authenticator(user)
    new_recovery_codes(user)
    signed_in = verified_client(user)
    assert signed_in.get(reverse("dashboard")).status_code == 200

    call_command("reset_second_factor", user.username.upper(), "--reason", "telefoon kwijt")

    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCodeDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(device__user=user).exists()
    assert signed_in.get(reverse("dashboard")).status_code == 302  # the old session is gone
    post_password(client, user.username)
    assert client.get(reverse("two_factor"))["Location"].startswith(reverse("two_factor_enrol"))
    event = AuditEvent.objects.get(action="auth.second_factor_reset")
    assert event.object_id == str(user.pk)
    assert event.organisation_id == personas.organisation.pk
    assert event.detail["reason"] == "telefoon kwijt"
    assert event.detail["devices"] == 1 and event.detail["sessions"] >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["niemand@school.invalid", "--reason", "kwijt"], "Er is geen account"),
        (["{professional}", "--reason", "  "], "reden"),
        # both at once (a walk: the unknown account was named only once a reason was given)
        (["niemand@school.invalid", "--reason", " "], "reden.*geen account niemand@"),
    ],
)
def test_bad_input_changes_nothing(personas, args, message):
    user = personas.professional
    authenticator(user)
    args = [a.format(professional=user.username) for a in args]
    with pytest.raises(CommandError, match=message) as raised:
        call_command("reset_second_factor", *args)
    assert raised.value.returncode == 2
    assert TOTPDevice.objects.filter(user=user).count() == 1
    assert not AuditEvent.objects.filter(action="auth.second_factor_reset").exists()
