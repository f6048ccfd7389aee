"""HTTP smoke test against a running server with production settings (used by .ci/run).

Signs in with a password and a two-factor code, opens the demo case and reads it. Talks only
to the address given (127.0.0.1). The server runs with DEELWIJZER_SECURE=1 behind no proxy, so
requests say they came over HTTPS (X-Forwarded-Proto) and cookies are handled here, not by a
cookie jar that would hold Secure cookies back on plain HTTP.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.origin = "https://" + urllib.parse.urlsplit(base).netloc
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict | None = None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, response.read().decode("utf-8", "replace")


def csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise SystemExit("smoke: no CSRF token on the page")
    return match.group(1)


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"smoke: FAILED: {what}")
    print(f"smoke: ok: {what}")


def main(base: str, deelwijzer: str) -> int:
    b = Browser(base)
    status, headers, _ = b.request("/")
    expect(status == 302 and "/inloggen/" in headers["Location"], "anonymous is sent to log in")
    status, headers, html = b.request("/inloggen/")
    expect(
        status == 200 and "script-src 'self'" in headers.get("Content-Security-Policy", ""),
        "log-in page with a Content-Security-Policy",
    )
    expect("max-age" in headers.get("Strict-Transport-Security", ""), "HSTS header")
    status, headers, _ = b.request(
        "/inloggen/",
        {
            "csrfmiddlewaretoken": csrf(html),
            "username": "mentor",
            "password": "demo-Deelwijzer-2026",
        },
    )
    expect(status == 302, "password accepted")
    status, headers, _ = b.request("/")
    expect(
        status == 302 and "/inloggen/code/" in headers["Location"],
        "a password alone reaches only the two-factor step",
    )
    _, _, html = b.request("/inloggen/code/")
    code = (
        subprocess.run(
            [deelwijzer, "demo-code", "mentor"], capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .split()[-1]
    )
    status, _, _ = b.request("/inloggen/code/", {"csrfmiddlewaretoken": csrf(html), "code": code})
    expect(status == 302, "two-factor code accepted")
    status, headers, html = b.request("/")
    expect(status == 200 and "J-DEMO" in html, "dashboard lists the demo case")
    expect(headers.get("Cache-Control") == "no-store", "no-store on a signed-in page")
    found = re.search(r'href="(/casussen/[0-9a-f-]{36}/)"', html)
    expect(found is not None, "dashboard links the case by its public id")
    case_path = found.group(1)
    status, _, html = b.request(case_path)
    expect(status == 200 and "Sami de Groot" in html, "case page read with identity")
    status, _, html = b.request(case_path + "stap-1/")
    expect(status == 200 and "Stap 1" in html, "step 1 page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
