"""A pseudonym on a page is one piece of text (``ui/templatetags/pseudonyms.py``): a phone moves
"J-YASB" to the next line as a whole instead of breaking it at the hyphen (the browser test
e2e/test_phone_width.py measures that). Here: the markup it takes, and where it must not."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from deelwijzer.ui.templatetags.pseudonyms import whole


def test_the_pseudonym_is_escaped_in_its_span():
    assert whole("J-<b>") == '<span class="pseudonym">J-&lt;b&gt;</span>'


@pytest.mark.parametrize("name", ["case_detail", "step2", "dossier", "audit_case"])
def test_a_page_heads_or_leads_with_the_pseudonym_whole_and_titles_it_as_text(
    personas, client_for, name
):
    case = personas.case
    who = personas.auditor if name == "audit_case" else personas.professional
    html = client_for(who).get(reverse(name, kwargs={"case_id": case.public_id})).content.decode()
    assert f'<span class="pseudonym">{case.pseudonym}</span>' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "span" not in title  # a title shows markup as text
