"""Scenario 1: a mentor worries about a 15-year-old, from the first signal to the feedback.

Five people, each signed in with both factors in a browser of their own: the functional
administrator prepares the contacts, the mentor walks the six steps, the attention officer
answers anonymously from the inbox, the decision maker signs off. Yasmina agrees that the
police are told (R5.1), so the decision rests on her consent. At the end every step is
"klaar" and "Wat nu" says the case is complete. Every page they see passes axe-core's WCAG 2.1
AA rules (Person.seen); a 5xx answer anywhere fails the test (Person.server_errors).
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.people import Person
from e2e.youth import MONTHS, Youth

YASMINA = Youth(
    first_name="Yasmina",
    last_name="Verhoeven",
    age=15,
    identifiers=("Kastanjelaan 14", "klas 2C", "@yasmina.vrh", "Rivierland College"),
    guardians=(("Karin Verhoeven", "moeder"), ("Peter Verhoeven", "vader")),
)
POLICE = "Politie Midden-Nederland"
SIGNAL_1 = (
    "Op {d} gooide ze in de wiskundeles haar tas tegen de deur en riep: "
    "'Wie niet gelooft, verdient straf.'"
)
SIGNAL_2 = (
    "Op {d} liet ze in de pauze klasgenoten een filmpje zien waarin een aanslag wordt "
    "toegejuicht, en zei dat ze de makers wil ontmoeten."
)
CONTRA = "Ze komt elke week naar de voetbaltraining en heeft daar goed contact met haar team."
OPINION = "Ik vermoed dat ze online contact heeft met mensen die haar onder druk zetten."
RISK = (
    "Ze zei op {d} tegen twee klasgenoten dat ze volgende week 'iets gaat doen' op school "
    "tegen wie niet gelooft, en vroeg waar de conciërge de sleutels bewaart."
)


def dutch(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def test_a_worry_about_a_15_year_old_from_first_signal_to_feedback(sign_in):
    today = date.today()

    admin = sign_in("beheer")
    prepare_contact_and_label(admin)

    mentor = sign_in("mentor")
    case_url, pseudonym = open_case(mentor, YASMINA)
    describe_signals(mentor, case_url, today)
    ask_the_attention_officer(mentor, case_url)

    officer = sign_in("aandacht")
    answer_from_the_inbox(officer, pseudonym)
    # Not on the team: the case itself is "not found" for the attention officer.
    response = officer.page.goto(case_url)
    assert response is not None and response.status == 404
    officer.seen()
    traces = YASMINA.traces_in(officer.everything_seen())
    assert not traces, f"the attention officer saw who the young person is: {traces}"
    assert len(officer.visited) >= 5

    mentor.visit(case_url + "stap-2/", shot="stap2-advies-ontvangen", part="#a1")
    expect(mentor.page.locator("#a1")).to_contain_text("beantwoord")
    talk_with_youth_and_guardians(mentor, case_url, today)
    assess_the_risk(mentor, case_url, today)
    submit_decision_to_share(mentor, case_url)

    decider = sign_in("beslisser")
    sign_off(decider, pseudonym)

    pdf = share_and_download(mentor, case_url, today)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    assert POLICE in text
    assert "voetbaltraining" not in text  # the contra-signal was not ticked: not shared
    assert "gooide ze in de wiskundeles haar tas" in text
    assert YASMINA.name in text  # the name was ticked: the police need it to act
    assert "Bram Visser (staat in: s2)" in text  # the source's name was declared: recorded

    record_feedback(mentor, case_url, today)
    mentor.visit(case_url, shot="casus-klaar", part="section[aria-labelledby=stappen]")
    for n in range(1, 7):
        expect(mentor.page.locator(f"#stap-{n}")).to_have_class(re.compile(r"status-complete"))
        expect(mentor.page.locator(f"#stap-{n} .badge")).to_have_text("klaar")
    expect(mentor.page.locator(".next-step")).to_contain_text("alle stappen zijn klaar")
    expect(mentor.page.get_by_text("met toestemming, R5.1")).to_be_visible()
    assert not mentor.console_errors, mentor.console_errors


def prepare_contact_and_label(admin: Person) -> None:
    page = admin.page
    admin.follow("Contacten", exact=True, shot="beheer-contacten")
    page.locator("#id_kind").select_option(label="Politie")
    page.locator("#id_name").fill(POLICE)
    page.get_by_label("Afdeling of functie").fill("Wijkagent Centrum")
    page.get_by_label("Telefoon").fill("0900-8844")
    admin.click_button("Toevoegen")
    expect(page.get_by_role("cell", name=POLICE, exact=True)).to_be_visible()

    admin.follow("Signalenlijst", exact=True, shot="beheer-signalenlijst")
    page.get_by_label("Nieuw label").fill("Uitspraken over geweld")
    admin.click_button("Toevoegen")
    expect(page.get_by_role("cell", name="Uitspraken over geweld", exact=True)).to_be_visible()
    admin.follow("Gebruikers", exact=True, shot="beheer-gebruikers")
    admin.follow("Instellingen", exact=True, shot="beheer-instellingen")


def open_case(mentor: Person, youth: Youth) -> tuple[str, str]:
    page = mentor.page
    mentor.seen(shot="dashboard-beroepskracht")
    mentor.follow("Nieuwe casus openen", shot="casus-nieuw")
    assert page.get_by_label("Pseudoniem").input_value() == "", "left to Deelwijzer"
    page.get_by_label("Naam van de jongere").fill(youth.name)
    page.get_by_label("Geboortedatum").fill(youth.birth_date.isoformat())
    page.get_by_label("Andere gegevens waaraan je de jongere herkent").fill(
        "\n".join(youth.identifiers)
    )
    page.get_by_label("Jouw rol bij deze jongere").fill("mentor")
    for n, (name, relation) in enumerate(youth.guardians, start=1):
        page.locator(f"#id_guardian{n}_name").fill(name)
        page.locator(f"#id_guardian{n}_relation").fill(relation)
        page.locator(f"#id_guardian{n}_authority").check()
    mentor.click_button("Casus openen", shot="casus")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Casus J-")
    pseudonym = re.search(r"J-[2-9A-Z]{4}", heading.inner_text()).group()  # made by Deelwijzer
    expect(page.locator(".identity")).to_contain_text(youth.name)
    return page.url, pseudonym


def describe_signals(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    mentor.follow("Stap 1: Signalen beschrijven", exact=True)

    # The language hint appears while an interpretive word is typed (HTMX live check).
    text = page.locator("#id_signal-text")
    text.click()
    page.keyboard.type("Ze was de hele les erg agressief", delay=20)
    hint = page.locator("#taalhulp-nieuw")
    expect(hint.locator("mark").first).to_contain_text("agressief")
    expect(hint).to_contain_text("R1.1")
    mentor.seen(shot="stap1-taalhulp", part="#signaal-toevoegen")

    # She rewrites it as what was seen and heard; the hint about "agressief" goes away.
    page.keyboard.press("Control+A")
    page.keyboard.type(SIGNAL_1.format(d=dutch(today - timedelta(days=9))))
    expect(hint).not_to_contain_text("agressief")
    page.get_by_label("Wanneer zag of hoorde je het?").fill((today - timedelta(days=9)).isoformat())
    page.get_by_label("Uitspraken over geweld").check()
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")
    expect(page.locator("#s1")).to_contain_text("wiskundeles")

    # A signal a colleague passed on names its source (R1.3).
    page.get_by_label("Wanneer zag of hoorde je het?").fill((today - timedelta(days=6)).isoformat())
    page.locator("#id_signal-text").fill(SIGNAL_2.format(d=dutch(today - timedelta(days=6))))
    page.get_by_role("radio", name="Van iemand anders").check()
    page.get_by_label("Naam van de bron").fill("Bram Visser")
    page.get_by_label("Rol van de bron").fill("zorgcoördinator")
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")
    expect(page.locator("#s2")).to_contain_text("Bram Visser (zorgcoördinator)")

    page.get_by_role("radio", name="Contrasignaal").check()
    page.get_by_label("Wanneer zag of hoorde je het?").fill((today - timedelta(days=3)).isoformat())
    page.locator("#id_signal-text").fill(CONTRA)
    mentor.click_button("Vastleggen", within="#signaal-toevoegen")
    expect(page.locator("#s3")).to_contain_text("voetbaltraining")

    page.locator("#id_opinion-text").fill(OPINION)
    page.locator("#mening-toevoegen").get_by_label(re.compile(r"^\s*s2\b")).check()
    mentor.click_button("Vastleggen als mening", shot="stap1-signalen", part=".signal-columns")
    expect(page.locator("#o1")).to_contain_text("status: open", ignore_case=True)


def ask_the_attention_officer(mentor: Person, case_url: str) -> None:
    page = mentor.page
    mentor.visit(case_url)
    mentor.follow("Stap 2: Advies vragen", exact=True)
    mentor.follow("Nieuwe adviesvraag opstellen", shot="stap2-vraag", part="main")
    for key in ("s1", "s2", "s3"):
        page.get_by_label(re.compile(rf"^\s*{key}\b")).check()
    page.get_by_label("Je vraag aan de adviseur").fill(
        f"Ik maak me zorgen over {YASMINA.name} uit {YASMINA.identifiers[1]} van het "
        f"{YASMINA.identifiers[3]}. Kunnen deze signalen op radicalisering wijzen?"
    )
    page.get_by_role("radio", name="De aandachtsfunctionaris radicalisering").check()
    mentor.click_button("Verder: tekst controleren", shot="stap2-anoniem", part=".side-by-side")
    proposal = page.get_by_label("De tekst die je verstuurt").input_value()
    assert YASMINA.traces_in(proposal) == [], proposal
    mentor.click_button("Versturen")
    expect(page.locator("#a1")).to_contain_text("Wacht op het antwoord")


def answer_from_the_inbox(officer: Person, pseudonym: str) -> None:
    page = officer.page
    officer.seen()
    officer.follow("Adviesvragen", exact=True, shot="inbox", part="main")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Adviesvragen")).to_have_count(1)
    expect(menu.get_by_role("link", name="Adviesvragen")).to_have_attribute("aria-current", "page")
    officer.follow(f"{pseudonym} (a1)", exact=True, shot="inbox-antwoord")
    expect(menu.get_by_role("link", name="Adviesvragen")).to_have_count(1)
    fill_the_answer(
        page,
        severity="Ernstig: ze spreekt goedkeurend over geweld en zoekt contact met de makers.",
        risks="Geweld tegen klasgenoten die zij ongelovig noemt.",
        steps="Een gesprek met de leerling en de ouders; de beslisser betrekken.",
        by="De mentor, met de zorgcoördinator.",
        talk_risks="Klein risico dat ze zich terugtrekt; plan het gesprek op school.",
    )
    officer.click_button("Advies versturen")
    expect(page.get_by_text("Je advies is verstuurd")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(pseudonym))).to_contain_text("beantwoord")
    officer.visit("/", shot="dashboard-aandachtsfunctionaris")


def fill_the_answer(page, *, severity: str, risks: str, steps: str, by: str, talk_risks: str):
    """The attention officer's answer (R2.4): it may indicate radicalisation, risks on short
    term, a talk is possible (by the mentor), and one outcome: someone talks with the youth."""
    page.locator("#id_may_indicate_radicalisation").get_by_label("Ja").check()
    page.get_by_label("Hoe ernstig zijn de signalen?").fill(severity)
    page.get_by_label("Welke veiligheidsrisico's zijn er?").fill(risks)
    page.locator("#id_timing").get_by_label("Op korte termijn").check()
    page.get_by_label("Welke vervolgstappen zijn nodig?").fill(steps)
    page.get_by_label("Wie kan die stappen zetten?").fill(by)
    page.locator("#id_conversation_possible").get_by_label("Ja").check()
    page.get_by_label("Wie kan dat gesprek voeren?").fill("De mentor.")
    page.get_by_label(re.compile("kan het gesprek zelf geven")).fill(talk_risks)
    page.get_by_role("radio", name=re.compile("^Iemand van de organisatie gaat in gesprek")).check()


def talk_with_youth_and_guardians(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    mentor.visit(case_url)
    mentor.follow("Stap 3: Gesprek met jongere en/of ouders", exact=True)
    expect(page.locator("#leeftijdsregel")).to_contain_text("R3.2")
    page.get_by_label("Datum van het gesprek").fill(today.isoformat())
    page.get_by_label("De jongere", exact=True).check()
    page.get_by_label("Ouders met gezag", exact=True).check()
    for name, _relation in YASMINA.guardians:
        page.get_by_label(re.compile(rf"^\s*{name}")).check()
    page.get_by_label(re.compile(r"^\s*Anna de Wit")).check()
    for label in (
        "Ik heb het doel uitgelegd",
        "Ik heb de signalen en mijn zorgen beschreven",
        "Ik heb om een reactie gevraagd",
        "Pas na die reactie heb ik vervolgstappen genoemd of contact erover toegezegd",
    ):
        page.get_by_label(label).check()
    page.get_by_label(re.compile("^De reactie van de jongere")).fill(
        "'Jullie begrijpen het niet. Ik zeg alleen wat waar is. Vertel het de wijkagent maar.' "
        "Haar moeder schrok en wil meewerken; haar vader zei weinig."
    )
    sharing = page.locator("#id_youth_consents_to_sharing")
    sharing.get_by_label("Ja, de jongere geeft toestemming").check()
    mentor.click_button("Gesprek vastleggen", shot="stap3-gesprek", part="#c1")
    expect(page.locator("#c1")).to_contain_text("Karin Verhoeven")


def assess_the_risk(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    mentor.visit(case_url)
    mentor.follow("Stap 4: Risico's taxeren", exact=True)
    mentor.click_button("Beslisser nu betrekken")
    expect(page.locator("#beslisser")).to_contain_text("is betrokken sinds")
    page.get_by_role("radio", name="de omgeving: school, buurt, dorp, stad").check()
    page.get_by_label(re.compile(r"^\s*Beschrijf het risico concreet")).fill(
        RISK.format(d=dutch(today))
    )
    page.get_by_role("radio", name="ernstig", exact=True).check()
    page.get_by_role("radio", name="op korte termijn", exact=True).check()
    page.locator("#risico-toevoegen").get_by_label(re.compile(r"^\s*s1\b")).check()
    page.locator("#risico-toevoegen").get_by_label(re.compile(r"^\s*s2\b")).check()
    page.get_by_label("Welk advies heb je gebruikt? (R4.3)").select_option(index=1)
    mentor.click_button("Risico vastleggen", shot="stap4-risico", part="#r1")
    expect(page.locator("#r1")).to_contain_text("ernstig")


def submit_decision_to_share(mentor: Person, case_url: str) -> None:
    page = mentor.page
    mentor.visit(case_url)
    mentor.follow("Stap 5: Beslissen over extern delen", exact=True)
    page.get_by_role("radio", name="Ja: extern delen").check()
    # She agreed in the conversation (step 3): the decision takes that over.
    expect(page.get_by_role("radio", name="De jongere geeft toestemming")).to_be_checked()
    page.locator("#besluit-formulier").get_by_label(re.compile(r"^\s*r1\b")).check()
    page.get_by_label("Onderbouwing van het besluit (R5.4)").fill(
        "Risico r1 is ernstig en speelt op korte termijn. Ze stemde in het gesprek in met "
        "delen met de wijkagent; de politie kan ingrijpen."
    )
    # The verdict beside the form follows the choices (HTMX): lawful, on her consent.
    expect(page.locator("#oordeel")).to_contain_text("Ja.")
    expect(page.locator("#oordeel")).to_contain_text("R5.1")
    mentor.seen(shot="stap5-besluit", part=".decision-workspace")
    mentor.click_button("Indienen bij de beslisser")
    expect(page.get_by_text("Het besluit ligt bij de beslisser")).to_be_visible()


def sign_off(decider: Person, pseudonym: str) -> None:
    page = decider.page
    decider.seen(shot="dashboard-beslisser")
    decider.follow("Besluiten", exact=True, shot="besluiten", part="main")
    decider.follow(pseudonym, exact=True, shot="stap5-aftekenen", part=".sign-off")
    expect(page.locator(".sign-off .verdict")).to_contain_text("Ja.")
    page.locator(".sign-off").get_by_label(re.compile("neem dit besluit als beslisser")).check()
    decider.click_button("Besluit aftekenen")
    expect(page.locator("#in-werking").locator("..")).to_contain_text("afgetekend")


def share_and_download(mentor: Person, case_url: str, today: date) -> bytes:
    page = mentor.page
    mentor.visit(case_url)
    mentor.follow("Stap 6: Delen: wat en met wie", exact=True)
    police = page.locator("#id_contact option", has_text=POLICE).get_attribute("value")
    page.get_by_label("Ontvanger", exact=True).select_option(value=police)
    for key, purpose in (
        ("s1", "Laat zien wat ze zei en deed in de les."),
        ("s2", "Laat zien dat ze contact zoekt met wie geweld toejuicht."),
        ("r1", "De dreiging waar de politie op moet ingrijpen."),
    ):
        row = page.locator("fieldset.share-item", has=page.locator(f"#id_item_{key}"))
        row.locator(f"#id_item_{key}").check()
        row.locator(f"#id_purpose_{key}").fill(purpose)
    page.get_by_label(re.compile(r"^\s*Naam:")).check()
    page.get_by_label(re.compile(r"^\s*Geboortedatum:")).check()
    page.get_by_label("Wat jij doet (R6.4)").fill(
        "De mentor houdt haar op school in het oog en meldt nieuwe signalen."
    )
    page.get_by_label("Wat de ontvanger doet (R6.4)").fill(
        "De wijkagent gaat met haar en haar ouders in gesprek."
    )
    page.locator("#id_feedback_possible").get_by_label("Ja").check()
    page.get_by_label("Terugkoppeling uiterlijk op").fill((today + timedelta(days=14)).isoformat())
    mentor.click_button("Controleren", shot="stap6-delen", part="section[aria-labelledby=delen]")
    # s2 names its source, a colleague: identity of someone else that goes out (issue #16.3).
    check = page.locator("#controle").locator("..")
    expect(check.get_by_role("alert")).to_contain_text("‘Bram Visser’")
    expect(page.get_by_role("button", name="Delen en vastleggen")).to_have_count(0)
    mentor.seen(shot="stap6-identiteit", part="section[aria-labelledby=controle]")
    page.get_by_label(re.compile(r"^\s*Ze gaan bewust mee")).check()
    mentor.click_button("Controleren")
    expect(check).to_contain_text("vastgelegd als gedeelde identiteit")
    page.get_by_label(re.compile(r"^\s*Ik heb nagelezen wat er uitgaat")).check()
    mentor.click_button("Delen en vastleggen")
    link = page.get_by_role("link", name=re.compile(r"^Deeldocument x1 downloaden"))
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert download.value.suggested_filename == "verstrekking-x1.pdf"
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF-")
    return data


def record_feedback(mentor: Person, case_url: str, today: date) -> None:
    page = mentor.page
    page.locator("#x1 summary", has_text="Terugkoppeling vastleggen").click()
    page.locator("#x1").get_by_label("Ontvangen op").fill(today.isoformat())
    page.locator("#x1").get_by_label("Wat koppelde de ontvanger terug?").fill(
        "De wijkagent sprak haar en haar ouders; er volgt begeleiding door de gemeente."
    )
    mentor.seen()
    with page.expect_navigation():
        page.locator("#x1").get_by_role("button", name="Terugkoppeling vastleggen").click()
    mentor.seen(shot="stap6-terugkoppeling", part="#x1")
    expect(page.locator("#x1")).to_contain_text("begeleiding door de gemeente")
