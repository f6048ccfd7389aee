"""``{{ case.pseudonym|whole }}``: a pseudonym as one piece of text, which a narrow screen moves
to the next line as a whole instead of breaking it at its hyphen ("J-" over "YASB": the walk
on a phone). One longer than the line still wraps (deelwijzer.css, ``.pseudonym``). Not for a
page's ``<title>``, which shows markup as text."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def whole(pseudonym: str) -> SafeString:
    return format_html('<span class="pseudonym">{}</span>', pseudonym)
