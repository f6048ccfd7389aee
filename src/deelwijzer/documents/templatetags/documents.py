"""Template filters of the documents."""

from __future__ import annotations

import re

from django import template

from deelwijzer.dates import nl_date

register = template.Library()

# A word longer than a line: WeasyPrint either lets it run off the page (and the PDF loses
# it) or, with ``overflow-wrap: anywhere``, takes minutes to break it (103 s for one case of
# long words, bench/bench_limits.py). A zero-width space every 60 characters of such a word
# gives it places to break at no cost; it is invisible and the identity check ignores it.
_LONG_WORD = re.compile(r"(\S{60})(?=\S)")


@register.filter
def breakable(text: str) -> str:
    """``text`` with a break opportunity every 60 characters inside a longer word."""
    if not isinstance(text, str) or len(text) <= 60:
        return text
    return _LONG_WORD.sub("\\1\u200b", text)


@register.filter(name="nl_date")
def nl_date_filter(value) -> str:
    """A date, datetime or ISO date string (as kept in a snapshot) as "24 november 2026"."""
    return nl_date(value, default="")
