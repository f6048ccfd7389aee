"""#17.4: the largest case the text limits allow renders as PDF, whole and in time.

Every free text at ``TEXT_MAX`` (bench/bench_limits.py builds the case; ``make bench`` times
it). Before the limits, a few texts of a megabyte took the dossier PDF 40 s; a word without
spaces either ran off the page or, made breakable by CSS, took WeasyPrint minutes.
"""

from __future__ import annotations

import io
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bench.bench_limits import largest_case
from deelwijzer.procedure.limits import TEXT_MAX

SECONDS = 30  # half of gunicorn's time-out (docs/deployment.md), on a busy shared machine


@pytest.mark.parametrize("kind", ["prose", "one_word"])
def test_the_largest_allowed_case_renders_its_dossier_pdf_whole(client_for, db, kind):
    case, user, text = largest_case(kind)
    assert len(text) == TEXT_MAX
    client = client_for(user)
    started = time.perf_counter()
    response = client.get(reverse("dossier_pdf", kwargs={"case_id": case.public_id}))
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert seconds < SECONDS, f"dossier PDF took {seconds:.1f} s"
    pages = PdfReader(io.BytesIO(response.content)).pages
    ends = sum(page.extract_text().replace("\u200b", "").count("EINDE") for page in pages)
    assert ends >= 6  # every text of the timeline is in it, to its last word


def test_a_long_word_gets_places_to_break_and_nothing_else_changes():
    """Without them WeasyPrint lets a word run off the page (lost from the print), or with
    CSS ``overflow-wrap: anywhere`` takes minutes (103 s for the one-word case, measured)."""
    from deelwijzer.documents.templatetags.documents import breakable

    word = "x" * 150
    assert breakable(word) == "x" * 60 + "\u200b" + "x" * 60 + "\u200b" + "x" * 30
    prose = "Hij zegt dat hij de anderen niet vertrouwt. " * 10
    assert breakable(prose) == prose
    assert breakable(f"zie {word} nu").replace("\u200b", "") == f"zie {word} nu"
