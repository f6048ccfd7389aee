"""Issue #16.7 and #16.8 in a real browser: a failed post puts the focus on the error summary
at the top of the form, however far down the page (step 1); its links lead to the fields;
home pages show what waits, with the count in the menu. Every page passes axe (Person.seen)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from e2e import api as setup
from e2e.people import Person
from e2e.test_defects_16 import youth
from e2e.youth import Youth

NOOR = Youth(first_name="Noor", last_name="Hendriks", age=15, identifiers=("klas 3C",))
SEM = Youth(first_name="Sem", last_name="Hendriks", age=14, identifiers=("klas 2A",))
SHOTS = os.environ.get("E2E_SHOT_DIR")  # screenshots to look at, when set


def shot(person: Person, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        person.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), caret="initial")


def focused_summary(person: Person):
    summary = person.page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    return summary


def open_case_after_a_failed_try(mentor: Person, young: Youth = NOOR) -> str:
    """A new case for ``young`` (each test its own: the same details again within a quarter
    of an hour are asked about first, ui/once.py), opened after a refused first try."""
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    page.get_by_label("Geboortedatum").fill("2031-01-01")  # in the future
    mentor.click_button("Casus openen")
    summary = focused_summary(mentor)
    # all at once: the name, the date and the role, each a link to its field
    expect(summary.locator("a")).to_have_count(3)
    shot(mentor, "fouten-casus-nieuw")
    summary.get_by_role("link", name=re.compile("^Naam van de jongere")).click()
    expect(page.get_by_label("Naam van de jongere")).to_be_focused()
    page.get_by_label("Naam van de jongere").fill(young.name)
    page.get_by_label("Geboortedatum").fill(young.birth_date.isoformat())
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    mentor.click_button("Casus openen")
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    return page.url


def test_a_failed_post_on_a_long_page_focuses_the_summary_above_the_form(sign_in):
    mentor = sign_in("mentor")
    case_url = open_case_after_a_failed_try(mentor)
    page = mentor.page
    mentor.visit(case_url + "stap-1/")
    page.locator("#id_signal-text").fill("")
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")
    summary = focused_summary(mentor)
    assert page.evaluate("window.scrollY") > 300, "the summary is far down the page"
    form = page.locator("#signaal-toevoegen form")
    summary_box, form_box = summary.bounding_box(), form.bounding_box()
    assert summary_box["y"] < form_box["y"], "the summary stands above the form"
    expect(summary.locator("a")).to_have_count(2)  # the date and the text, both at once
    shot(mentor, "fouten-stap1")
    summary.get_by_role("link", name=re.compile("^Wat zag of hoorde je")).click()
    expect(page.locator("#id_signal-text")).to_be_focused()
    assert not mentor.console_errors, mentor.console_errors


def test_without_javascript_the_summary_still_stands_above_the_form(sign_in):
    mentor = sign_in("mentor", javascript=False)
    mentor.follow("Nieuwe casus openen")
    mentor.click_button("Casus openen")
    html = mentor.page.content()
    assert html.index("data-error-summary") < html.index('id="id_name"')
    assert 'href="#id_name"' in html


def test_home_pages_show_what_waits_with_the_count_in_the_menu(sign_in):
    mentor = sign_in("mentor")
    case_url = open_case_after_a_failed_try(mentor, SEM)
    mentor.visit(case_url + "stap-1/")
    page = mentor.page
    page.get_by_label("Wanneer zag of hoorde je het?").fill("2026-01-05")
    page.locator("#id_signal-text").fill("Op 5 januari zei hij in de les dat hij wil vechten.")
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")
    mentor.visit(case_url + "stap-2/")
    mentor.follow("Nieuwe adviesvraag opstellen")
    page.get_by_label(re.compile(r"^\s*s1\b")).check()
    page.get_by_label("Je vraag aan de adviseur").fill("Kunnen deze signalen iets betekenen?")
    page.get_by_role("radio", name="De aandachtsfunctionaris radicalisering").check()
    mentor.click_button("Verder: tekst controleren")
    mentor.click_button("Versturen")
    expect(page.locator("#a1")).to_contain_text("Wacht op het antwoord")

    officer = sign_in("aandacht")
    officer.visit("/")
    waiting = officer.page.locator("#wacht-adviesvragen")
    expect(waiting).to_contain_text("Adviesvragen die op je antwoord wachten")
    count = officer.page.locator("nav .count").first
    expect(count).to_be_visible()
    assert int(re.match(r"\d+", count.inner_text()).group()) >= 1
    expect(officer.page.get_by_text("Er staat nu niets voor je klaar")).to_have_count(0)
    shot(officer, "startpagina-aandachtsfunctionaris")
    officer.follow("Meldingen", exact=True)
    officer.page.get_by_label("Nee, ik kijk zelf in Deelwijzer").check()
    officer.click_button("Opslaan")
    expect(officer.page.get_by_text("je krijgt geen e-mails meer")).to_be_visible()
    shot(officer, "meldingen")
    officer.page.get_by_label("Ja, stuur me een e-mail").check()
    officer.click_button("Opslaan")


def test_the_summary_keeps_the_focus_when_the_address_has_a_place_in_it(sign_in, api):
    """A walk with the keyboard: after the skip link ("Naar de inhoud", #inhoud) or on a form
    whose address ends in #sluiten, the browser's jump to that place took the focus from the
    summary, so a screen reader read none of the errors."""
    mentor = sign_in("mentor")
    page = mentor.page
    mentor.visit("/casussen/nieuw/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    # waits for the jump: read at once, the address could still be the one before (CI, 19:40)
    expect(page).to_have_url(re.compile(r"#inhoud$"))
    mentor.click_button("Casus openen")
    focused_summary(mentor)

    case = setup.open_case(api("mentor"), youth("Ravi"))
    mentor.visit(f"/casussen/{case['id']}/")
    close = page.get_by_role("button", name="Casus sluiten")
    assert close.evaluate("b => b.form.action").endswith("#sluiten")
    mentor.click_button("Casus sluiten")
    focused_summary(mentor)
