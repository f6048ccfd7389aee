"""``{{ field|described_by }}``: the ids of what describes a group of answers (a fieldset):
its help text and each of its errors, as the templates number them (``<id>_error1``, …), for
the fieldset's ``aria-describedby``. A screen reader then reads the error with the group, as
it reads a single field's with its input."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def described_by(field: BoundField) -> str:
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    ids += [f"{field.auto_id}_error{n}" for n in range(1, len(field.errors) + 1)]
    return " ".join(ids)
