"""Every form a persona can reach, posted empty and with garbage: never a 5xx, and a refused form
comes back with what was typed and answers 422 (issue #16, "Done when": every form answers bad
input with 4xx and keeps the input; ui/refusals.py).

The test walks the app as each persona would: it starts at the home page, follows the links it
finds (same site, GET), and posts every ``<form method="post">`` it meets, first with no fields at
all, then with every field filled with garbage of its kind (text with markup, impossible dates,
numbers out of range, options that do not exist, ``next=abc``). Sign-out forms are left alone.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.personas import Personas

GARBAGE_TEXT = "qq-onzin <b>&</b> 'x\" ; DROP TABLE"
GARBAGE = {
    "date": "31-02-20xx",
    "number": "-1e308",
    "email": "geen-adres@@",
    "url": "javascript:alert(1)",
    "select": "geen-optie",
    "radio": "geen-optie",
    "checkbox": "misschien",
    "hidden": "abc",
}
MAX_PAGES = 60
SKIP_ACTIONS = re.compile(r"/uitloggen/|/logout/")
SKIP_LINKS = re.compile(r"/uitloggen/|/logout/|/static/|\.pdf$|/api/v1/(docs|openapi)|download")


class _Page(HTMLParser):
    """The links and the post forms of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = {"action": a.get("action", ""), "fields": []}
                self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind not in {"submit", "button", "image", "reset", "file"}:
                self._form["fields"].append((a["name"], kind, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append((a["name"], "textarea", ""))
        elif tag == "select" and a.get("name"):
            self._form["fields"].append((a["name"], "select", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _garbage(fields) -> dict[str, str]:
    body: dict[str, str] = {}
    for name, kind, _value in fields:
        if name == "csrfmiddlewaretoken":
            continue
        body[name] = GARBAGE.get(kind, GARBAGE_TEXT)
    return body


def _local(base: str, href: str) -> str | None:
    url = urljoin(base, unescape(href))
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP_LINKS.search(path) else path


def _action(page_url: str, action: str) -> str:
    """Where a form posts: its action, or the page itself when it has none. (Not ``_local``,
    which drops skipped links: the sign-out form would then post to the page it is on.)"""
    if not action:
        return page_url
    parts = urlsplit(urljoin(page_url, unescape(action)))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _empty(fields) -> dict[str, str]:
    """A form sent with none of its fields, but with the CSRF token a browser always sends (a
    body without any field at all is what Django's ``request.POST or None`` takes for a GET)."""
    return {name: value for name, _kind, value in fields if name == "csrfmiddlewaretoken"}


def _crawl(client) -> dict[str, list[dict]]:
    """Pages reachable from the home page, with the post forms found on each."""
    seen: dict[str, list[dict]] = {}
    queue = ["/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url.split("#")[0] in seen:
            continue
        url = url.split("#")[0]
        response = client.get(url, follow=True)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            seen[url] = []
            continue
        page = _parse(response.content.decode())
        seen[url] = page.forms
        for form in page.forms:
            form["action"] = _action(url, form["action"])
        queue += [link for href in page.links if (link := _local(url, href))]
    return seen


# What a page shows when it refuses what was posted: the error summary, a field marked as wrong.
REFUSAL_MARKERS = (b"data-error-summary", b"field-error", b'class="error" id="')


def _shows_refusal(response) -> bool:
    html = "text/html" in response.get("Content-Type", "")
    return html and any(marker in response.content for marker in REFUSAL_MARKERS)


# Forms whose success ends what the walk can do (the case closed and read-only, handed over, a
# colleague or an account gone): posted after all others, so that garbage that happens to be
# valid there does not leave every later form answering 409.
LAST = re.compile(r"/sluiten/|/overdragen/|/team/uit/|/actief/")


def _in_order(pages: dict[str, list[dict]]) -> list[tuple[str, dict]]:
    forms = [(page_url, form) for page_url, forms in pages.items() for form in forms]
    return sorted(forms, key=lambda item: bool(LAST.search(item[1]["action"])))


def _post_all(client, pages: dict[str, list[dict]], garbage: bool, refusals=None) -> list[str]:
    """Post every form once; the problems found. ``refusals`` collects the refused posts."""
    problems: list[str] = []
    done: set[str] = set()
    for page_url, form in _in_order(pages):
        action = form["action"]
        if SKIP_ACTIONS.search(action) or (action, garbage) in done:
            continue
        done.add((action, garbage))
        body = _garbage(form["fields"]) if garbage else _empty(form["fields"])
        response = client.post(action, body)
        if response.status_code >= 500:
            problems.append(f"POST {action} (from {page_url}) {body}: {response.status_code}")
            continue
        if _shows_refusal(response):
            if refusals is not None:
                refusals.append(action)
            if response.status_code != 422:
                problems.append(
                    f"POST {action} (from {page_url}) refused the input but answered "
                    f"{response.status_code}, not 422"
                )
        text_fields = [n for n, kind, _ in form["fields"] if kind in {"textarea", "text"}]
        refused = response.status_code in {409, 422}
        if garbage and refused and text_fields and b"<form" in response.content:
            shown = unescape(response.content.decode())
            if GARBAGE_TEXT not in shown and "error" in shown:
                problems.append(f"POST {action}: the refusal lost what was typed")
    return problems


PERSONAS = (
    "professional",
    "colleague",
    "attention_officer",
    "decision_maker",
    "org_admin",
    "auditor",
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_form_refuses_bad_input_without_a_server_error(persona, personas, client_for):
    user = getattr(personas, persona)
    client = client_for(user)
    client.raise_request_exception = False
    pages = _crawl(client)
    assert len(pages) > 1, "the crawl found no pages beyond the home page"
    refusals: list[str] = []
    problems = _post_all(client, pages, garbage=False, refusals=refusals)
    client = client_for(getattr(personas, persona))  # a form may have signed the user out
    client.raise_request_exception = False
    problems += _post_all(client, pages, garbage=True, refusals=refusals)
    assert not problems, "\n".join(problems)
    assert refusals, "no form refused anything: the walk checked no refusal"


@pytest.mark.parametrize("contacts", [True, False], ids=["with-contacts", "without-contacts"])
def test_a_case_ready_to_share_refuses_bad_input_without_a_server_error(
    contacts, personas, client_for
):
    """The same walk over a case with entries in every step and a signed-off decision, so that
    step 6's share form is reached too (with and without the organisation's contacts)."""
    from tests.disclosures.helpers import make_contact, make_entries, sign_off_decision

    make_entries(personas)
    sign_off_decision(personas)
    if contacts:
        make_contact(personas)
    client = client_for(personas.professional)
    client.raise_request_exception = False
    pages = _crawl(client)
    assert any("/stap-6/" in url for url in pages), sorted(pages)
    refusals: list[str] = []
    problems = _post_all(client, pages, garbage=False, refusals=refusals)
    problems += _post_all(client, pages, garbage=True, refusals=refusals)
    assert not problems, "\n".join(problems)
    assert any(url.endswith("/stap-6/delen/") for url in refusals), sorted(set(refusals))


def test_the_crawl_reaches_the_step_pages_of_a_case(personas: Personas, client_for):
    client = client_for(personas.professional)
    pages = _crawl(client)
    case_pages = [u for u in pages if f"/casussen/{personas.case.public_id}/stap-" in u]
    assert len(case_pages) >= 6, sorted(pages)
