"""Correcting a conversation in the browser (issue #18: the correction page is the
versioned-entry kit's, in the step 3 frame). A refused correction answers 422 with what was
typed kept and the reason on the page; an accepted one makes version 2 and keeps version 1
visible. Every page passes axe (Person.seen) and any 5xx answer fails the test."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from e2e import api as setup
from e2e.youth import Youth


def test_a_refused_correction_keeps_the_input_and_an_accepted_one_makes_version_2(signed_in, api):
    young = Youth(
        first_name="Noor",
        last_name="Bakker",
        age=15,
        identifiers=("klas 3C",),
        guardians=(("Ilse Bakker", "moeder"),),
    )
    mentor_api = api("mentor")
    case = setup.open_case(mentor_api, young)
    setup.conversation(mentor_api, case, reaction="Eerste versie van haar reactie.")
    mentor = signed_in("mentor")
    page = mentor.page
    mentor.visit(f"/casussen/{case['id']}/stap-3/")
    mentor.follow(re.compile("^Corrigeren"))
    expect(
        page.get_by_role("heading", name="Stap 3: Gesprek met jongere en/of ouders")
    ).to_be_visible()
    expect(page.locator("#versies-kop")).to_contain_text("Gesprek c1")
    reaction = page.get_by_label(re.compile("^De reactie van de jongere"))
    expect(reaction).to_have_value("Eerste versie van haar reactie.")

    # Refused: the date left empty. The page answers 422, keeps the text, names the field.
    page.get_by_label("Datum van het gesprek").fill("")
    reaction.fill("Tweede versie, nog zonder datum.")
    page.get_by_label("Wat corrigeer je en waarom?").fill("Haar woorden preciezer.")
    with page.expect_navigation() as answer:
        page.get_by_role("button", name="Correctie vastleggen").click()
    assert answer.value is not None and answer.value.status == 422
    mentor.seen()
    expect(page.locator(".error-summary")).to_contain_text("Vul de datum van het gesprek in.")
    expect(page.get_by_label(re.compile("^De reactie van de jongere"))).to_have_value(
        "Tweede versie, nog zonder datum."
    )

    # Accepted: version 2, with version 1 still on the page.
    page.get_by_label("Datum van het gesprek").fill(date.today().isoformat())
    page.get_by_label(re.compile("^De reactie van de jongere")).fill("Tweede versie.")
    page.get_by_label("Wat corrigeer je en waarom?").fill("Haar woorden preciezer.")
    mentor.click_button("Correctie vastleggen")
    expect(page.locator(".messages")).to_contain_text("De correctie is vastgelegd.")
    mentor.follow(re.compile("^Corrigeren"))
    expect(page.locator("#c1")).to_contain_text("Tweede versie.")
    expect(page.locator("#c1 details")).to_contain_text("Eerste versie van haar reactie.")
