"""``{% refused %}``: the error summary marks its request as refused, so that
``web.refusals.RefusedFormMiddleware`` answers it with 422 instead of 200."""

from __future__ import annotations

from django import template

from deelwijzer.web.refusals import mark_refused

register = template.Library()


@register.simple_tag(takes_context=True)
def refused(context) -> str:
    """Mark the request being answered as a refusal; renders nothing."""
    request = getattr(context, "request", None) or context.get("request")
    if request is not None:
        mark_refused(request)
    return ""
