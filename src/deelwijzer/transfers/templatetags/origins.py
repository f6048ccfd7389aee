"""``{% entry_origin case key %}``: the mark on an entry that came in through a transfer."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string

from deelwijzer.transfers.selectors import cached_entry_origins

register = template.Library()


@register.simple_tag
def entry_origin(case, key: str) -> str:
    """The mark, or nothing: most entries were recorded here, and a step page shows many, so
    the mark's template is rendered only for an entry that has one."""
    origin = cached_entry_origins(case).get(key) if case is not None else None
    return render_to_string("transfers/_origin.html", {"origin": origin}) if origin else ""
