"""``{% entry_origin case key %}``: the mark on an entry that came in through a transfer."""

from __future__ import annotations

from django import template

from deelwijzer.transfers.selectors import cached_entry_origins

register = template.Library()


@register.inclusion_tag("transfers/_origin.html")
def entry_origin(case, key: str) -> dict:
    return {"origin": cached_entry_origins(case).get(key) if case is not None else None}
