"""An automatic sign-out loses nothing that was typed (static/deelwijzer/session.js).

The browser's clock is Playwright's (``page.clock``); the server's passing time is the
session's own record of when it was signed in and last used, set back by the test, so the
server ends the session exactly as it would after that time. The server side alone is in
tests/accounts/test_session_notice.py.
"""

from __future__ import annotations

import time
from datetime import date

from playwright.sync_api import expect

from e2e import api as setup
from e2e.people import current_totp_code
from e2e.test_defects_16 import youth

TEXT = "Op woensdag zei hij in de pauze dat hij de les over democratie onzin vindt."


def _session(person):
    from django.contrib.sessions.backends.db import SessionStore

    cookie = next(c for c in person.page.context.cookies() if c["name"] == "sessionid")
    return SessionStore(session_key=cookie["value"])


def _server_time_passes(person, minutes: int) -> None:
    """As if the session was signed in and last used ``minutes`` earlier than it was."""
    from deelwijzer.accounts import sessions

    session = _session(person)
    for key in (sessions.LOGIN_AT, sessions.SEEN_AT):
        session[key] = session[key] - minutes * 60
    session.save()


def _seen_ago(person) -> float:
    from deelwijzer.accounts import sessions

    return time.time() - _session(person)[sessions.SEEN_AT]


def _sign_in_from_the_notice(page, username: str) -> None:
    """Follow the notice's link (a new tab), sign in there with both factors, close the tab."""
    from deelwijzer.devdata.demo import DEMO_PASSWORD

    ended = page.locator("#sessie [data-panel='ended']")
    with page.context.expect_page() as opened:
        ended.get_by_role("link", name="Log opnieuw in (in een nieuw tabblad)").click()
    tab = opened.value
    tab.wait_for_load_state()
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(DEMO_PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Inloggen").click()
    tab.locator("#id_code").fill(current_totp_code(username))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Inloggen").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Je bent weer ingelogd")
    tab.close()


def _step_1(person, case) -> None:
    person.page.clock.install()
    person.visit(f"/casussen/{case['id']}/stap-1/")


def _typed_then_away(sign_in, api, first_name: str, *, text: str = TEXT):
    """The mentor types a signal on step 1 of a new case (``text``: none when empty), then is
    away for 31 minutes: the server ends the session, and the page shows that it ended."""
    case = setup.open_case(api("mentor"), youth(first_name))
    mentor = sign_in("mentor")
    page = mentor.page
    _step_1(mentor, case)
    if text:
        page.get_by_label("Wanneer zag of hoorde je het?").fill(date.today().isoformat())
        page.locator("#id_signal-text").fill(text)
    _server_time_passes(mentor, 31)
    page.clock.fast_forward("31:00")
    expect(page.locator("#sessie [data-panel='ended']")).to_be_visible()
    return case, mentor, page


def test_a_warning_before_the_end_and_typing_keeps_the_session(sign_in, api):
    case = setup.open_case(api("mentor"), youth("Daan"))
    mentor = sign_in("mentor")
    page = mentor.page
    _step_1(mentor, case)
    notice = page.locator("#sessie")
    expect(notice).to_be_hidden()

    _server_time_passes(mentor, 26)
    page.clock.fast_forward("26:00")
    warning = notice.locator("[data-panel='warning']")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("automatisch uitgelogd")
    expect(warning).to_contain_text("Wat je dan nog niet hebt opgeslagen, gaat verloren.")
    mentor.seen()  # axe, with the notice shown
    page.get_by_role("button", name="Ingelogd blijven").click()
    expect(notice).to_be_hidden()
    assert _seen_ago(mentor) < 60

    # Typing for a while without saving is use: the session goes on without a warning.
    _server_time_passes(mentor, 10)
    page.clock.fast_forward("06:00")
    with page.expect_response(lambda r: r.url.endswith("/sessie/") and r.request.method == "POST"):
        page.locator("#id_signal-text").press_sequentially("Op")
    assert _seen_ago(mentor) < 60
    expect(notice).to_be_hidden()
    assert not mentor.console_errors, mentor.console_errors


def test_what_was_typed_stays_and_is_saved_after_signing_in_again(sign_in, api):
    # Away from the desk for 31 minutes: the server ends the session, the page says so.
    case, mentor, page = _typed_then_away(sign_in, api, "Mila")
    ended = page.locator("#sessie [data-panel='ended']")
    expect(ended).to_contain_text("Je bent uitgelogd.")
    mentor.seen()

    # Pressing the button sends nothing: the page and what was typed stay.
    url = page.url
    page.get_by_role("button", name="Vastleggen").first.click()
    expect(page.locator("#sessie")).to_be_focused()
    assert page.url == url
    expect(page.locator("#id_signal-text")).to_have_value(TEXT)

    # Signing in again in the new tab the notice opens ...
    _sign_in_from_the_notice(page, "mentor")

    # ... and back here, the same button saves it (with the new sign-in's CSRF token).
    page.bring_to_front()
    with page.expect_navigation():
        page.get_by_role("button", name="Vastleggen").first.click()
    mentor.seen()
    expect(page.locator("main")).to_contain_text(TEXT)
    signals = api("mentor").get(f"/cases/{case['id']}/signals")
    assert [s["text"] for s in signals["items"]] == [TEXT]
    # the only errors the browser reported: the server's "not signed in" (401) to the page's
    # questions while the session was over
    assert all("status of 401" in e for e in mentor.console_errors), mentor.console_errors


def test_nothing_is_sent_when_someone_else_signed_in_meanwhile(sign_in, api):
    """A shared computer: the mentor walked away, a colleague signed in in another tab. The
    mentor's page must not send its text under the colleague's name."""
    case, mentor, page = _typed_then_away(sign_in, api, "Sem")

    _sign_in_from_the_notice(page, "collega")
    page.bring_to_front()
    url = page.url
    page.get_by_role("button", name="Vastleggen").first.click()
    other = page.locator("#sessie [data-panel='other']")
    expect(other).to_be_visible()
    expect(other).to_contain_text("Er is nu iemand anders ingelogd in deze browser.")
    expect(page.locator("#sessie")).to_be_focused()
    assert page.url == url
    expect(page.locator("#id_signal-text")).to_have_value(TEXT)
    mentor.seen()
    assert api("mentor").get(f"/cases/{case['id']}/signals")["items"] == []


def test_the_notice_covers_no_field_that_gets_the_focus(sign_in, api):
    """The notice stays in view at the bottom: a field tabbed to must scroll clear of it."""
    _case, _mentor, page = _typed_then_away(sign_in, api, "Jip", text="")
    page.evaluate("window.scrollTo(0, 0)")
    covered = []
    for _ in range(60):
        page.keyboard.press("Tab")
        covered += page.evaluate(
            """() => {
              const field = document.activeElement, notice = document.getElementById("sessie");
              if (!field || field === document.body || notice.contains(field)) return [];
              const a = field.getBoundingClientRect(), b = notice.getBoundingClientRect();
              return a.bottom > b.top && a.top < b.bottom ? [field.id || field.textContent] : [];
            }"""
        )
    assert covered == []
