"""A case's life in the browser (#16.5, #16.6, team changes): the mentor corrects the birth
date (and Deelwijzer judges the age anew), tries to close without ticking the confirmation,
closes, finds every step page read-only, reopens, and hands the case over to a colleague, who
then has it while the mentor no longer does. Every page passes axe-core (Person.seen)."""

from __future__ import annotations

from playwright.sync_api import expect

from e2e.people import Person
from e2e.youth import Youth

SEM = Youth(
    first_name="Sem",
    last_name="Vermeulen",
    age=15,
    identifiers=("Lindelaan 8", "klas 3C"),
    guardians=(("Ria Vermeulen", "moeder"),),
)
CLOSE_REASON = "De zorgen zijn weg; hij zit weer goed in de klas."


def _open(mentor: Person) -> str:
    page = mentor.page
    mentor.follow("Nieuwe casus openen")
    page.get_by_label("Naam van de jongere").fill(SEM.name)
    page.get_by_label("Geboortedatum").fill(SEM.birth_date.isoformat())
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    page.locator("#id_guardian1_name").fill(SEM.guardians[0][0])
    mentor.click_button("Casus openen")
    return page.url


def test_correct_close_reopen_and_hand_over(sign_in):
    mentor = sign_in("mentor")
    case_url = _open(mentor)
    page = mentor.page
    expect(page.get_by_text("Leeftijd van de jongere: 15 jaar.")).to_be_visible()

    # Correcting the birth date: a reason is needed; then the age is judged anew.
    mentor.follow("Gegevens van de jongere of de ouders corrigeren")
    older = SEM.birth_date.replace(year=SEM.birth_date.year - 2)
    page.get_by_label("Geboortedatum").fill(older.isoformat())
    mentor.click_button("Correctie opslaan", shot="gegevens-corrigeren-fout")
    expect(page.locator(".error-summary")).to_contain_text("Schrijf kort op wat je corrigeert")
    expect(page.get_by_label("Geboortedatum")).to_have_value(older.isoformat())
    page.get_by_label("Wat corrigeer je, en waarom?").fill("Geboortejaar stond verkeerd.")
    mentor.click_button("Correctie opslaan")
    expect(page.get_by_text("Leeftijd van de jongere: 17 jaar.")).to_be_visible()

    # Closing: without the tick, refused with the reason kept; with it, closed.
    page.get_by_label("Waarom sluit je de casus?").fill(CLOSE_REASON)
    mentor.click_button("Casus sluiten", within="section[aria-labelledby=sluiten]")
    expect(page.locator(".error-summary")).to_contain_text("Vink aan")
    expect(page.get_by_label("Waarom sluit je de casus?")).to_have_value(CLOSE_REASON)
    page.locator("#id_confirm").check()
    mentor.click_button(
        "Casus sluiten", within="section[aria-labelledby=sluiten]", shot="casus-gesloten"
    )
    expect(page.locator(".closed-notice").first).to_contain_text(CLOSE_REASON)

    # Every step page: the content, the notice, no form to add anything.
    for step in range(1, 7):
        mentor.visit(f"{case_url}stap-{step}/", shot="stap1-gesloten" if step == 1 else None)
        expect(page.locator(".closed-notice")).to_be_visible()
        expect(page.locator("main form[method=post]")).to_have_count(0)

    # A form page opened from an old link: a 409 page that explains and leads back.
    response = page.goto(f"{case_url}gegevens/")
    assert response is not None and response.ok  # reading the versions is still allowed
    expect(page.get_by_text("Versie 2")).to_be_visible()

    # Reopening needs a reason.
    mentor.visit(case_url)
    mentor.click_button("Casus heropenen")
    expect(page.locator(".error-summary")).to_contain_text("Schrijf op waarom je de casus heropent")
    page.get_by_label("Waarom heropen je de casus?").fill("Nieuw signaal van de gymleraar.")
    mentor.click_button("Casus heropenen")
    expect(page.locator(".closed-notice")).to_have_count(0)

    # Handing over to the colleague: the mentor loses the case, the colleague has it.
    mentor.follow("Het team wijzigen", shot="team-pagina")
    page.get_by_label("Aan welke collega draag je de casus over?").select_option(
        label="Bram Visser"
    )
    page.get_by_label("Rol van die collega bij deze jongere").fill("mentor")
    page.get_by_label("Waarom draag je de casus over?").fill("Ik ga per 1 januari weg.")
    mentor.click_button("Casus overdragen")
    expect(page.get_by_text("De casus is overgedragen.")).to_be_visible()
    assert not mentor.console_errors, mentor.console_errors
    assert page.goto(case_url).status == 404  # (the browser logs this 404 on the console)
    colleague = sign_in("collega")
    colleague.visit(case_url)
    expect(colleague.page.get_by_role("heading", level=1)).to_contain_text("Casus")
    expect(colleague.page.get_by_text("Bram Visser – mentor")).to_be_visible()
