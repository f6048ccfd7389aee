"""Two-factor services: enrolment of an authenticator app, recovery codes and checking a code
(django-otp). A TOTP code is accepted once: the device remembers the last time step used.
Recovery codes are stored only as salted hashes (accounts.recovery) and deleted when used."""

from __future__ import annotations

import base64
import math
import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts import recovery, sessions
from deelwijzer.accounts.models import RecoveryCode, RecoveryCodeDevice
from deelwijzer.accounts.receivers import record
from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record
from deelwijzer.operator import operator_account

AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "herstelcodes"
RECOVERY_CODE_COUNT = 10
_TOTP_SHAPE = re.compile(r"^\d{6}$")


def confirmed_authenticator(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_authenticator(user) -> TOTPDevice:
    """The not yet confirmed device for enrolment; one per user, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def manual_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, to type into an app by hand."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (no Pillow, no inline script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    encoded = base64.b64encode(image.to_string()).decode()
    return f"data:image/svg+xml;base64,{encoded}"


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes; the plain codes are returned to be shown once and
    only their hashes are stored (ASVS 5.0 V6.5.2)."""
    device = RecoveryCodeDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = RecoveryCodeDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    # The device itself stays (a session verified with one of its codes stays verified).
    RecoveryCodeDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    RecoveryCode.objects.filter(device=device).delete()
    device.throttle_reset(commit=False)
    device.save()
    codes = [recovery.new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=recovery.hash_code(code)) for code in codes
    )
    return codes


_normalise = recovery.normalise


def _mark_verified(request, device) -> None:
    request.session.cycle_key()  # a new session id once the second factor is given
    otp_login(request, device)


@transaction.atomic
def confirm_enrolment(request, code: str) -> list[str] | None:
    """Confirm the pending device with a code from the app; returns new recovery codes."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=pending_authenticator(user).pk)
    if not device.verify_token(_normalise(code)):
        record("auth.otp_failed", user, outcome=Outcome.FAILURE, step="enrol")
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(user)
    _mark_verified(request, device)
    record("auth.enrol", user, device="totp", recovery_codes=len(codes))
    return codes


def _authenticators(user):
    return TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)


def _devices_for(user, code: str):
    """TOTP for six digits, a recovery code otherwise: a wrong shape never throttles the
    other device."""
    if _TOTP_SHAPE.match(code):
        return _authenticators(user)
    return RecoveryCodeDevice.objects.select_for_update().filter(user=user, confirmed=True)


def _matching_device(user, code: str):
    return next((device for device in _devices_for(user, code) if device.verify_token(code)), None)


def _seconds_to_wait(device) -> int:
    allowed, data = device.verify_is_allowed()
    until = None if allowed else (data or {}).get("locked_until")
    if until is None:
        return 0
    return max(1, math.ceil((until - timezone.now()).total_seconds()))


# Which device each page checks a code with: enrolment the pending one, the renewal of
# recovery codes the authenticator, the sign-in the one the code's shape picks.
_STEP_DEVICES = {
    "enrol": lambda user, code: [pending_authenticator(user)],
    "verify": _devices_for,
    "renew_recovery_codes": lambda user, code: _authenticators(user),
}


@transaction.atomic
def code_too_soon(request, code: str, *, step: str) -> int:
    """How many seconds the user must still wait before a code is checked: after a wrong code
    django-otp checks none for a moment (1 s, doubling with each next wrong one), and would
    call the right code wrong. 0 when a code is checked now; else the attempt is recorded as
    refused (not as a wrong code: nothing was checked)."""
    user = request.user
    devices = _STEP_DEVICES[step](user, _normalise(code))
    seconds = max((_seconds_to_wait(device) for device in devices), default=0)
    if seconds:
        record("auth.otp_too_soon", user, outcome=Outcome.DENIED, step=step, seconds=seconds)
    return seconds


@transaction.atomic
def verify_code(request, code: str) -> str | None:
    """Check a code of the signed-in user; on success the session is two-factor verified.
    Returns ``"totp"`` or ``"recovery"``, or None for a wrong (or replayed) code."""
    user = request.user
    normalised = _normalise(code)
    device = _matching_device(user, normalised) if normalised else None
    if device is None:
        record("auth.otp_failed", user, outcome=Outcome.FAILURE, step="verify")
        return None
    method = "totp" if isinstance(device, TOTPDevice) else "recovery"
    _mark_verified(request, device)
    remaining = None
    if method == "recovery":
        remaining = RecoveryCode.objects.filter(device__user=user).count()
    record("auth.login", user, step="two_factor", method=method, recovery_left=remaining)
    return method


@transaction.atomic
def renew_recovery_codes(request, code: str) -> list[str] | None:
    """New recovery codes for a signed-in, verified user who gives a current code of their
    authenticator again (re-authentication before changing a factor, ASVS 5.0 V7.5.1).
    The old codes stop working; returns the new ones, or None for a wrong code."""
    user = request.user
    device = _authenticators(user).first()
    normalised = _normalise(code)
    if device is None or not _TOTP_SHAPE.match(normalised) or not device.verify_token(normalised):
        record("auth.otp_failed", user, outcome=Outcome.FAILURE, step="renew_recovery_codes")
        return None
    codes = new_recovery_codes(user)
    record("auth.recovery_codes_renew", user, recovery_codes=len(codes))
    return codes


@transaction.atomic
def second_factor_reset_by_operator(*, username: str, reason: str) -> int:
    """The installation operator removes a user's authenticator and recovery codes (a lost or
    replaced phone): every session of the user ends and the next sign-in asks to enrol again
    (password first, as always). Audited with the reason, once per organisation of the user.
    Returns how many sessions ended."""
    user = operator_account(username, reason)
    devices = TOTPDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()  # its codes go with it
    ended = sessions.end_sessions(user.pk)
    organisations: list[int | None] = [
        *sorted(set(user.memberships.values_list("organisation_id", flat=True)))
    ] or [None]
    for organisation_id in organisations:
        audit_record(
            actor=None,
            action="auth.second_factor_reset",
            object_type="user",
            object_id=user.pk,
            organisation_id=organisation_id,
            purpose="cli",
            detail={"reason": reason.strip()[:500], "devices": devices, "sessions": ended},
        )
    return ended
