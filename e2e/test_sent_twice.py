"""A form pressed twice is sent once, in a real browser (the interruptions walk).

The server is slowed down after each form's work (as a busy server or a slow connection), and
the button is pressed twice with the mouse, 300 ms apart. With JavaScript the second press
sends nothing (static/deelwijzer/sending.js) and the button says it is busy; without it the
browser does send the form twice, and the server answers the second post with the first one's
result (ui/once.py). Either way one signal, one disclosure."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from playwright.sync_api import expect

from e2e import api as setup
from e2e.test_defects_16 import decided_case, youth

TEXT = "Op dinsdag vertelde hij in de pauze dat hij een filmpje over een aanslag had bewaard."
AGAIN = "Dit formulier had je al verstuurd"


@pytest.fixture
def slow_server(monkeypatch):
    """Each form's answer comes two seconds after its work is done (a busy server, a slow
    connection)."""
    from deelwijzer.ui.refusals import RefusedFormMiddleware

    original = RefusedFormMiddleware.__call__

    def slow(self, request):
        response = original(self, request)
        if request.method == "POST" and not request.headers.get("HX-Request"):
            time.sleep(2.0)
        return response

    monkeypatch.setattr(RefusedFormMiddleware, "__call__", slow)


def _press_twice(page, name: str) -> None:
    """Two real clicks on the button, 300 ms apart, while the first is under way."""
    button = page.get_by_role("button", name=name, exact=True).first
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


BUSY_RECORDER = """
new MutationObserver(() => {
  const line = document.querySelector(".sending-status");
  if (line) {
    const button = line.previousElementSibling;
    sessionStorage.setItem("busy", line.textContent + "|" + button.getAttribute("aria-disabled"));
  }
}).observe(document, {subtree: true, childList: true});
"""


def _posts(page) -> list[str]:
    """The form posts the browser sends from now on (live checks left out)."""
    sent: list[str] = []

    def note(request) -> None:
        if request.method == "POST" and not request.headers.get("hx-request"):
            sent.append(request.url)

    page.on("request", note)
    return sent


def _signals(case: dict) -> int:
    from deelwijzer.signalling.models import Signal

    return Signal.objects.filter(case__public_id=case["id"], is_current=True).count()


def _fill_signal(page) -> None:
    page.get_by_label("Wanneer zag of hoorde je het?").fill(date.today().isoformat())
    page.locator("#id_signal-text").fill(TEXT)


def test_with_javascript_the_second_press_sends_nothing(sign_in, api, slow_server):
    case = setup.open_case(api("mentor"), youth("Sem"))
    mentor = sign_in("mentor")
    page = mentor.page
    # what the page showed while it waited (the browser's tools wait for the next page)
    page.add_init_script(BUSY_RECORDER)
    mentor.visit(f"/casussen/{case['id']}/stap-1/")
    _fill_signal(page)
    posts = _posts(page)
    _press_twice(page, "Vastleggen")
    expect(page.locator("#s1")).to_contain_text(TEXT)
    mentor.seen()
    assert page.evaluate("sessionStorage.getItem('busy')") == "Wordt verstuurd…|true"
    assert _signals(case) == 1
    assert len(posts) == 1, posts
    expect(page.get_by_text(AGAIN)).to_have_count(0)  # nothing was sent twice to say so of


def test_without_javascript_the_server_handles_the_second_post_once(sign_in, api, slow_server):
    case = setup.open_case(api("mentor"), youth("Fenna"))
    mentor = sign_in("mentor", javascript=False)
    page = mentor.page
    mentor.visit(f"/casussen/{case['id']}/stap-1/")
    _fill_signal(page)
    posts = _posts(page)
    _press_twice(page, "Vastleggen")
    expect(page.get_by_text(AGAIN)).to_be_visible(timeout=30_000)
    mentor.seen(shot="tweemaal-zonder-js")
    expect(page.locator("#s1")).to_contain_text(TEXT)
    assert len(posts) == 2, posts  # the browser sent it twice
    assert _signals(case) == 1


def _fill_share(person, case: dict) -> None:
    """Step 6 filled in for the police, checked and ready for Delen en vastleggen."""
    page = person.page
    person.visit(f"/casussen/{case['id']}/stap-6/")
    police = page.locator("#id_contact option", has_text="Wijkagent Noord").get_attribute("value")
    page.get_by_label("Ontvanger", exact=True).select_option(value=police)
    row = page.locator("fieldset.share-item", has=page.locator("#id_item_s1"))
    row.locator("#id_item_s1").check()
    row.locator("#id_purpose_s1").fill("Laat zien wat ze in de les zei.")
    page.get_by_label("Wat jij doet (R6.4)").fill("De mentor blijft met haar in gesprek.")
    page.get_by_label("Wat de ontvanger doet (R6.4)").fill("De wijkagent spreekt haar aan.")
    page.locator("#id_feedback_possible").get_by_label("Nee").check()
    person.click_button("Controleren")


def _shared(case: dict) -> tuple[int, int]:
    from deelwijzer.disclosures.models import Delivery, Disclosure

    shared = Disclosure.objects.filter(case__public_id=case["id"])
    return shared.count(), Delivery.objects.filter(disclosure__in=shared).count()


def test_sharing_pressed_twice_shares_once(signed_in, api, slow_server):
    case = decided_case(api, youth("Isa"))
    mentor = signed_in("mentor")
    page = mentor.page
    _fill_share(mentor, case)
    # the check's result has the focus, not the top of the page 45 Tabs up (the keyboard walk)
    expect(page.locator("section[aria-labelledby=controle]")).to_be_focused()
    page.get_by_label("Ik heb nagelezen wat er uitgaat", exact=False).check()
    _press_twice(page, "Delen en vastleggen")
    expect(page.get_by_role("link", name="Deeldocument x1 downloaden", exact=False)).to_be_visible(
        timeout=30_000
    )
    mentor.seen()
    count, deliveries = _shared(case)
    assert count == 1 and deliveries <= 1


def test_sharing_pressed_twice_without_javascript_keeps_the_code(sign_in, api, slow_server):
    """Without JavaScript the browser sends Delen twice and shows the second answer. The code
    to read out to the recipient (shown once) must be on it: the second post had read the
    session before the first one saved the code (the re-walk)."""
    from deelwijzer.organisations.models import Organisation

    case = decided_case(api, youth("Lotte"))
    mentor = sign_in("mentor", javascript=False)
    page = mentor.page
    _fill_share(mentor, case)
    page.get_by_label("Ik heb nagelezen wat er uitgaat", exact=False).check()
    posts = _posts(page)
    _press_twice(page, "Delen en vastleggen")
    expect(page.get_by_text(AGAIN)).to_be_visible(timeout=30_000)
    mentor.seen(shot="delen-tweemaal-zonder-js")
    assert len(posts) == 2, posts  # the browser sent it twice
    channel = Organisation.objects.get(cases__public_id=case["id"]).delivery_code_channel
    assert channel == "phone"  # the demo organisation reads the code out by phone
    code = page.locator(".delivery-code")
    expect(code).to_be_visible()
    expect(code).to_have_text(re.compile(r"^\d{4} \d{4}$"))
    assert _shared(case) == (1, 1)


def test_back_after_a_success_and_pressing_again_asks_first(sign_in, api):
    """Back after Vastleggen: the browser puts the text back in a fresh page, and the button
    would record it a second time. The server asks first, and both ways go on."""
    case = setup.open_case(api("mentor"), youth("Jip"))
    mentor = sign_in("mentor")
    page = mentor.page
    mentor.visit(f"/casussen/{case['id']}/stap-1/")
    _fill_signal(page)
    mentor.click_button("Vastleggen", within="form[action$='/signalen/']")
    expect(page.locator("#s1")).to_contain_text(TEXT)
    page.go_back()
    expect(page.locator("#id_signal-text")).to_have_value(TEXT)  # put back by the browser
    mentor.click_button("Vastleggen", within="form[action$='/signalen/']", shot="nogmaals-vragen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit heb je net al verstuurd")
    assert _signals(case) == 1
    shown = page.get_by_role("link", name="Bekijk wat toen is verwerkt")
    expect(shown).to_have_attribute("href", f"/casussen/{case['id']}/stap-1/#s1")
    mentor.click_button("Nog een keer versturen")  # meant twice: it can be
    expect(page.locator("#s2")).to_contain_text(TEXT)
    assert _signals(case) == 2
