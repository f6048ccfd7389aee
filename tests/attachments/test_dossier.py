"""The dossier lists every file (description, date, who, size, hash); the PDF shows images as
thumbnails."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from tests.attachments import helpers


def add(personas, signal, data, filename, description):
    return helpers.attach(personas, signal, data, filename, description=description)


def test_the_dossier_page_and_pdf_list_each_file(personas, signal, client_for):
    photo = add(personas, signal, helpers.jpeg_with_gps(size=(400, 300)), "foto.jpg",
                "Sticker op het kluisje")  # fmt: skip
    text = add(personas, signal, b"opstel\n", "opstel.txt", "Opstel over de vakantie")
    client = client_for(personas.professional)
    page = client.get(reverse("dossier", args=[personas.case.public_id])).content.decode()
    for a in (photo, text):
        assert a.description in page and a.sha256 in page
    assert "prof" in page.lower() or personas.professional.display_name() in page

    response = client.get(reverse("dossier_pdf", args=[personas.case.public_id]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    words = " ".join(p.extract_text() for p in reader.pages)
    assert "Sticker op het kluisje" in words and "Opstel over de vakantie" in words
    assert photo.sha256[:16] in words.replace("\n", "")
    images = [image for p in reader.pages for image in p.images]
    assert len(images) == 1  # the photo's thumbnail; the text has none
    assert helpers.ARTIST.encode() not in response.content


def test_a_pdf_reads_data_urls_only(tmp_path, settings):
    from deelwijzer.pdf import render_pdf

    picture = tmp_path / "p.png"
    helpers.picture().save(picture, "PNG")
    template = tmp_path / "t.html"
    template.write_text(
        f'<img src="{picture.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        '<img src="data:image/png;base64,{{ png }}">'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    import base64

    png = base64.b64encode(picture.read_bytes()).decode()
    reader = PdfReader(io.BytesIO(render_pdf("t.html", {"png": png})))
    assert len(reader.pages[0].images) == 1  # the data: URL; not the file, not the network
