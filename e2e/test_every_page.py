"""Every page each person can reach, and the forms on a case, as a careful new user meets them.

The other scenarios walk the paths a task takes. This one walks everything else too: from each
demo person's home page it follows every link they are shown, one page of each kind (one
signal page stands for every signal page), on a phone's screen. Each page must answer, pass
axe (``Person.seen``), raise no server error and fit the screen without scrolling sideways.

Then every form on the pages of a case of its own is sent as someone in a hurry would send it:
empty, and filled with garbage (markup, an SQL fragment, a right-to-left override, emoji, a date
that does not exist, a number out of range, a choice the form never offered). Nothing may
answer 5xx; a refusal (422) shows the error summary, and a form shown again instead of a
saved result keeps what was typed.

Only the test's own cases are posted to: the database is shared with the tests after it.
A link that starts a download (PDF, CSV, the case file) is left to the tests of its own.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error

from e2e.test_defects_16 import decided_case, youth
from e2e.test_delivery_20 import share
from e2e.test_phone_width import PHONE, too_wide

# What the browser shows (e2e/conftest.py). The same posts on PostgreSQL: every form, empty and
# with garbage, in tests/web/test_bad_input_everywhere.py (``-m database`` in .ci/run).
pytestmark = pytest.mark.display

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ENTRY_KEY = re.compile(r"/[a-z]\d+/")
# downloads, signing out, and the API's own pages: not pages to look at here
NOT_A_PAGE = re.compile(r"/(uitloggen|api)/|\.(pdf|csv|json|zip)$")
# Forms that end something for good or for everyone (the case, a link, a session): they have
# tests of their own, and sent here they would take the other forms off the page.
ENDS_SOMETHING = re.compile(r"sluiten|heropenen|intrekken|uitloggen|sessie")

LINKS = "() => [...document.querySelectorAll('main a[href], nav a[href]')].map(a => a.href)"
POST_FORMS = """() => [...document.querySelectorAll('form')].map((f, i) => [i,
  (f.getAttribute('method') || '').toLowerCase(),
  new URL(f.getAttribute('action') || '', location.href).href,  // f.action: a field may be named so
  f.querySelector('button[type=submit], button:not([type]), input[type=submit]') !== null])"""
GARBAGE = "<b>vet</b>' OR 1=1 -- \u202e 😀 " + "x" * 40
TYPED = "<b>vet</b>' OR 1=1"
FILL = """([i, garbage]) => {
  const form = document.querySelectorAll('form')[i];
  form.noValidate = true;
  let typed = 0;
  for (const el of form.querySelectorAll('input, textarea, select')) {
    const type = (el.type || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'file', 'password'].includes(type)) continue;
    if (garbage === null) {
      if (type === 'checkbox' || type === 'radio') el.checked = false; else el.value = '';
    } else if (type === 'checkbox' || type === 'radio') {
      el.checked = true;
    } else if (el.tagName === 'SELECT') {
      const never = new Option('nooit aangeboden', 'zzz', true, true);
      el.add(never);
      el.value = 'zzz';
    } else if (type === 'date') {
      el.type = 'text'; el.value = '31-02-2026';
    } else if (type === 'number') {
      el.type = 'text'; el.value = '-1e309';
    } else {
      el.value = garbage; typed++;
    }
  }
  const button = form.querySelector('button[type=submit], button:not([type]), input[type=submit]');
  form.requestSubmit(button);
  return typed;
}"""
KEPT = """(typed) => [...document.querySelectorAll('input, textarea')]
  .some(el => (el.value || '').includes(typed))"""


def kind_of(path: str) -> str:
    """One page of each kind: ids and entry keys do not make another kind of page."""
    return ENTRY_KEY.sub("/k/", UUID.sub("{id}", path))


def walk(person, start: list[str], limit: int = 150) -> list[str]:
    """Follow every link the person is shown, one page of each kind, checking each page.
    Returns the paths seen."""
    page = person.page
    page.set_viewport_size(PHONE)
    todo, kinds, seen, problems = list(start), set(), [], []
    while todo and len(seen) < limit:
        path = todo.pop(0)
        if kind_of(path) in kinds:
            continue
        kinds.add(kind_of(path))
        try:
            person.visit(path)  # answers, axe, no server error
        except Error as error:
            if "Download is starting" in error.message:  # a file: tests of its own
                continue
            raise
        seen.append(path)
        if wide := too_wide(page):
            problems.append(wide)
        for href in page.evaluate(LINKS):
            target = urlparse(href)
            if target.netloc != urlparse(page.url).netloc or NOT_A_PAGE.search(target.path):
                continue
            if kind_of(target.path) not in kinds:
                todo.append(target.path)
    assert not problems, "\n".join(problems)
    assert len(seen) < limit, f"more than {limit} kinds of page: is the crawl going round?"
    return seen


def _index_of(page, action: str) -> int | None:
    """Where the form that posts to ``action`` is on the page now (an earlier post may have
    taken it away: a decision returned has nothing left to sign off)."""
    for index, method, to, button in page.evaluate(POST_FORMS):
        if method == "post" and button and to == action:
            return index
    return None


def post_every_form(person, paths: list[str]) -> int:
    """Send each form on these pages empty and with garbage; returns how many were sent."""
    page, sent, problems = person.page, 0, []
    for path in paths:
        person.visit(path)
        actions = [f[2] for f in page.evaluate(POST_FORMS) if f[1] == "post" and f[3]]
        for action in actions:
            if ENDS_SOMETHING.search(action):
                continue
            for garbage in (None, GARBAGE):
                person.visit(path)
                index = _index_of(page, action)
                if index is None:
                    continue
                what = f"{path} -> {action}, {'garbage' if garbage else 'empty'}"
                try:
                    with page.expect_navigation() as answered:
                        typed = page.evaluate(FILL, [index, garbage])
                except Error as error:
                    problems.append(f"{what}: {error.message[:120]}")
                    continue
                sent += 1
                response = answered.value
                status = response.status if response else 0
                if status >= 500 or status == 0:
                    problems.append(f"{what}: HTTP {status}")
                    continue
                person.seen()
                if status == 422 and page.locator("[data-error-summary]").count() == 0:
                    problems.append(f"{what}: refused without the error summary")
                # Not sent on to another page (saved): refused, or step 5's check of the verdict.
                # Either way the form is shown again as it was.
                answered_itself = response.request.method == "POST"
                if answered_itself and garbage and typed and not page.evaluate(KEPT, TYPED):
                    problems.append(f"{what}: HTTP {status}, and what was typed is gone")
    assert not problems, "\n".join(problems)
    return sent


def test_every_page_fits_a_phone_and_every_form_survives_garbage(api, signed_in):
    shared = decided_case(api, youth("Mira"))
    share(api, shared)
    waiting = decided_case(api, youth("Sara"), sign=False)

    mentor = signed_in("mentor")
    seen = walk(mentor, [f"/casussen/{shared['id']}/", "/"])
    assert any("/stap-6/" in path for path in seen) and "/wachtwoord-wijzigen/" in seen
    own = [path for path in seen if shared["id"] in path]
    assert post_every_form(mentor, own) >= 30

    decider = signed_in("beslisser")
    seen = walk(decider, [f"/casussen/{waiting['id']}/stap-5/", "/"])
    assert "/besluiten/" in seen, seen
    assert post_every_form(decider, [f"/casussen/{waiting['id']}/stap-5/"]) >= 2

    for username, must_see in (
        ("aandacht", "/adviesvragen/"),
        ("collega", "/"),
        ("beheer", "/beheer/gebruikers/"),
        ("privacy", "/audit/"),
    ):
        seen = walk(signed_in(username), ["/"])
        assert must_see in seen, seen
