"""The readable docs beside the schema: served from our own static files, no inline script,
so the Content-Security-Policy lets them run."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders


def test_the_docs_page_loads_only_our_own_scripts(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:
            continue  # data, not code: the policy does not run it
        source = re.search(r'src="([^"]+)"', attributes).group(1)
        assert source.startswith("/static/") and body.strip() == ""
        assert finders.find(source.removeprefix("/static/"))
    for link in re.findall(r'(?:href|src)="([^"]+)"', html):
        assert not link.startswith(("http:", "https:", "//")), link
    assert "/api/v1/openapi.json" in html


def test_the_token_page_links_to_the_docs(personas, client_for):
    page = client_for(personas.professional).get("/api-sleutels/").content.decode()
    assert 'href="/api/v1/docs"' in page
