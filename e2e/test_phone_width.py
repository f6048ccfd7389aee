"""Every page of a case fits a phone's screen: nothing has to be found by scrolling sideways.

Youth workers and teachers often read a case on their phone. A walk at 375 and 320 pixels
wide found step 3, the dossier, a conversation's correction page (label and value side by
side, a long label as wide as its text), steps 4 and 5 and the signal page at 320 (a
two-column workspace whose columns could not be narrower than 20-22rem) all wider than the
screen. The pages are checked at the narrowest common phone width, 320 pixels.
"""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from deelwijzer.procedure.limits import PSEUDONYM_MAX
from e2e import api as setup
from e2e.test_defects_16 import decided_case, youth
from e2e.test_delivery_20 import share

pytestmark = pytest.mark.display  # what the browser shows: e2e/conftest.py

PHONE = {"width": 320, "height": 640}

# what sticks out, for the failure message
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}: `
    + (el.textContent || '').trim().slice(0, 40))"""


def too_wide(page) -> str | None:
    """What is wrong when the page shown is wider than the screen (None: it fits)."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    seen = page.evaluate("document.documentElement.clientWidth")
    if wide <= seen:
        return None
    return f"{page.url}: {wide} px wide on a {seen} px screen: " + "; ".join(
        page.evaluate(WIDER_THAN_THE_SCREEN)
    )


def _fits(person, path: str) -> None:
    person.visit(path)
    problem = too_wide(person.page)
    assert problem is None, problem


def test_every_page_of_a_shared_case_fits_a_phone(api, signed_in):
    case = decided_case(api, youth("Noor"))
    share(api, case)
    at = f"/casussen/{case['id']}/"
    mentor = signed_in("mentor")
    mentor.page.set_viewport_size(PHONE)
    for path in (
        "",
        *(f"stap-{n}/" for n in range(1, 7)),
        "stap-1/signalen/s1/",
        "stap-3/gesprekken/c1/corrigeren/",
        "stap-4/risicos/r1/",
        "dossier/",
        "gegevens/",
    ):
        _fits(mentor, at + path)
    decider = signed_in("beslisser")
    decider.page.set_viewport_size(PHONE)
    _fits(decider, at + "stap-5/")


WORDS_BROKEN = """() => [...document.querySelectorAll('.table th, .table td')].flatMap(cell => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (range.getClientRects().length > 1) broken.push(m[0]);
    }
  }
  return broken;
})"""


def test_a_table_keeps_its_words_whole_and_scrolls_on_its_own_on_a_phone(signed_in):
    """The user list broke 'Status' and 'uitgenodigd' in the middle on a wide screen (every
    word could break anywhere, so the table squeezed its columns); on a phone a wide table
    now scrolls sideways by itself instead of the page."""
    admin = signed_in("beheer")
    admin.visit("/beheer/gebruikers/nieuw/")
    page = admin.page
    page.get_by_label("E-mailadres").fill("nora.nieuwenhuis@school.invalid")
    page.get_by_label("Voornaam").fill("Nora")
    page.get_by_label("Achternaam").fill("Nieuwenhuis")
    page.get_by_label("Beroepskracht", exact=True).check()
    admin.click_button("Uitnodigen")
    page.set_viewport_size({"width": 1280, "height": 800})
    admin.visit("/beheer/gebruikers/")
    assert page.get_by_text("uitgenodigd").first.is_visible()
    assert page.evaluate(WORDS_BROKEN) == []
    page.set_viewport_size(PHONE)
    _fits(admin, "/beheer/gebruikers/")
    auditor = signed_in("privacy")
    auditor.page.set_viewport_size(PHONE)
    _fits(auditor, "/audit/")


def _height(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["height"]


def test_what_is_tapped_on_a_phone_is_big_enough_and_a_pseudonym_stays_whole(signed_in, api):
    """The mobile walk: step 6's yes/no answers were 17 px tall and the audit trail's Filter
    button 21 px (WCAG 2.5.8 asks 24), and the decision queue broke a pseudonym "J-" / "84FC"."""
    signed = decided_case(api, youth("Fenna"))
    waiting = decided_case(api, youth("Ilse"), sign=False)
    mentor = signed_in("mentor")
    mentor.page.set_viewport_size(PHONE)
    _fits(mentor, f"/casussen/{signed['id']}/stap-6/")
    answers = mentor.page.locator("label:has(> input[name=feedback_possible])")
    assert answers.count() == 2
    assert min(answers.nth(n).bounding_box()["height"] for n in range(2)) >= 24

    auditor = signed_in("privacy")
    auditor.page.set_viewport_size(PHONE)
    _fits(auditor, "/audit/")
    assert _height(auditor.page, "form button[type=submit]") >= 24

    decider = signed_in("beslisser")
    decider.page.set_viewport_size(PHONE)
    _fits(decider, "/besluiten/")
    link = decider.page.get_by_role("link", name=waiting["pseudonym"], exact=True)
    line = float(link.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)"))
    assert link.bounding_box()["height"] < 1.5 * line  # one line, not "J-" over "84FC"


EMPTY_CELLS_SHOWN = """() => [...document.querySelectorAll('table.stacked td[data-label]')]
  .filter(td => td.offsetParent !== null && !td.textContent.trim() && !td.children.length)
  .length"""


def test_on_a_phone_the_menu_folds_its_second_half_away_and_a_wide_table_stacks(signed_in, api):
    """The mobile walk: the whole main menu stood open above every page (up to half of the
    first screen for the administrator at 320 px), and a wide table (the users, the audit
    trail) hid its actions and last columns off to the right, with nothing to say it scrolls.
    Now the work stays in the menu and the rest folds behind "Meer"; a table wider than the
    page shows a row a block, each cell under its column's name; step 1 links to its forms."""
    admin = signed_in("beheer")
    page = admin.page
    page.set_viewport_size(PHONE)
    admin.visit("/beheer/gebruikers/")
    more = page.get_by_role("button", name="Meer")
    assert more.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("link", name="Overdrachten").is_visible()
    assert not page.get_by_role("link", name="Wachtwoord wijzigen").is_visible()
    header = page.locator("header.site-header").bounding_box()["height"]
    assert header < 0.25 * PHONE["height"], f"the header takes {header} px"
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")  # closes it again, the focus back on the button
    assert more.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meer"
    page.keyboard.press("Enter")
    assert more.get_attribute("aria-expanded") == "true"
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    page.wait_for_url("**/wachtwoord-wijzigen/**")

    admin.visit("/beheer/gebruikers/")
    table = page.locator("table.table").last
    assert "stacked" in (table.get_attribute("class") or "")
    action = page.get_by_role("link", name="Rollen wijzigen").first
    box = action.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], "the action stands off the screen"
    assert action.locator("xpath=ancestor::td").get_attribute("data-label") == "Acties"
    assert table.get_attribute("role") == "table"  # still a table to a screen reader
    _fits(admin, "/beheer/gebruikers/")
    auditor = signed_in("privacy")
    auditor.page.set_viewport_size(PHONE)
    auditor.visit("/audit/")  # a sign-in has no role: its cell "Rol" stood as a name over nothing
    empty = auditor.page.evaluate(EMPTY_CELLS_SHOWN)
    assert auditor.page.locator("table.stacked").count() == 1 and empty == 0

    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('table.table.stacked')")
    assert not more.is_visible()
    assert page.get_by_role("link", name="Wachtwoord wijzigen").is_visible()
    assert table.get_attribute("role") is None
    # on a desktop the menu's items run on as one list (the first fold put its second half
    # on rows of its own: 214 px for the administrator, against 166 as one list)
    assert page.locator("header.site-header").bounding_box()["height"] < 200
    assert page.get_by_role("link", name="Gebruikers").get_attribute("aria-current") == "page"
    # a phone on its side folds the menu too (it took 57 % of a 375 px high screen)
    page.set_viewport_size({"width": 667, "height": 375})
    expect(more).to_be_visible()
    assert more.get_attribute("aria-expanded") == "false"
    assert page.locator("header.site-header").bounding_box()["height"] < 0.35 * 375

    case = decided_case(api, youth("Lotte"), sign=False)
    mentor = signed_in("mentor")
    mentor.page.set_viewport_size(PHONE)
    mentor.visit(f"/casussen/{case['id']}/stap-1/")
    jump = mentor.page.get_by_role("link", name="Signaal of contrasignaal vastleggen")
    assert jump.bounding_box()["y"] < PHONE["height"]  # on the first screen
    jump.click()
    expect(
        mentor.page.get_by_role("heading", name="Signaal of contrasignaal vastleggen")
    ).to_be_in_viewport()


# each labelled cell of a stacked table: how far its value's first line stands below the
# cell's top edge, and the column name shown with it
VALUE_BELOW_TOP = """table => [...table.querySelectorAll('td[data-label]')]
  .filter(td => td.offsetParent !== null && td.textContent.trim())
  .map(td => {
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT,
      {acceptNode: n => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const range = document.createRange();
    range.selectNodeContents(walker.nextNode());
    const below = range.getClientRects()[0].top - td.getBoundingClientRect().top;
    return [getComputedStyle(td, '::before').content, below];
  })"""


def _names_beside_values(person, path: str) -> None:
    person.visit(path)
    page = person.page
    table = page.locator("table.audit-table")
    assert table.count() == 1, f"{path}: no audit table"
    assert "stacked" in (table.get_attribute("class") or "")
    cells = table.evaluate(VALUE_BELOW_TOP)
    assert len(cells) >= 4
    for name, below in cells:
        assert name not in ("none", "normal", '""'), "a value without its column's name"
        assert below < 10, f"{path}: {name} stands above its value ({below:.0f} px)"
    assert too_wide(page) is None, too_wide(page)


def test_the_audit_trail_on_a_phone_names_each_value_beside_it(signed_in, api):
    """The audit trail stacked on a phone put each column's name on a line of its own above a
    short value (a time, a name, an address): 50 events filled some 25 screens. The name now
    stands beside its value, on the trail and on a case's trail."""
    case = setup.open_case(api("mentor"), youth("Mila"))
    auditor = signed_in("privacy")
    auditor.page.set_viewport_size(PHONE)
    _names_beside_values(auditor, "/audit/")
    _names_beside_values(auditor, f"/audit/casussen/{case['id']}/")
    expect(auditor.page.get_by_text("case.open").first).to_be_visible()


# how many lines the first occurrence of a text stands on, within an element
LINES_OF = """([el, text]) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  }
  return 0;
}"""


def _broken_at(page, selector: str, text: str) -> list[int]:
    """The widths from 280 to 420 px at which ``text`` in ``selector`` stands on two lines."""
    element = page.locator(selector).first.element_handle()
    broken = []
    for width in range(280, 421, 4):
        page.set_viewport_size({"width": width, "height": 640})
        lines = page.evaluate(LINES_OF, [element, text])
        assert lines, f"{text} is not in {selector}"
        if lines > 1:
            broken.append(width)
    return broken


def test_a_pseudonym_in_a_heading_stays_whole_on_a_phone(signed_in, api):
    """On a phone "casus J-YASB" broke as "casus J-" over "YASB" in a heading, a bread crumb or
    a sentence. The pseudonym now moves to the next line as a whole."""
    case = setup.open_case(api("mentor"), youth("Sem"))
    mentor = signed_in("mentor")
    mentor.visit(f"/casussen/{case['id']}/stap-2/")
    assert _broken_at(mentor.page, "nav.crumbs", case["pseudonym"]) == []
    auditor = signed_in("privacy")
    auditor.visit(f"/audit/casussen/{case['id']}/")
    assert _broken_at(auditor.page, "h1", case["pseudonym"]) == []
    # the longest a pseudonym may be, with no place to break: it wraps, the page keeps its width
    longest = "".join(random.choice("MW") for _ in range(PSEUDONYM_MAX))
    case = setup.open_case(api("mentor"), youth("Jesse"), pseudonym=longest)
    mentor.page.set_viewport_size(PHONE)
    for path in ("", "stap-2/", "dossier/"):
        _fits(mentor, f"/casussen/{case['id']}/{path}")
    _fits(mentor, "/")


def test_signing_in_on_a_phone_the_button_and_the_forgotten_password_link_stand_apart(
    browser, base_url
):
    """The mobile walk: "Inloggen" and "Wachtwoord vergeten?" stood 4 px apart on a phone."""
    context = browser.new_context(base_url=base_url, viewport=PHONE, has_touch=True)
    try:
        page = context.new_page()
        page.goto("/inloggen/")
        button = page.get_by_role("button", name="Inloggen").bounding_box()
        link = page.get_by_role("link", name="Wachtwoord vergeten?").bounding_box()
        beside = link["x"] - (button["x"] + button["width"])
        below = link["y"] - (button["y"] + button["height"])
        assert max(beside, below) >= 12, (beside, below)
    finally:
        context.close()


def test_on_a_phone_the_case_page_says_what_now_on_the_first_screen(signed_in, api):
    """The mobile walk: the youth's details (name, birth date, identifiers, two parents)
    filled the first screen and "Wat nu" stood just below it. It now comes first."""
    case = decided_case(api, youth("Jasmijn"), sign=False)
    mentor = signed_in("mentor")
    mentor.page.set_viewport_size({"width": 375, "height": 667})
    mentor.visit(f"/casussen/{case['id']}/")
    what_now = mentor.page.locator(".next-step")
    expect(what_now).to_contain_text("wacht op aftekenen")
    box = what_now.bounding_box()
    assert box["y"] + box["height"] <= 667, box


def test_on_a_phone_a_table_of_figures_keeps_its_columns_and_scrolls_by_keyboard(signed_in):
    """A statistics table's numbers compare along the row: it is not stacked but scrolls
    sideways, with a shadow where more is hidden, and takes the focus so that it can be
    scrolled with the keyboard (axe, run on every visit, asks this of a scrolling region)."""
    auditor = signed_in("privacy")
    auditor.page.set_viewport_size(PHONE)
    auditor.visit("/statistieken/")
    figures = auditor.page.locator("table[data-keep-columns]")
    assert figures.count() > 0
    assert auditor.page.locator("table.stacked").count() == 0
    scrolling = auditor.page.locator("table[data-keep-columns][tabindex='0']")
    assert scrolling.count() > 0
    row_name = scrolling.first.locator("th[scope=row]").first
    assert row_name.evaluate("th => getComputedStyle(th).position") == "sticky"  # stays in view
    _fits(auditor, "/statistieken/")


def test_a_date_that_does_not_exist_is_not_sent_and_stays_as_typed(signed_in, api):
    """A walk: 31-02-2026 in a date field was sent as an empty field (the browser cannot hold
    it), so the form came back with the date gone and "Vul de datum in", and the audit trail's
    filter showed everything as if filtered. Such a form is not sent; the field says why."""
    case = decided_case(api, youth("Sanne"), sign=False)
    mentor = signed_in("mentor")
    page = mentor.page
    page.set_viewport_size(PHONE)
    mentor.visit(f"/casussen/{case['id']}/stap-1/")
    form = page.locator("#signaal-toevoegen form")
    date = form.locator("input[type=date]")
    date.click()
    page.keyboard.type("31022026")
    assert date.evaluate("input => input.validity.badInput")
    at = page.url
    form.get_by_role("button", name="Vastleggen").click()
    assert page.url == at and page.locator("[data-error-summary]").count() == 0  # not sent
    assert "komt niet voor" in date.evaluate("input => input.validationMessage")
    assert date.evaluate("input => input.validity.badInput")  # what was typed is still there


def test_a_contacts_actions_stand_apart_on_a_phone(signed_in):
    """A walk: "Wijzigen" and "Uitzetten" stood 5 px apart and read as one phrase."""
    admin = signed_in("beheer")
    admin.page.set_viewport_size(PHONE)
    admin.visit("/beheer/contacten/")
    edit = admin.page.get_by_role("link", name="Wijzigen").first.bounding_box()
    off = admin.page.get_by_role("button", name="Uitzetten").first.bounding_box()
    beside = off["x"] - (edit["x"] + edit["width"])
    below = off["y"] - (edit["y"] + edit["height"])
    assert max(beside, below) >= 12, (beside, below)
