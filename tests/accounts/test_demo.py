"""The demo stays usable with two factors; its fixed key belongs to the demo only."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.devdata.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, DEMO_USERS
from tests.accounts.helpers import post_code


def test_demo_accounts_sign_in_with_the_printed_code(db):
    """ASVS 5.0 V6.3.3: demo accounts also need the second factor; the printed log-ins work."""
    out = StringIO()
    call_command("demo", stdout=out)
    assert "demo-code" in out.getvalue()
    for username, *_ in DEMO_USERS:
        client = Client()
        client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert client.get(reverse("dashboard")).status_code == 302
        code = StringIO()
        call_command("demo_code", username, stdout=code)
        response = post_code(client, code.getvalue().strip())
        assert response["Location"] == reverse("dashboard"), username
        assert client.get(reverse("dashboard")).status_code == 200


def test_the_demo_key_is_refused_outside_the_demo(personas):
    """ASVS 5.0 V6.3.2 (no default accounts): real accounts never get the demo key."""
    with pytest.raises(CommandError):
        call_command("demo_code", personas.professional.username, stdout=StringIO())
    assert not TOTPDevice.objects.filter(key=DEMO_TOTP_KEY).exists()
