"""PDF documents from Django templates, with WeasyPrint. Nothing is fetched from outside."""

from __future__ import annotations

from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    """Render ``template`` with ``context`` to HTML and that HTML to PDF bytes. Only ``data:``
    URLs are read (the thumbnails of attachments, put in by the caller); no file, no network."""
    from weasyprint import HTML  # imported late: loading it costs about a second
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
