"""Production settings pass Django's deployment check (ASVS V14.1/V3.4: hardened configuration,
Secure/HttpOnly/SameSite cookies, HSTS; BIO 12.6.1). Local http keeps working without
DEELWIJZER_SECURE, and then the same check does complain: it is not silenced.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import deelwijzer

SRC = str(Path(deelwijzer.__file__).resolve().parent.parent)  # the code under test

PRODUCTION = {
    "DEELWIJZER_SECURE": "1",
    "ALLOWED_HOSTS": "deelwijzer.example.nl",
}


def deploy_check(tmp_path, **overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEELWIJZER_")}
    env.pop("SECRET_KEY", None)
    env.update(DEELWIJZER_VAR_DIR=str(tmp_path), PYTHONPATH=SRC, **overrides)
    return subprocess.run(
        [sys.executable, "-m", "deelwijzer.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    done = deploy_check(tmp_path, SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"DEELWIJZER_SECURE": "0"}, "security.W004"),  # no HSTS on plain http
        ({"SECRET_KEY": "kort"}, "security.W009"),
        ({"DEELWIJZER_DEBUG": "1"}, "security.W018"),
    ],
)
def test_the_check_still_catches_an_unsafe_setting(tmp_path, overrides, warning):
    env = {"SECRET_KEY": secrets.token_urlsafe(50), **PRODUCTION, **overrides}
    done = deploy_check(tmp_path, **env)
    assert done.returncode != 0
    assert warning in done.stderr + done.stdout


def test_local_http_without_secure_sends_no_redirect(tmp_path):
    """`make run` serves plain http: no SSL redirect and no Secure-only session cookie."""
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEELWIJZER_")}
    env.update(
        DEELWIJZER_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="deelwijzer.settings",
        PYTHONPATH=SRC,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[false, false, 0, true]"
