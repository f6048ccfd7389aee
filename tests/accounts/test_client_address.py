"""The client address behind a reverse proxy: X-Forwarded-For is believed only from a trusted
proxy, for the audit trail and the lock-out alike; a spoofed header changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from deelwijzer.audit.client_address import client_address, parse_networks
from deelwijzer.audit.models import AuditEvent
from tests.personas import PASSWORD

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
PROXY = "10.0.0.5"
ATTACKER = "198.51.100.7"
OWNER = "203.0.113.20"


def _login(client, username, *, peer, forwarded=None, password=PASSWORD):
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _address(peer: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "expected"),
    [
        ([], OWNER, "1.2.3.4", OWNER),  # default: REMOTE_ADDR, the header ignored
        (["10.0.0.0/8"], OWNER, "1.2.3.4", OWNER),  # peer not a proxy of ours
        (["10.0.0.0/8"], PROXY, OWNER, OWNER),
        (["10.0.0.0/8"], PROXY, f"1.2.3.4, {OWNER}", OWNER),  # left part is the client's claim
        (["10.0.0.0/8"], PROXY, f"1.2.3.4, {OWNER}, 10.0.0.9", OWNER),  # two proxies of ours
        (["10.0.0.0/8"], PROXY, f"{OWNER}, not-an-address", PROXY),  # garbage: stop at proxy
        (["10.0.0.0/8"], PROXY, "10.0.0.9", "10.0.0.9"),  # only our own machines
        (["10.0.0.0/8"], PROXY, None, PROXY),
        (["::1", "127.0.0.1"], "::1", "2001:db8::7", "2001:db8::7"),
        (["10.0.0.5"], "::ffff:10.0.0.5", OWNER, OWNER),  # IPv4-mapped peer
    ],
)
def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(
    trusted, peer, forwarded, expected
):
    """ASVS 5.0 V16.2.1 (log entries carry the right source), V6.3.1 (brute-force protection
    that cannot be dodged): the right-most address not of a trusted proxy is the client."""
    with override_settings(TRUSTED_PROXIES=trusted):
        assert _address(peer, forwarded) == expected


def test_a_bad_trusted_proxy_value_stops_the_start(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        parse_networks(("10.0.0.0/8", "proxy.internal"))
    read = "from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "deelwijzer.settings"}
    env["DEELWIJZER_VAR_DIR"] = str(tmp_path)
    for value, ok in (("127.0.0.1, ::1,10.1.2.0/24", True), ("10.0.0.1,proxy.internal", False)):
        done = subprocess.run(
            [sys.executable, "-c", read],
            env={**env, "TRUSTED_PROXIES": value},
            capture_output=True,
            text=True,
            check=False,
        )
        assert (done.returncode == 0) == ok, done.stderr
        if ok:
            assert done.stdout.strip() == "['127.0.0.1', '::1', '10.1.2.0/24']"
        else:
            assert "TRUSTED_PROXIES must list IP addresses" in done.stderr


def test_a_spoofed_header_from_an_untrusted_peer_does_not_dodge_the_lock_out(personas):
    """ASVS 5.0 V6.3.1: without trusted proxies, a new X-Forwarded-For on every try does not
    give a new address to count on: the sixth try is refused; the audit trail holds the peer."""
    user = personas.professional
    client = Client()
    with time_machine.travel(START, tick=False):
        for n in range(5):
            _login(client, user.username, peer=ATTACKER, forwarded=f"192.0.2.{n}", password="fout")
        locked = _login(client, user.username, peer=ATTACKER, forwarded="192.0.2.99")
        assert locked.status_code == 429
    failed = AuditEvent.objects.filter(user_id=user.pk, action="auth.login_failed")
    assert set(failed.values_list("client_address", flat=True)) == {ATTACKER}


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_forwarded_address_counts_for_audit_and_lock_out(personas):
    """ASVS 5.0 V6.3.1, V16.2.1; NEN 7513 (who, from where): behind the proxy each client is
    known by its own address. The attacker's address is locked out, the owner's (through the
    same proxy) is not; a header the attacker adds in front of the proxy's entry is ignored."""
    user = personas.professional
    attacker, owner = Client(), Client()
    with time_machine.travel(START, tick=False):
        for n in range(5):
            spoof = f"192.0.2.{n}, {ATTACKER}"  # the client's claim, then what nginx appended
            _login(attacker, user.username, peer=PROXY, forwarded=spoof, password="fout")
        assert _login(attacker, user.username, peer=PROXY, forwarded=ATTACKER).status_code == 429
        mine = _login(owner, user.username, peer=PROXY, forwarded=OWNER)
        assert mine["Location"].startswith(reverse("two_factor"))
    failed = AuditEvent.objects.filter(user_id=user.pk, action="auth.login_failed")
    assert set(failed.values_list("client_address", flat=True)) == {ATTACKER}
    login = AuditEvent.objects.filter(user_id=user.pk, action="auth.login").get()
    assert login.client_address == OWNER
