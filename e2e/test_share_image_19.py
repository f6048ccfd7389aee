"""Issue 19, step 6, in a real browser: a photo attached to the signal is shared beside it.
Sharing an image without ticking that you looked at it is refused (422) with the reason and
what was typed kept; ticked, it is shared, recorded and drawn in the share document."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.test_defects_16 import decided_case, youth

PURPOSE = "Laat de wijkagent de sticker zien die op haar kluisje zat."
DESCRIPTION = "Foto van de sticker op het kluisje"


def _photo() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "Camera van de mentor"
    Image.new("RGB", (320, 240), (40, 120, 200)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _attach_photo(mentor, case: dict) -> None:
    page = mentor.page
    mentor.visit(reverse("signal_entry", args=[case["id"], "s1"]))
    page.locator("#id_file").set_input_files(
        {"name": "sticker.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    page.get_by_label("Wat laat het bestand zien?").fill(DESCRIPTION)
    page.get_by_label("Gemaakt of gevonden op").fill(date.today().isoformat())
    # attachments.js uploads it and then loads the entry page again (the address differs only
    # by #bijlagen, so it reloads): no navigation event to wait for, the message is the sign.
    page.get_by_role("button", name="Bestand toevoegen").click()
    expect(page.get_by_text("Bestand f1 toegevoegd.")).to_be_visible()
    expect(page.locator("#bijlagen img.thumbnail")).to_be_visible()
    mentor.seen()


def _fill_share_form(page) -> None:
    page.get_by_label("Ontvanger", exact=True).select_option(index=1)
    page.get_by_label("Deel Afbeelding f1").check()
    page.get_by_label("Waarvoor is f1 nodig?").fill(PURPOSE)
    page.get_by_label("Wat jij doet (R6.4)").fill("De mentor blijft met haar in gesprek.")
    page.get_by_label("Wat de ontvanger doet (R6.4)").fill("De wijkagent spreekt haar aan.")
    page.locator("input[name=feedback_possible][value=no]").check()


def test_sharing_an_image_in_step_6_asks_to_confirm_it_was_looked_at(signed_in, api):
    case = decided_case(api, youth("Iris"))
    mentor = signed_in("mentor")
    page = mentor.page
    _attach_photo(mentor, case)

    mentor.visit(f"/casussen/{case['id']}/stap-6/")
    expect(page.locator(".share-file")).to_contain_text(DESCRIPTION)
    expect(page.locator("#afbeeldingen")).to_contain_text("Deelwijzer controleert alleen tekst")
    _fill_share_form(page)
    mentor.click_button("Controleren")
    replace = page.get_by_label("Vervang ze in wat er uitgaat", exact=False)
    if replace.count():  # the summary of earlier steps names her: replaced in what goes out
        replace.check()
        mentor.click_button("Controleren")
    page.get_by_label("Ik heb nagelezen wat er uitgaat", exact=False).check()
    mentor.click_button("Delen en vastleggen", shot="stap6-afbeelding-niet-bevestigd")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Een afbeelding kan iemand herkenbaar maken")
    expect(page.get_by_label("Waarvoor is f1 nodig?")).to_have_value(PURPOSE)  # input kept
    expect(page.get_by_label("Deel Afbeelding f1")).to_be_checked()

    page.get_by_label("Ik heb de afbeeldingen die ik deel bekeken", exact=False).check()
    page.get_by_label("Ik heb nagelezen wat er uitgaat", exact=False).check()
    mentor.click_button("Delen en vastleggen", shot="stap6-afbeelding-gedeeld")
    expect(page.get_by_text("Gedeeld en vastgelegd als")).to_be_visible()

    with page.expect_download() as download:
        page.locator("a[href$='/pdf/']").first.click()
    pdf = Path(download.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    sizes = {i.name: i.image.size for p in reader.pages for i in p.images}
    assert (320, 240) in sizes.values()  # the photo is in the share document
    text = " ".join(p.extract_text() for p in reader.pages)
    assert DESCRIPTION in " ".join(text.split()) and b"Camera van de mentor" not in pdf
