"""HTMX only enhances: with JavaScript off, signing in, opening a case and recording a signal
work as plain forms, and the language hint comes with the saved signal instead of live."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.youth import Youth

SAM = Youth(first_name="Sam", last_name="Dijkman", age=14, identifiers=("klas 1A",))


def test_without_javascript_a_signal_is_saved_and_checked_on_the_server(sign_in):
    mentor = sign_in("mentor", javascript=False)
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    page.get_by_label("Naam van de jongere").fill(SAM.name)
    page.get_by_label("Geboortedatum").fill(SAM.birth_date.isoformat())
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    mentor.click_button("Casus openen")
    mentor.follow("Stap 1: Signalen beschrijven", exact=True)

    page.get_by_label("Wanneer zag of hoorde je het?").fill(
        (date.today() - timedelta(days=1)).isoformat()
    )
    page.locator("#id_signal-text").click()
    page.keyboard.type("Hij was in de pauze erg agressief tegen een klasgenoot.")
    page.wait_for_timeout(1500)  # with JavaScript the hint would be there by now
    expect(page.locator("#taalhulp-nieuw")).to_be_empty()
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")

    expect(page.get_by_text("Het signaal is vastgelegd.")).to_be_visible()
    signal = page.locator("#s1")
    expect(signal).to_contain_text("erg agressief tegen een klasgenoot")
    expect(signal.locator(".text-hints")).to_contain_text("R1.1")
    expect(signal.locator(".text-hints mark").first).to_contain_text("agressief")
