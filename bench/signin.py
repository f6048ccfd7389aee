"""Sign the load test's users in, for real: password, then a TOTP code from their known key.

Talks only to the loopback address it is given. The server runs with production settings
(DEELWIJZER_SECURE=1, no proxy in front), so requests say they came over HTTPS and cookies
are kept here, not in a cookie jar that would hold Secure cookies back on plain HTTP.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from binascii import unhexlify
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from django_otp.oath import totp

from deelwijzer.devdata.seed.names import BENCH_PASSWORD, totp_key, username

CASE_LINK = re.compile(r'href="/casussen/([0-9a-f-]{36})/"')  # public ids (#17.15)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def must_be_loopback(base: str) -> None:
    host = urllib.parse.urlsplit(base).hostname or ""
    if not (host.startswith("127.") or host in {"localhost", "::1"}):
        raise SystemExit(f"bench: refusing to send load to {host!r}: loopback only")


@dataclass
class Session:
    user: str
    cookies: dict[str, str] = field(default_factory=dict)
    case_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


class Browser:
    def __init__(self, base: str, session: Session) -> None:
        must_be_loopback(base)
        self.base = base
        self.origin = "https://" + urllib.parse.urlsplit(base).netloc
        self.session = session
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.origin, "Referer": self.origin}
        if self.session.cookies:
            headers["Cookie"] = self.session.cookie_header()
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(req, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.session.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


def csrf(html: str) -> str:
    match = CSRF_FIELD.search(html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def current_code(name: str) -> str:
    return f"{totp(unhexlify(totp_key(name))):06d}"


def sign_in(base: str, name: str) -> Session:
    """Password and TOTP code; then the dashboard, for the user's case ids."""
    session = Session(name)
    browser = Browser(base, session)
    started = time.monotonic()
    _, _, html = browser.request("/inloggen/")
    status, _, _ = browser.request(
        "/inloggen/",
        {"csrfmiddlewaretoken": csrf(html), "username": name, "password": BENCH_PASSWORD},
    )
    if status != 302:
        raise RuntimeError(f"{name}: password refused ({status})")
    _, _, html = browser.request("/inloggen/code/")
    status, _, _ = browser.request(
        "/inloggen/code/", {"csrfmiddlewaretoken": csrf(html), "code": current_code(name)}
    )
    if status != 302:
        raise RuntimeError(f"{name}: two-factor code refused ({status})")
    session.seconds = time.monotonic() - started
    status, _, html = browser.request("/")
    if status != 200:
        raise RuntimeError(f"{name}: dashboard answered {status}")
    session.case_ids = sorted(set(CASE_LINK.findall(html)))
    return session


def bench_users(count: int, organisations: int, per_organisation: int) -> list[str]:
    """Up to ``count`` different professionals, spread over the organisations."""
    count = min(count, organisations * per_organisation)
    return [username(i % organisations + 1, "prof", i // organisations + 1) for i in range(count)]


def sign_in_all(base: str, names: list[str], parallel: int = 8) -> list[Session]:
    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(lambda n: sign_in(base, n), names))
