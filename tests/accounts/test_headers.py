"""Browser protections: the Content-Security-Policy on every response, no inline script or
style in any template, and no caching of a signed-in user's pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from deelwijzer.accounts.csp import CONTENT_SECURITY_POLICY
from deelwijzer.attachments.views import DOWNLOAD_POLICY
from tests.web.test_permission_matrix import GET_ROWS, url_for

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "deelwijzer"
# Rendered to PDF by WeasyPrint, never sent to a browser: a <style> element is fine there.
PDF_ONLY = {  # rendered to PDF by WeasyPrint, never served to a browser
    "disclosures/share_document.html",
    "documents/_pdf_base.html",
    "documents/dossier_pdf.html",
    "documents/subject_access_pdf.html",
    "insight/statistics_pdf.html",
    "insight/trail_pdf.html",
}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_the_policy_forbids_inline_script_and_framing():
    """ASVS 5.0 V3.4.3 (CSP), V3.4.6 (frame-ancestors)."""
    directives = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


def _persona_for(row: dict[str, int]) -> str:
    """A persona that gets the page itself (200) where the table has one."""
    return next((persona for persona, status in row.items() if status == 200), "professional")


def test_every_page_carries_the_policy(personas, client_for):
    """ASVS 5.0 V3.4.3: every response of every URL, for a persona that may open it."""
    users = personas.all()
    for name, (module, row) in sorted(GET_ROWS.items()):
        response = client_for(users[_persona_for(row)]).get(url_for(name, module, personas))
        files = {"attachment_download", "attachment_thumbnail"}  # files, never pages
        expected = DOWNLOAD_POLICY if name in files else CONTENT_SECURITY_POLICY
        assert response["Content-Security-Policy"] == expected, name


def test_error_and_lock_out_pages_carry_the_policy(personas):
    """ASVS 5.0 V3.4.3: also a 404 and the lock-out page (429)."""
    client = Client()
    assert client.get("/bestaat-niet/")["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    for _ in range(6):
        response = client.post(
            reverse("login"), {"username": "prof", "password": "fout"}, REMOTE_ADDR="10.9.9.9"
        )
    assert response.status_code == 429
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_no_template_has_inline_script_style_or_event_handlers():
    """ASVS 5.0 V3.4.3: the policy can stay strict because no template needs inline code."""
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.html")
        if "/".join(path.parts[-2:]) not in PDF_ONLY
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if INLINE.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("name", ["dashboard", "case_detail"])
def test_pages_of_a_signed_in_user_are_not_stored(personas, client_for, name):
    """ASVS 5.0 V14.3.2 (anti-caching headers on sensitive pages); NEN 7510 8.2.3."""
    kwargs = {"case_id": personas.case.public_id} if name == "case_detail" else {}
    response = client_for(personas.professional).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
