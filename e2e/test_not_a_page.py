"""A form's address opened as a page (a bookmark, a restored tab): not a blank page, but what it
is and a way back, accessible (tests/web/test_405_page.py has the other addresses)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e import api as setup
from e2e.test_defects_16 import youth

pytestmark = pytest.mark.display  # what the browser shows: e2e/conftest.py


def test_a_case_forms_address_says_what_it_is_and_leads_back_to_the_case(signed_in, api):
    case = setup.open_case(api("mentor"), youth("Noor"))
    mentor = signed_in("mentor")
    page = mentor.page
    response = page.goto(f"/casussen/{case['id']}/sluiten/")
    assert response is not None and response.status == 405
    mentor.seen()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit adres is geen pagina")
    mentor.follow("Naar de casus")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casus")
