"""Step 3's age rule follows the date of the talk while it is typed (HTMX), and the change is
read out: the live region stays and only its content is swapped. Before, the region itself
was replaced, and a region put in anew is not read out (the keyboard walk)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from e2e import api as setup
from e2e.test_defects_16 import youth

pytestmark = pytest.mark.display  # what the browser shows: e2e/conftest.py


def test_a_date_before_the_birthday_changes_the_rule_in_the_same_live_region(sign_in, api):
    case = setup.open_case(api("mentor"), youth("Roos", age=16))  # her birthday: 4 months ago
    mentor = sign_in("mentor")
    page = mentor.page
    mentor.visit(f"/casussen/{case['id']}/stap-3/")
    region = page.locator("#leeftijdsregel")
    expect(region.locator("[data-rule]")).to_have_attribute("data-rule", "R3.3")
    expect(region).to_have_attribute("aria-live", "polite")
    region.evaluate("el => { el.dataset.seen = 'before'; }")
    with page.expect_response(lambda r: "/stap-3/" in r.url and r.request.method == "GET"):
        page.get_by_label("Datum van het gesprek").fill(
            (date.today() - timedelta(days=200)).isoformat()
        )
        page.keyboard.press("Tab")
    expect(region.locator("[data-rule]")).to_have_attribute("data-rule", "R3.2")
    assert region.evaluate("el => el.dataset.seen") == "before"  # the same region, not a new one
    expect(page.locator("#leeftijdsregel #leeftijdsregel")).to_have_count(0)
    mentor.seen()
