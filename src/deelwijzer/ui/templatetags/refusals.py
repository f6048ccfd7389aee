"""``{% refused form %}``: the error summary marks its request as refused, so that
``web.refusals.RefusedFormMiddleware`` answers it with 422 (409 when the form was refused
because someone else changed the same thing meanwhile) instead of 200."""

from __future__ import annotations

from django import template

from deelwijzer.ui.refusals import STALE_VERSION, mark_refused

register = template.Library()


def _codes(form) -> set[str]:
    errors = getattr(form, "errors", None)
    if not errors:
        return set()
    return {error.code for each in errors.as_data().values() for error in each}


@register.simple_tag(takes_context=True)
def refused(context, form=None) -> str:
    """Mark the request being answered as a refusal; renders nothing."""
    request = getattr(context, "request", None) or context.get("request")
    if request is not None:
        mark_refused(request, conflict=STALE_VERSION in _codes(form))
    return ""
