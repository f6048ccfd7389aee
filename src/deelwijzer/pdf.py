"""PDF documents from Django templates, with WeasyPrint. Nothing is fetched from outside."""

from __future__ import annotations

from django.template.loader import render_to_string


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"documents fetch nothing from outside: {url}")


def render_pdf(template: str, context: dict) -> bytes:
    """Render ``template`` with ``context`` to HTML and that HTML to PDF bytes."""
    from weasyprint import HTML  # imported late: loading it costs about a second

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
