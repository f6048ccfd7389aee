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
from deelwijzer.crypto import new_key_line

SRC = str(Path(deelwijzer.__file__).resolve().parent.parent)  # the code under test

PRODUCTION = {
    "DEELWIJZER_SECURE": "1",
    "ALLOWED_HOSTS": "deelwijzer.example.nl",
    "DEELWIJZER_SITE_URL": "https://deelwijzer.example.nl",
    "DEELWIJZER_KEYS": new_key_line(),
    "DEELWIJZER_AUDIT_KEYS": new_key_line(),
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
        # the operator walk: links in e-mails went to the default http://127.0.0.1:8000
        ({"DEELWIJZER_SITE_URL": ""}, "deelwijzer.W040"),
        ({"DEELWIJZER_SITE_URL": "https://localhost"}, "deelwijzer.W040"),
        ({"DEELWIJZER_SITE_URL": "http://deelwijzer.example.nl"}, "deelwijzer.W040"),
        ({"DEELWIJZER_SITE_URL": "https://andere.example.nl"}, "deelwijzer.W040"),
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


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DEELWIJZER_KEYS", "DEELWIJZER_AUDIT_KEYS"])
def test_secure_mode_without_a_key_stops_and_names_the_variable(tmp_path, missing):
    """#17.10: no key is generated next to the data in secure mode; the start stops instead.
    The audit key too (the operator walk: it was made in the installed package's folder,
    which a reinstall wipes, and no check said so)."""
    env = {"SECRET_KEY": secrets.token_urlsafe(50), **PRODUCTION}
    del env[missing]
    done = deploy_check(tmp_path, **env)
    assert done.returncode == 2
    assert missing in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no secret_key, no encryption_keys


def test_secure_mode_with_a_key_file_passes(tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text(new_key_line() + "\n")
    key_file.chmod(0o600)
    env = {
        **PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEELWIJZER_KEY_FILE": str(key_file),
    }
    del env["DEELWIJZER_KEYS"]
    done = deploy_check(tmp_path, **env)
    assert done.returncode == 0, done.stdout + done.stderr


def _settings_in(tmp_path, code: str, **overrides: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEELWIJZER_")}
    env.update(
        DEELWIJZER_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="deelwijzer.settings",
        PYTHONPATH=SRC,
        **overrides,
    )
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_secure_mode_cookies_carry_the_host_prefix(tmp_path):
    """#17.11, ASVS 5.0 V3.3.1: __Host- cookies over HTTPS; plain local http keeps the names."""
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN, s.MESSAGE_STORAGE)"
    )
    secure = _settings_in(tmp_path, code, SECRET_KEY=secrets.token_urlsafe(50), **PRODUCTION)
    assert secure.split()[:6] == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "/",
        "None",
    ]
    assert secure.endswith("SessionStorage")  # no separate messages cookie
    assert _settings_in(tmp_path, code).split()[:2] == ["sessionid", "csrftoken"]
