"""#17.11: in secure mode the cookies carry the __Host- prefix (ASVS 5.0 V3.3.1) and signing
in still works with them, CSRF check included; every response has a Permissions-Policy."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.accounts.helpers import authenticator, current_code
from tests.personas import PASSWORD

# What settings.py sets with DEELWIJZER_SECURE=1 (tests/test_deploy_check.py checks that).
SECURE_COOKIES = {
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}
SAME_SITE = {"secure": True, "headers": {"Referer": "https://testserver/inloggen/"}}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _token(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


@override_settings(**SECURE_COOKIES)
def test_sign_in_works_with_host_prefixed_cookies(personas):
    device = authenticator(personas.professional)
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    response = client.post(
        reverse("login"),
        {"username": "prof", "password": PASSWORD, "csrfmiddlewaretoken": _token(page)},
        **SAME_SITE,
    )
    assert response.status_code == 302, response.content[:300]
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["path"] == "/" and not session["domain"]
    code_page = client.get(response["Location"], secure=True)
    done = client.post(
        response["Location"],
        {"code": current_code(device), "csrfmiddlewaretoken": _token(code_page)},
        **SAME_SITE,
    )
    assert done.status_code == 302
    home = client.get(done["Location"], secure=True)
    assert home.status_code == 200
    assert not any(not name.startswith("__Host-") for name in client.cookies)


@pytest.mark.parametrize("name", ["login", "healthz"])
def test_every_response_has_a_permissions_policy(db, name):
    response = Client().get(reverse(name))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
