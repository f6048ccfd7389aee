"""A real OpenID Connect provider for the tests: node-oidc-provider (oidc/provider.js) on a
free loopback port. ``npm ci`` installs it from oidc/package-lock.json when oidc/node_modules
is missing (a clean CI clone); node and npm come from the machine (Debian's nodejs)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

OIDC_DIR = Path(__file__).resolve().parent.parent / "oidc"
CLIENT_ID = "deelwijzer-test"
CLIENT_SECRET = "test-only-secret-of-the-loopback-provider"  # noqa: S105 (a test provider)


def installed() -> None:
    """``npm ci`` once (under a lock: test workers start at the same time); `make test` and
    `make e2e` have done it already."""
    with open(OIDC_DIR / ".install-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is missing: apt-get install nodejs npm")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=OIDC_DIR, check=True
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client_for(app_url: str) -> dict:
    """The client registration for a Deelwijzer served at ``app_url``."""
    app_url = app_url.rstrip("/")
    return {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{app_url}/inloggen/sso/terug/"],
        "post_logout_redirect_uris": [f"{app_url}/inloggen/"],
        "backchannel_logout_uri": f"{app_url}/inloggen/sso/uitgelogd/",
    }


@contextmanager
def running_provider(app_url: str, accounts: dict[str, dict]) -> Iterator[str]:
    """Start the provider for ``app_url``; yields its issuer URL. ``accounts``: account id ->
    {"email": …, "email_verified": …}."""
    installed()
    port = free_port()
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENTS": json.dumps([client_for(app_url)]),
        "OIDC_ACCOUNTS": json.dumps(accounts),
    }
    node = shutil.which("node") or "node"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [node, "provider.js"], cwd=OIDC_DIR, env=env, stdout=log, stderr=log
        )
        issuer = f"http://127.0.0.1:{port}"
        try:
            _wait_for(issuer, process, log)
            yield issuer
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(issuer: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the provider stopped: {log.read().decode()[-2000:]}")
        try:
            requests.get(issuer + "/.well-known/openid-configuration", timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the provider did not start in 30 seconds")


def configure(organisation, admin, issuer: str, domain: str, invite: list[str]):
    """The organisation's provider set to the test provider (its second factor trusted: amr),
    and the named accounts ``<name>@<domain>`` invited as professionals."""
    from deelwijzer.organisations.models import Role
    from deelwijzer.organisations.services import user_invite
    from deelwijzer.sso.models import MfaTrust
    from deelwijzer.sso.services import provider_configure

    provider = provider_configure(
        actor=admin,
        organisation=organisation,
        enabled=True,
        issuer=issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        allowed_domains=domain,
        mfa_trust=MfaTrust.AMR,
        acr_value="",
        limit_session=True,
    )
    for name in invite:
        user_invite(
            actor=admin,
            organisation=organisation,
            email=f"{name}@{domain}",
            first_name=name.title(),
            last_name="Werkaccount",
            roles=[Role.PROFESSIONAL],
        )
    return provider
