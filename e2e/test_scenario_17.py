"""Scenario 2: a 17-year-old who refuses, from the first signal to the feedback.

Milan does not want his parents involved (R3.3) and does not want anything shared. The
mentor describes the signals with the keyboard alone (Tab, arrow keys, typing, Enter) and
asks the attention officer, who answers anonymously. Then the conversations: Deelwijzer
refuses a talk with the parents that he did not consent to and that has no safety reason,
accepts the talk with him alone, and accepts a later talk with his mother once the safety
reason is written. Without consent, sharing rests on R5.2 alone: a serious, concrete risk
(step 4) that only sharing can reduce; the decision maker signs off, the mentor shares with
the demo organisation's police contact and records the feedback. Every step is "klaar" and
"Wat nu" says the case is complete. Every page passes axe (Person.seen); no 5xx anywhere.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.people import Person
from e2e.test_scenario_15 import dutch, fill_the_answer, sign_off
from e2e.youth import Youth

MILAN = Youth(
    first_name="Milan",
    last_name="Hoekstra",
    age=17,
    identifiers=("Beukenhof 3", "klas 5H"),
    guardians=(("Ilse Hoekstra", "moeder"),),
)
POLICE = "Wijkagent Noord"  # one of the demo organisation's contacts
RISK = (
    "Hij vertelde op {d} dat hij zaterdag met twee mannen die hij online leerde kennen naar "
    "het buitenland reist om 'mee te vechten'; de tickets zijn al gekocht."
)


def test_a_17_year_old_who_refuses_from_first_signal_to_feedback(sign_in):
    today = date.today()
    mentor = sign_in("mentor")
    case_url = open_case(mentor)
    pseudonym = re.search(
        r"J-[2-9A-Z]{4}", mentor.page.get_by_role("heading", level=1).inner_text()
    )
    mentor.follow("Stap 1: Signalen beschrijven", exact=True)
    describe_signals_with_the_keyboard_alone(mentor, today)
    mentor.visit(case_url)
    expect(mentor.page.locator("#stap-1")).to_have_class(re.compile("status-complete"))

    ask_advice(mentor, case_url)
    officer = sign_in("aandacht")
    officer.photographer = False  # the guide's pictures of the inbox come from scenario 1
    answer_advice(officer, pseudonym.group())
    mentor.visit(case_url)
    expect(mentor.page.locator("#stap-2")).to_have_class(re.compile("status-complete"))

    talk_with_him_and_later_his_mother(mentor, case_url, today)
    expect(mentor.page.locator("#stap-3")).to_have_class(re.compile("status-complete"))
    assess_the_risk(mentor, case_url, today)
    decide_to_share_without_consent(mentor, case_url)
    decider = sign_in("beslisser")
    decider.photographer = False
    sign_off(decider, pseudonym.group())
    share_and_record_feedback(mentor, case_url, today)

    mentor.visit(case_url)
    page = mentor.page
    for n in range(1, 7):
        expect(page.locator(f"#stap-{n} .badge")).to_have_text("klaar")
    expect(page.locator(".next-step")).to_contain_text("alle stappen zijn klaar")
    expect(page.get_by_text("zonder toestemming bij ernstig risico, R5.2")).to_be_visible()
    assert not mentor.console_errors, mentor.console_errors


def talk_with_him_and_later_his_mother(mentor: Person, case_url: str, today: date) -> None:
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
    mentor.visit(case_url)


def ask_advice(mentor: Person, case_url: str) -> None:
    page = mentor.page
    mentor.visit(case_url + "stap-2/")
    mentor.follow("Nieuwe adviesvraag opstellen")
    for key in ("s1", "s2"):
        page.get_by_label(re.compile(rf"^\s*{key}\b")).check()
    page.get_by_label("Je vraag aan de adviseur").fill(
        "Een leerling van 17 zegt dat democratie een leugen is en dat hij gaat laten zien wat "
        "strijd is. Hoe ernstig is dit, en wat moet ik nu doen?"
    )
    page.get_by_role("radio", name="De aandachtsfunctionaris radicalisering").check()
    mentor.click_button("Verder: tekst controleren")
    mentor.click_button("Versturen")
    expect(page.locator("#a1")).to_contain_text("Wacht op het antwoord")


def answer_advice(officer: Person, pseudonym: str) -> None:
    page = officer.page
    officer.follow("Adviesvragen", exact=True)
    officer.follow(f"{pseudonym} (a1)", exact=True)
    fill_the_answer(
        page,
        severity="Ernstig: hij kondigt strijd aan.",
        risks="Dat hij zich bij een gewapende groep aansluit.",
        steps="Een gesprek met de leerling.",
        by="De mentor.",
        talk_risks="Dat hij dichtklapt; houd het gesprek kort en op school.",
    )
    officer.click_button("Advies versturen")
    expect(page.get_by_text("Je advies is verstuurd")).to_be_visible()


def assess_the_risk(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    mentor.follow("Stap 4: Risico's taxeren", exact=True)
    mentor.click_button("Beslisser nu betrekken")
    page.get_by_role("radio", name="de jongere", exact=True).check()
    page.get_by_label(re.compile(r"^\s*Beschrijf het risico concreet")).fill(
        RISK.format(d=dutch(today))
    )
    page.get_by_role("radio", name="ernstig", exact=True).check()
    page.get_by_role("radio", name="op korte termijn", exact=True).check()
    page.locator("#risico-toevoegen").get_by_label(re.compile(r"^\s*s1\b")).check()
    page.get_by_label("Welk advies heb je gebruikt? (R4.3)").select_option(index=1)
    mentor.click_button("Risico vastleggen")
    expect(page.locator("#r1")).to_contain_text("ernstig")
    mentor.visit(case_url)


def decide_to_share_without_consent(mentor: Person, case_url: str) -> None:
    page = mentor.page
    mentor.follow("Stap 5: Beslissen over extern delen", exact=True)
    page.get_by_role("radio", name="Ja: extern delen").check()
    # He refused in both conversations (step 3): the decision takes that over.
    expect(page.get_by_role("radio", name="De jongere weigert toestemming")).to_be_checked()
    page.locator("#besluit-formulier").get_by_label(re.compile(r"^\s*r1\b")).check()
    # Without the only-way reason the verdict beside the form stays "Nee" (R5.2b).
    expect(page.locator("#oordeel")).not_to_contain_text("Ja.")
    page.get_by_label(re.compile(r"^\s*Delen is de enige manier")).check()
    page.get_by_label("Waarom schieten andere wegen tekort?").fill(
        "Hij en zijn moeder kunnen de reis niet tegenhouden; alleen de politie kan dat."
    )
    page.get_by_label("Onderbouwing van het besluit (R5.4)").fill(
        "Risico r1 is ernstig en speelt deze week; hij weigert toestemming. Alleen de politie "
        "kan de reis voorkomen."
    )
    expect(page.locator("#oordeel")).to_contain_text("Ja.")
    mentor.click_button("Indienen bij de beslisser")
    expect(page.get_by_text("Het besluit ligt bij de beslisser")).to_be_visible()
    mentor.visit(case_url)
    expect(page.locator("#stap-5 .badge")).to_have_text("wacht op aftekenen")


def share_and_record_feedback(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    mentor.visit(case_url + "stap-6/")
    police = page.locator("#id_contact option", has_text=POLICE).get_attribute("value")
    page.get_by_label("Ontvanger", exact=True).select_option(value=police)
    for key, purpose in (
        ("s1", "Wat hij in de les aankondigde."),
        ("r1", "De reis die de politie moet voorkomen."),
    ):
        page.locator(f"#id_item_{key}").check()
        page.locator(f"#id_purpose_{key}").fill(purpose)
    page.get_by_label(re.compile(r"^\s*Naam:")).check()
    page.get_by_label(re.compile(r"^\s*Geboortedatum:")).check()
    page.get_by_label("Wat jij doet (R6.4)").fill("De mentor blijft met hem in gesprek.")
    page.get_by_label("Wat de ontvanger doet (R6.4)").fill(
        "De wijkagent spreekt hem en zijn moeder."
    )
    page.locator("#id_feedback_possible").get_by_label("Ja").check()
    page.get_by_label("Terugkoppeling uiterlijk op").fill((today + timedelta(days=7)).isoformat())
    mentor.click_button("Controleren")
    page.get_by_label(re.compile(r"^\s*Ik heb nagelezen wat er uitgaat")).check()
    mentor.click_button("Delen en vastleggen")
    expect(page.locator("#x1")).to_contain_text(POLICE)

    page.locator("#x1 summary", has_text="Terugkoppeling vastleggen").click()
    page.locator("#x1").get_by_label("Ontvangen op").fill(today.isoformat())
    page.locator("#x1").get_by_label("Wat koppelde de ontvanger terug?").fill(
        "De wijkagent sprak hem en zijn moeder; de reis gaat niet door."
    )
    with page.expect_navigation():
        page.locator("#x1").get_by_role("button", name="Terugkoppeling vastleggen").click()
    mentor.seen()
    expect(page.locator("#x1")).to_contain_text("de reis gaat niet door")


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
    form.get_by_role("radio", name="Nee, de jongere weigert").check()  # sharing (R5.1)
