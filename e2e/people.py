"""A person in the browser: signs in with both factors, and every page they see is checked.

``Person.seen()`` is called on every page a scenario shows: it runs axe-core (WCAG 2.1 A and
AA rules) and fails on any violation, keeps the page's HTML for later assertions (what the
attention officer saw), and writes a screenshot to docs/img/ when E2E_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
IMG_DIR = ROOT / "docs" / "img"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()  # axe.min.js as shipped by axe-playwright-python, read from disk
CSRF_VALUE = re.compile(
    r'(csrfmiddlewaretoken" value="|X-CSRFToken(?:&quot;|"): (?:&quot;|"))[^"&]*'
)

REFUSED_FORM = re.compile(r"Failed to load resource: the server responded with a status of 422\b")


def screenshots_wanted() -> bool:
    return os.environ.get("E2E_SCREENSHOTS") == "1"


def accessibility_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line per node."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
                f"{node['target']} {node.get('failureSummary', '')!r}"
            )
    return lines


def current_totp_code(username: str) -> str:
    """The code the user's authenticator app shows now, from their device's key.

    A TOTP code is accepted once (django-otp remembers the last time step used): when this
    user already signed in during the current step, the next step's code is used, which the
    device accepts within its tolerance.
    """
    from django_otp.oath import hotp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for _ in range(3):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        now = int((time.time() - device.t0) // device.step) + device.drift
        wanted = max(now, device.last_t + 1)
        if wanted <= now + device.tolerance:
            return f"{hotp(device.bin_key, wanted, digits=device.digits):0{device.digits}d}"
        time.sleep(device.step - time.time() % device.step + 0.5)
    raise AssertionError(f"no unused two-factor code for {username}")


@dataclass
class Person:
    username: str
    page: Page
    javascript: bool = True
    photographer: bool = True  # False: this person's pages never replace docs/img/
    visited: list[tuple[str, str]] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        # Any 5xx answer to anything the page asked for (pages, HTMX, downloads) fails the
        # test: in seen() as soon as the page is looked at, and when the test ends.
        self.page.on(
            "response",
            lambda r: (
                self.server_errors.append(f"{r.status} {r.request.method} {r.url}")
                if r.status >= 500
                else None
            ),
        )

    def _console(self, msg) -> None:
        # A refused form answers 422 on purpose (ui/refusals.py); Chromium reports every 4xx
        # document as "Failed to load resource". Only that one is expected, nothing else.
        if msg.type == "error" and not REFUSED_FORM.match(msg.text):
            self.console_errors.append(msg.text)

    # -- signing in ---------------------------------------------------------------------
    def sign_in(self) -> None:
        from deelwijzer.devdata.demo import DEMO_PASSWORD

        self.visit("/inloggen/", shot="inloggen")
        self.page.locator("#id_username").fill(self.username)
        self.page.locator("#id_password").fill(DEMO_PASSWORD)
        self.click_button("Inloggen", shot="inloggen-code")
        expect(self.page.get_by_role("heading", name="Code invullen")).to_be_visible()
        self.page.locator("#id_code").fill(current_totp_code(self.username))
        self.click_button("Inloggen")
        expect(self.page.get_by_role("button", name="Uitloggen")).to_be_visible()

    # -- moving around ------------------------------------------------------------------
    def visit(self, path: str, **shot) -> None:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.seen(**shot)

    def follow(self, link_text: str, *, exact: bool = False, **shot) -> None:
        """Follow a link and wait for the page it leads to (a place on this page: the click
        alone). Not wait_for_load_state after the click: it can answer for the page still
        shown, and the next step then acts on it mid-navigation (CI, 2026-12-04)."""
        link = self.page.get_by_role("link", name=link_text, exact=exact).first
        if (link.get_attribute("href") or "").startswith("#"):
            link.click()
        else:
            with self.page.expect_navigation():
                link.click()
        self.seen(**shot)

    def click_button(
        self, name: str, *, within: str | None = None, exact: bool = True, **shot
    ) -> None:
        """Press a submit button (inside ``within``, a CSS selector) and check the next page."""
        scope = self.page.locator(within) if within else self.page
        with self.page.expect_navigation():
            scope.get_by_role("button", name=name, exact=exact).click()
        self.seen(**shot)

    def seen(self, *, shot: str | None = None, part: str | None = None) -> None:
        """The page as the person sees it now: accessible, remembered, maybe photographed
        (``shot`` names the picture; ``part`` is a CSS selector to photograph alone)."""
        self.page.wait_for_load_state()
        assert not self.server_errors, self.server_errors
        html = self.page.content()
        self.visited.append((self.page.url, html))
        if self.javascript:
            violations = accessibility_violations(self.page)
            assert not violations, f"{self.page.url}:\n" + "\n".join(violations)
        if shot and self.photographer and screenshots_wanted():
            self.screenshot(shot, part)

    def screenshot(self, name: str, part: str | None = None) -> None:
        IMG_DIR.mkdir(parents=True, exist_ok=True)
        # caret="initial": hiding the caret would inject an inline style, which the app's CSP
        # refuses and reports on the console.
        options = {"path": str(IMG_DIR / f"{name}.png"), "caret": "initial"}
        if part:
            self.page.locator(part).first.screenshot(**options)
        else:
            self.page.evaluate("window.scrollTo(0, 0)")
            self.page.screenshot(**options)

    # -- what they saw ------------------------------------------------------------------
    def everything_seen(self) -> str:
        """All HTML of every page seen, without the CSRF tokens (random strings)."""
        return "\n".join(CSRF_VALUE.sub(r"\1", html) for _url, html in self.visited)

    # -- the keyboard ---------------------------------------------------------------------
    def tab_to(self, selector: str, *, limit: int = 80) -> None:
        """Press Tab until the element matching ``selector`` has the focus."""
        target = self.page.locator(selector)
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if target.evaluate("el => el === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {selector}")
