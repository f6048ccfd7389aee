"""Issue #16 ("every form answers bad input with 4xx and keeps the input") in a real browser: a
refused form comes back as 422 (ui/refusals.py), and Chromium shows that page as any other:
the error summary focused at the top of the form, what was typed still in the fields, no
accessibility violation (Person.seen), no console error besides the 422 itself."""

from __future__ import annotations

from playwright.sync_api import expect


def test_a_refused_new_case_answers_422_and_shows_the_summary_with_the_input_kept(sign_in):
    mentor = sign_in("mentor")
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    page.get_by_label("Naam van de jongere").fill("Ilse Verzonnen")
    page.get_by_label("Geboortedatum").fill("2031-01-01")  # in the future: refused
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Casus openen", exact=True).click()
    assert navigation.value.status == 422
    mentor.seen()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary.get_by_role("link")).not_to_have_count(0)
    expect(page.get_by_label("Naam van de jongere")).to_have_value("Ilse Verzonnen")
    expect(page.get_by_label("Geboortedatum")).to_have_value("2031-01-01")
    assert not mentor.console_errors, mentor.console_errors


def test_a_correct_post_after_the_refusal_is_saved_with_a_redirect(sign_in):
    mentor = sign_in("mentor")
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    mentor.click_button("Casus openen")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.get_by_label("Naam van de jongere").fill("Ilse Verzonnen")
    page.get_by_label("Geboortedatum").fill("2011-03-04")
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Casus openen", exact=True).click()
    assert navigation.value.status == 200  # the case page, after the redirect
    assert navigation.value.request.redirected_from is not None
    expect(page.locator("[data-error-summary]")).to_have_count(0)
