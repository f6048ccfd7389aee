"""Scenario 2: a 17-year-old who does not want the parents involved (R3.3).

The mentor describes the signals with the keyboard alone (Tab, arrow keys, typing, Enter),
then records the conversation: Deelwijzer refuses a talk with the parents that the young
person did not consent to and that has no safety reason, accepts the talk with the young
person alone, and accepts a later talk with the parents once the safety reason is written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.people import Person
from e2e.youth import Youth

MILAN = Youth(
    first_name="Milan",
    last_name="Hoekstra",
    age=17,
    identifiers=("Beukenhof 3", "klas 5H"),
    guardians=(("Ilse Hoekstra", "moeder"),),
)


def test_a_17_year_old_refuses_contact_with_the_parents(sign_in):
    today = date.today()
    mentor = sign_in("mentor")
    case_url = open_case(mentor)
    mentor.follow("Stap 1: Signalen beschrijven", exact=True)
    describe_signals_with_the_keyboard_alone(mentor, today)
    mentor.visit(case_url)
    expect(mentor.page.locator("#stap-1")).to_have_class(re.compile("status-complete"))

    mentor.follow(
        "Stap 3: Gesprek met jongere en/of ouders",
        exact=True,
        shot="stap3-leeftijdsregel",
        part="#leeftijdsregel",
    )
    page = mentor.page
    expect(page.locator("#leeftijdsregel")).to_contain_text("17 jaar")
    expect(page.locator("#leeftijdsregel [data-rule]")).to_have_attribute("data-rule", "R3.3")

    # He refused: a talk that included his mother is refused without a safety reason.
    fill_conversation(mentor, today - timedelta(days=2), with_parent=True)
    mentor.click_button(
        "Gesprek vastleggen", shot="stap3-zonder-toestemming", part=".error-summary"
    )
    expect(page.locator(".error-summary")).to_contain_text("R3.3")
    expect(page.get_by_text("Er is nog geen gesprek vastgelegd.")).to_be_visible()

    # What really happened: the mentor talked with him alone.
    fill_conversation(mentor, today - timedelta(days=2), with_parent=False)
    mentor.click_button("Gesprek vastleggen")
    first = page.locator("#c1")
    expect(first).to_contain_text("niet gegeven")
    expect(first).not_to_contain_text(MILAN.guardians[0][0])

    # Later a safety need arises; the talk with his mother is recorded with its reason.
    fill_conversation(mentor, today, with_parent=True)
    page.get_by_label("Reden voor de veiligheid (R3.3)").fill(
        "Hij vertelde dat hij in het weekend met onbekenden naar het buitenland wil reizen; "
        "zijn moeder moet dat weten om het te kunnen voorkomen."
    )
    mentor.click_button("Gesprek vastleggen", shot="stap3-reden-veiligheid", part="#c2")
    expect(page.locator("#c2")).to_contain_text(MILAN.guardians[0][0])
    reason = page.get_by_role("definition").filter(has_text="zijn moeder moet dat weten")
    expect(reason).to_be_visible()
    assert not mentor.console_errors, mentor.console_errors


def open_case(mentor: Person) -> str:
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    page.get_by_label("Naam van de jongere").fill(MILAN.name)
    page.get_by_label("Geboortedatum").fill(MILAN.birth_date.isoformat())
    page.get_by_label("Andere gegevens waaraan je de jongere herkent").fill(
        "\n".join(MILAN.identifiers)
    )
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    name, relation = MILAN.guardians[0]
    page.locator("#id_guardian1_name").fill(name)
    page.locator("#id_guardian1_relation").fill(relation)
    page.locator("#id_guardian1_authority").check()
    mentor.click_button("Casus openen")
    return page.url


def same_day_and_month(before: date) -> date:
    """The latest date before ``before`` whose day and month are the same number (11-11)."""
    for year in (before.year, before.year - 1):
        for month in range(12, 0, -1):
            candidate = date(year, month, month)
            if candidate < before:
                return candidate
    raise AssertionError("unreachable")


def type_date(mentor: Person, day: date) -> None:
    """Type a date into a date field, digit by digit. The field's order (dd-mm or mm-dd)
    follows the browser's language; a date with day == month reads the same in both."""
    assert day.day == day.month
    mentor.page.keyboard.type(day.strftime("%d%m%Y"))


def submit_with_enter(mentor: Person, button: str) -> None:
    mentor.tab_to(button)
    with mentor.page.expect_navigation():
        mentor.page.keyboard.press("Enter")
    mentor.seen()


def describe_signals_with_the_keyboard_alone(mentor: Person, today: date) -> None:
    page = mentor.page
    keyboard = page.keyboard
    submit = "#signaal-toevoegen button[type=submit]"

    mentor.tab_to("#id_signal-observed_on")
    type_date(mentor, same_day_and_month(today - timedelta(days=3)))
    mentor.tab_to("#id_signal-text")
    keyboard.type(
        "Hij zei in de les maatschappijleer dat democratie 'een leugen' is en dat hij "
        "'binnenkort laat zien wat echte strijd is'."
    )
    submit_with_enter(mentor, submit)
    expect(page.locator("#s1")).to_contain_text("maatschappijleer")

    # A contra-signal: the arrow key moves the choice from "Signaal" to "Contrasignaal".
    mentor.tab_to("#id_signal-kind_0")
    keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Contrasignaal")).to_be_checked()
    mentor.tab_to("#id_signal-observed_on")
    type_date(mentor, same_day_and_month(today - timedelta(days=2)))
    mentor.tab_to("#id_signal-text")
    keyboard.type("Hij helpt elke zaterdag bij de voedselbank in zijn wijk.")
    submit_with_enter(mentor, submit)
    expect(page.locator("#s2")).to_contain_text("voedselbank")
    expect(page.locator("#s2")).to_contain_text("Contrasignaal")

    mentor.tab_to("#id_opinion-text")
    keyboard.type("Ik denk dat hij indruk wil maken op oudere jongens uit de buurt.")
    mentor.tab_to("#id_opinion-about_0")
    keyboard.press("Space")
    submit_with_enter(mentor, "#mening-toevoegen button[type=submit]")
    expect(page.locator("#o1")).to_contain_text("indruk wil maken")
    expect(page.locator("#o1")).to_contain_text("s1")


def fill_conversation(mentor: Person, held_on: date, *, with_parent: bool) -> None:
    page = mentor.page
    form = page.locator("form[action$='/gesprekken/']")
    form.get_by_label("Datum van het gesprek").fill(held_on.isoformat())
    form.get_by_label("De jongere", exact=True).check()
    parents = form.get_by_label("Ouders met gezag", exact=True)
    mother = form.get_by_label(re.compile(rf"^\s*{MILAN.guardians[0][0]}"))
    if with_parent:
        parents.check()
        mother.check()
    else:
        parents.uncheck()
        mother.uncheck()
    form.get_by_label(re.compile(r"^\s*Anna de Wit")).check()
    for label in (
        "Ik heb het doel uitgelegd",
        "Ik heb de signalen en mijn zorgen beschreven",
        "Ik heb om een reactie gevraagd",
        "Pas na die reactie heb ik vervolgstappen genoemd of contact erover toegezegd",
    ):
        form.get_by_label(label).check()
    form.get_by_label(re.compile("^De reactie van de jongere")).fill(
        "'Mijn ouders hebben hier niets mee te maken. Ik wil niet dat u ze belt.'"
    )
    form.get_by_role("radio", name="Nee, de jongere geeft geen toestemming").check()
