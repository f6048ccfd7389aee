"""Signing in through the real pages, with a client address of choice."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.audit.models import AuditEvent
from tests.personas import PASSWORD

HOME = "10.0.0.1"
ELSEWHERE = "192.0.2.66"


def post_password(client: Client, username: str, password: str = PASSWORD, address: str = HOME):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def current_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def post_code(client: Client, code: str, address: str = HOME, name: str = "two_factor"):
    return client.post(reverse(name), {"code": code}, REMOTE_ADDR=address)


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def verified_client(user) -> Client:
    """A second, independent client signed in with both factors (as client_for does)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or authenticator(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def session_cookie(client: Client) -> str:
    return client.cookies["sessionid"].value


def actions(user) -> list[str]:
    rows = AuditEvent.objects.filter(user_id=user.pk, action__startswith="auth.").order_by("id")
    return list(rows.values_list("action", flat=True))


def recovery_codes_on(response) -> list[str]:
    """The recovery codes a page shows (the list on the page after enrolment)."""
    if response.status_code != 200:
        return []
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())
