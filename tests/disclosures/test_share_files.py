"""Sharing files in step 6 (issue #19), through the real views: a file attached to a signal can
be chosen beside the entries; an image needs the professional's confirmation that they looked
at it for identity (422 with the reason otherwise, nothing saved); the confirmation is recorded
in the disclosure and its audit detail; the PDF holds the image as a picture and lists a text
file by name and hash; the recipient downloads a shared file only through the delivery,
audited; the auditor sees that files exist but never their content."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from deelwijzer.attachments.models import Attachment
from deelwijzer.attachments.services import Upload, attachment_add
from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Disclosure
from tests.attachments.conftest import attachment_dir  # noqa: F401 (autouse: a folder per test)
from tests.attachments.helpers import jpeg_with_gps
from tests.disclosures.helpers import ready_case, share_body, step6_url
from tests.disclosures.test_delivery import code_from, page, token_from
from tests.disclosures.test_share import pdf_text

PHOTO = "Schermafbeelding van een bericht met een vlag en een oproep."
NOTE = "Opstel uit de les Nederlands over helden."
NOTE_TEXT = b"Mijn held is iemand die vecht voor wat hij gelooft.\n"
REFUSAL = "Een afbeelding kan iemand herkenbaar maken"


def attach(personas, data: bytes, name: str, description: str) -> Attachment:
    upload = Upload(filename=name, data=data, description=description, made_on=date(2026, 3, 3))
    return attachment_add(
        actor=personas.professional,
        case_id=personas.case.pk,
        entry_kind="signal",
        entry_key="s1",
        upload=upload,
    )


@pytest.fixture
def team(personas, client_for):
    return client_for(personas.professional)


@pytest.fixture
def with_files(personas):
    contact = ready_case(personas)
    photo = attach(personas, jpeg_with_gps(), "bericht.jpg", PHOTO)
    note = attach(personas, NOTE_TEXT, "opstel.txt", NOTE)
    return contact, photo, note


def files_body(contact, **overrides) -> dict:
    body = {
        "item_f1": "on",
        "purpose_f1": "Laat zien welk bericht hij rondstuurde.",
        "item_f2": "on",
        "risk_f2": "r1",
        "images_checked": "on",
    }
    body.update(overrides)
    return share_body(contact, **body)


def test_step6_offers_the_files_and_warns_about_images(personas, team, with_files):
    html = team.get(step6_url(personas, "step6")).content.decode()
    assert 'name="item_f1"' in html and 'name="item_f2"' in html
    assert PHOTO in html and "bericht.jpg" in html
    assert 'name="images_checked"' in html and "Deelwijzer controleert alleen tekst" in html


def test_sharing_an_image_without_the_confirmation_is_refused_and_saves_nothing(
    personas, team, with_files
):
    contact, _photo, _note = with_files
    body = files_body(contact)
    del body["images_checked"]
    response = team.post(step6_url(personas), body)
    assert response.status_code == 422
    html = response.content.decode()
    assert REFUSAL in html and "R6.3" in html
    assert 'name="purpose_f1" value="Laat zien welk bericht hij rondstuurde."' in html  # kept
    assert not Disclosure.objects.filter(case=personas.case).exists()
    assert not AuditEvent.objects.filter(action="disclosure.share").exists()


def test_a_text_file_alone_needs_no_image_confirmation(personas, team, with_files):
    contact, _photo, _note = with_files
    body = files_body(contact, item_f1="")
    del body["images_checked"]
    assert team.post(step6_url(personas), body).status_code == 302
    disclosure = Disclosure.objects.get(case=personas.case)
    assert [f["key"] for f in disclosure.files] == ["f2"]
    assert disclosure.images_checked is False


def test_a_file_without_purpose_or_risk_is_refused_by_name(personas, team, with_files):
    contact, _photo, _note = with_files
    response = team.post(step6_url(personas), files_body(contact, purpose_f1=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert "schrijf bij f1 waarvoor het nodig is" in html
    assert '<p class="error" id="id_purpose_f1_error1">Stap 6 (R6.3): schrijf bij f1' in html
    assert not Disclosure.objects.exists()


def test_identity_in_a_files_description_is_found_like_in_any_text(personas, team, with_files):
    contact = with_files[0]
    attach(personas, NOTE_TEXT, "tekst.txt", "Tekst die Yusuf Bakker aan zijn klas stuurde.")
    body = files_body(contact, item_f3="on", risk_f3="r1", identity=[])  # the name not ticked
    response = team.post(step6_url(personas), body)
    assert response.status_code == 422
    assert "Yusuf" in response.content.decode() and not Disclosure.objects.exists()

    shared = team.post(step6_url(personas), {**body, "found_identity": "replace"})
    assert shared.status_code == 302
    document = Disclosure.objects.get(case=personas.case).document
    description = next(f["description"] for f in document["files"] if f["key"] == "f3")
    assert "Yusuf" not in description and "[JONGERE]" in description


def test_sharing_files_records_them_the_confirmation_and_the_audit(personas, team, with_files):
    contact, photo, note = with_files
    assert team.post(step6_url(personas), files_body(contact)).status_code == 302
    disclosure = Disclosure.objects.get(case=personas.case)
    assert [(f["key"], f["sha256"]) for f in disclosure.files] == [
        ("f1", photo.sha256),
        ("f2", note.sha256),
    ]
    assert disclosure.images_checked is True
    assert disclosure.item_keys == ["s1", "o1", "r1"]  # the entries as before
    event = AuditEvent.objects.get(action="disclosure.share")
    assert event.detail["files"] == ["f1", "f2"] and event.detail["images_checked"] == ["f1"]
    # step 6 lists the files with what was shared (the walk: a share of a file alone showed
    # an empty "Onderdelen")
    import html as html_lib

    page = html_lib.unescape(team.get(step6_url(personas, "step6")).content.decode())
    assert "Veiligheidsrisico r1, Afbeelding f1, Bestand f2</dd>" in page


def test_the_pdf_holds_the_image_as_a_picture_and_lists_the_text_file(personas, team, with_files):
    contact, photo, note = with_files
    team.post(step6_url(personas), files_body(contact))
    response = team.get(step6_url(personas, "disclosure_pdf", key="x1"))
    reader = PdfReader(io.BytesIO(response.content))
    images = {i.name: i.image.size for p in reader.pages for i in p.images}
    assert list(images.values()) == [(64, 32)]  # the photo, drawn (WeasyPrint shares it)
    text = pdf_text(response.content)
    assert PHOTO in text and NOTE in text and "f2.txt" in text
    assert "opstel.txt" not in text and "bericht.jpg" not in text  # names of its own only
    assert note.sha256[:32] in text.replace(" ", "").replace("\u200b", "")
    assert NOTE_TEXT.decode().strip() not in text  # a text file is listed, not printed
    assert b"GPS-SECRET" not in response.content  # the stored image is the clean one


def test_the_recipient_downloads_a_shared_file_only_through_the_delivery(
    personas, team, with_files, django_capture_on_commit_callbacks, mailoutbox
):
    personas.organisation.delivery_code_channel = "email"
    personas.organisation.save()
    contact, photo, note = with_files
    contact.email = "wijkagent@politie.example"
    contact.save()
    unshared = attach(personas, NOTE_TEXT, "ander.txt", "Een ander opstel.")
    with django_capture_on_commit_callbacks(execute=True):
        assert team.post(step6_url(personas), files_body(contact)).status_code == 302
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient = Client()
    file_url = reverse("delivery_file", kwargs={"token": token, "key": "f2"})
    assert recipient.get(file_url).status_code == 302  # no code given yet
    assert not AuditEvent.objects.filter(action="delivery.download_file").exists()

    html = recipient.post(page(token), {"code": code}, follow=True).content.decode()
    assert file_url in html and "f1.jpg" in html and "f2.txt" in html
    assert "bericht.jpg" not in html and unshared.filename not in html
    download = recipient.get(file_url)
    assert download.status_code == 200 and download.content == NOTE_TEXT
    assert download["Content-Disposition"].startswith("attachment;")
    assert "f2.txt" in download["Content-Disposition"] and "opstel" not in str(download.headers)
    assert download["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(action="delivery.download_file")
    assert event.detail["file"] == "f2" and event.detail["sha256"] == note.sha256
    other = reverse("delivery_file", kwargs={"token": token, "key": unshared.key})
    assert recipient.get(other).status_code == 404  # not shared: not through this delivery
    forged = reverse("delivery_file", kwargs={"token": "x" * 43, "key": "f2"})
    assert Client().get(forged).status_code == 404


def test_a_file_withdrawn_after_sharing_is_no_longer_downloadable(personas, team, with_files):
    from deelwijzer.attachments.services import attachment_withdraw
    from deelwijzer.disclosures.deliveries import delivery_file

    contact, photo, note = with_files
    contact.email = "wijkagent@politie.example"
    contact.save()
    team.post(step6_url(personas), files_body(contact))
    delivery = Disclosure.objects.get(case=personas.case).deliveries.get()
    attachment_withdraw(
        actor=personas.professional, case_id=personas.case.pk, key="f1", reason="Verkeerd."
    )
    with pytest.raises(Http404):
        delivery_file(delivery=delivery, key="f1")
    pdf = team.get(step6_url(personas, "disclosure_pdf", key="x1")).content
    assert "ingetrokken" in pdf_text(pdf) and PHOTO in pdf_text(pdf)  # described
    assert not [i for p in PdfReader(io.BytesIO(pdf)).pages for i in p.images]  # not drawn


def test_the_auditor_sees_that_files_exist_but_not_their_content(personas, client_for, with_files):
    _contact, photo, note = with_files
    auditor = client_for(personas.auditor)
    html = auditor.get(reverse("audit_case", args=[personas.case.public_id])).content.decode()
    for f in (photo, note):
        assert f.sha256 in html and f.description not in html  # that it exists, no content
    assert "opstel.txt" not in html  # not its name either
    assert "miniatuur" not in html and "/download/" not in html
    for name in ("attachment_download", "attachment_thumbnail"):
        for key in ("f1", "f2"):
            url = reverse(name, args=[personas.case.public_id, key])
            assert auditor.get(url).status_code == 404
    assert not AuditEvent.objects.filter(
        action__in=("attachment.download", "attachment.view_thumbnail")
    ).exists()


def test_a_file_key_the_case_does_not_have_shares_nothing_of_it(personas, team):
    """Only the case's own live files are offered; a made-up field is not read."""
    contact = ready_case(personas)
    response = team.post(step6_url(personas), share_body(contact, item_f9="on"))
    assert response.status_code == 302  # unknown field ignored: no such file is offered
    assert Disclosure.objects.get(case=personas.case).files == []


def test_a_file_name_that_names_the_young_person_does_not_go_out(personas, team):
    """The step 2 and files walk: 'Yusuf_Bakker_klas3B.jpg' was in the share document after
    'replace' had taken the name out of everything else; the check read the name with its
    underscores as one word. A shared file goes out as its key and the extension of what it
    is, so the name is neither refused nor sent."""
    contact = ready_case(personas)
    attach(personas, jpeg_with_gps(), "Yusuf_Bakker_klas3B.pdf", PHOTO)  # a JPEG, misnamed
    body = files_body(contact)
    del body["item_f2"], body["risk_f2"]  # the photo alone
    assert team.post(step6_url(personas), body).status_code == 302  # no identity found
    disclosure = Disclosure.objects.get(case=personas.case)
    assert [f["filename"] for f in disclosure.document["files"]] == ["f1.jpg"]
    response = team.get(step6_url(personas, "disclosure_pdf", key="x1"))
    text = pdf_text(response.content)
    assert "f1.jpg" in text and "Yusuf_Bakker" not in text and "klas3B" not in text
