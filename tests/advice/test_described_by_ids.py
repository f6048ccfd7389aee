"""What describes a field is there: every id an ``aria-describedby`` names on a refused form
stands on the page. Django's inputs refer to ``<id>_helptext`` and ``<id>_error``; the
templates numbered their error lines ``<id>_error1``…, so a screen reader was pointed at an
error block that did not exist and read the input without its error (the helper's walk of
step 6 found it on the purpose field). Here, beside the inbox's fixtures (deduce), though it
walks forms of several steps."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.urls import reverse

from tests.advice.conftest import answer_body, post_answer
from tests.advice.test_inbox import asked, inbox_answer_url  # noqa: F401 (a fixture)
from tests.conversations.helpers import conversation_post
from tests.conversations.helpers import url as step_url
from tests.signalling.helpers import add_signal


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []  # (element id or tag, referred id)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for ref in (attrs.get("aria-describedby") or "").split():
            self.described.append((attrs.get("id") or attrs.get("name") or tag, ref))


def _dangling(response) -> list[tuple[str, str]]:
    assert response.status_code == 422, response.status_code
    parser = _Ids()
    parser.feed(response.content.decode())
    assert parser.described, "no aria-describedby at all"
    return [(who, ref) for who, ref in parser.described if ref not in parser.ids]


def test_every_described_by_on_a_refused_form_is_on_the_page(personas, client_for, asked):  # noqa: F811
    prof = client_for(personas.professional)
    refused = [
        add_signal(prof, personas.case, text="", observed_on=""),
        prof.post(
            step_url("step3_conversation_new", personas.case),
            conversation_post(personas.case, personas.professional, participants=None, held_on=""),
        ),
    ]
    auditor = client_for(personas.auditor)
    refused += [
        auditor.get(reverse("audit_log"), {"van": "1800-01-01"}),
        auditor.get(reverse("statistics"), {"tot": "2200-01-01"}),
    ]
    officer = client_for(personas.attention_officer)
    at = inbox_answer_url(personas.case, asked)
    refused.append(post_answer(officer, at, personas.case, asked, answer_body(severity="")))
    for response in refused:
        assert _dangling(response) == [], response.wsgi_request.path
        page = response.content.decode()
        assert re.search(r'aria-describedby="[^"]*_error', page), response.wsgi_request.path
