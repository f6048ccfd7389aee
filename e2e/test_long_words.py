"""A long unbroken word wraps on the page instead of widening it.

A walk withdrew a step 3 statement with a reason of 12,000 characters without a space: the
page became 65,000 pixels wide, and everything after it had to be found by scrolling sideways.
Pasted links, social-media handles and typed rows of characters are what real texts hold, so
every page of a case keeps its width whatever the case says.
"""

from __future__ import annotations

import pytest

from e2e import api as setup
from e2e.test_defects_16 import youth

pytestmark = pytest.mark.display  # what the browser shows: e2e/conftest.py

WORD = "https://voorbeeld.nl/" + "abcdefghij" * 40  # no place to break but its slashes


def test_a_long_word_in_a_signal_wraps_on_every_page_that_shows_it(api, signed_in):
    mentor_api = api("mentor")
    case = setup.open_case(mentor_api, youth("Lotte"))
    setup.add_signal(mentor_api, case, f"Ze deelde {WORD} in de klasgroep.")
    mentor = signed_in("mentor")
    page = mentor.page
    for path in ("", "stap-1/", "dossier/"):
        mentor.visit(f"/casussen/{case['id']}/{path}")
        if path:  # the case page shows no signal texts
            assert page.get_by_text("abcdefghij", exact=False).first.is_visible()
        wide = page.evaluate("document.documentElement.scrollWidth")
        seen = page.evaluate("document.documentElement.clientWidth")
        assert wide <= seen, f"{path or 'casus'}: {wide} px wide in a window of {seen} px"
