"""The attachment pages: upload without JavaScript (a plain multipart POST), refusals as 422
with the input kept, 413 before the body is read, downloads that never render in the browser,
thumbnails on the step pages, withdrawal with a reason."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from deelwijzer.attachments.models import Attachment
from deelwijzer.audit.models import AuditEvent
from tests.attachments import helpers
from tests.attachments.conftest import stored_files


def add_url(personas, signal):
    return reverse("attachment_add", args=[personas.case.public_id, "signal", signal.key])


def post_file(client, url, data, name="foto.jpg", **fields):
    body = {"description": "Foto van een sticker op het kluisje", "made_on": "2026-03-03"}
    body.update(fields)
    body["file"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(url, body)


def test_upload_without_javascript_lands_on_the_entry_page_with_a_thumbnail(
    personas, signal, client_for
):
    client = client_for(personas.professional)
    response = post_file(client, add_url(personas, signal), helpers.jpeg_with_gps())
    entry = reverse("signal_entry", args=[personas.case.public_id, signal.key])
    assert response.status_code == 302 and response["Location"] == entry + "#bijlagen"
    page = client.get(entry).content.decode()
    thumb = reverse("attachment_thumbnail", args=[personas.case.public_id, "f1"])
    assert thumb in page and "Foto van een sticker op het kluisje" in page
    assert Attachment.objects.get().sha256 in page
    step1 = client.get(reverse("step1", args=[personas.case.public_id])).content.decode()
    assert thumb in step1  # thumbnails on the step page too
    image = client.get(thumb)
    assert image["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(image.content)).format == "JPEG"


def test_download_is_an_attachment_never_rendered(personas, signal, client_for):
    client = client_for(personas.professional)
    post_file(client, add_url(personas, signal), helpers.pdf(), 'brief aan "ouders".pdf')
    response = client.get(reverse("attachment_download", args=[personas.case.public_id, "f1"]))
    assert response.status_code == 200
    assert response.content == helpers.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    page = client.get(reverse("signal_entry", args=[personas.case.public_id, "s1"]))
    assert "kan metadata bevatten" in page.content.decode()
    assert AuditEvent.objects.filter(action="attachment.download").count() == 1


@pytest.mark.parametrize("kind", ["html", "svg", "exe", "docm"])
def test_a_refused_file_is_422_with_the_reason_and_the_description_kept(
    personas, signal, client_for, attachment_dir, kind
):
    data, name = helpers.refused_bytes(kind)
    response = post_file(client_for(personas.professional), add_url(personas, signal), data, name,
                         description="Wat de leerling mailde")  # fmt: skip
    assert response.status_code == 422
    page = response.content.decode()
    assert "kan niet als bijlage" in page and "Wat de leerling mailde" in page
    assert not Attachment.objects.exists() and stored_files(attachment_dir) == []


def test_an_empty_post_is_422_naming_each_missing_field(personas, signal, client_for):
    response = client_for(personas.professional).post(add_url(personas, signal), {})
    assert response.status_code == 422
    page = response.content.decode()
    for text in ("Kies een bestand", "Beschrijf kort", "Vul de datum in"):
        assert text in page


def test_a_body_over_the_file_limit_is_413_before_it_is_read(
    personas, signal, client_for, settings, attachment_dir
):
    settings.ATTACHMENT_FILE_MAX_BYTES = 1024 * 1024
    client = client_for(personas.professional)
    response = post_file(client, add_url(personas, signal), b"a" * (2_200_000), "groot.txt")
    assert response.status_code == 413
    assert "groter dan 1 MB" in response.content.decode()
    # within the body limit but over the file limit: refused by the service (422)
    response = post_file(client, add_url(personas, signal), b"a" * 1_100_000, "groot.txt")
    assert response.status_code == 422 and "groter dan 1 MB" in response.content.decode()
    assert stored_files(attachment_dir) == []


def test_the_attention_officer_gets_404_on_every_attachment_url(personas, signal, client_for):
    post_file(client_for(personas.professional), add_url(personas, signal),
              helpers.jpeg_with_gps())  # fmt: skip
    urls = [add_url(personas, signal)] + [
        reverse(name, args=[personas.case.public_id, "f1"])
        for name in ("attachment_download", "attachment_thumbnail", "attachment_withdraw")
    ]
    client = client_for(personas.attention_officer)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    inbox = client.get(reverse("inbox")).content.decode()
    assert "miniatuur" not in inbox and "bijlagen" not in inbox


def test_withdrawing_asks_a_reason_and_then_the_file_is_gone(
    personas, signal, client_for, attachment_dir, django_capture_on_commit_callbacks
):
    client = client_for(personas.professional)
    post_file(client, add_url(personas, signal), helpers.jpeg_with_gps())
    url = reverse("attachment_withdraw", args=[personas.case.public_id, "f1"])
    asked = client.get(url).content.decode()
    assert 'Waarom trek je dit bestand in? <span class="req">(verplicht)</span>' in asked
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 422
    assert "Schrijf kort op waarom je dit bestand intrekt." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Verkeerde leerling op de foto"})
    assert response.status_code == 302
    assert stored_files(attachment_dir) == []
    page = client.get(reverse("signal_entry", args=[personas.case.public_id, "s1"])).content
    assert "Verkeerde leerling op de foto" in page.decode()
    download = reverse("attachment_download", args=[personas.case.public_id, "f1"])
    assert client.get(download).status_code == 404
    # the walk: the same page in a second tab, sent after the first: it said the page did not
    # exist and dropped the reason without a word
    again = client.post(url, {"reason": "Ook weg ermee"}, follow=True)
    said = again.content.decode()
    assert again.redirect_chain[-1][0].endswith("#bijlagen")
    who = personas.professional.display_name()
    assert f"Bestand f1 is al ingetrokken, door {who} op" in said
    assert "Jouw reden is niet opgeslagen" in said and "Ook weg ermee" not in said
    assert Attachment.objects.get().withdrawal_reason == "Verkeerde leerling op de foto"


def test_a_conversation_takes_files_on_its_page_and_shows_them_on_step_3(personas, client_for):
    from deelwijzer.conversations.services import ConversationInput, conversation_record

    conversation = conversation_record(
        actor=personas.professional,
        case_id=personas.case.pk,
        data=ConversationInput(held_on=timezone.localdate(), participants=["youth"]),
    )
    client = client_for(personas.professional)
    url = reverse("attachment_add", args=[personas.case.public_id, "conversation",
                                          conversation.key])  # fmt: skip
    response = post_file(client, url, helpers.png_with_text(), "tekening.png")
    correct = reverse("step3_conversation_correct",
                      args=[personas.case.public_id, conversation.key])  # fmt: skip
    assert response.status_code == 302 and response["Location"] == correct + "#bijlagen"
    thumb = reverse("attachment_thumbnail", args=[personas.case.public_id, "f1"])
    assert thumb in client.get(correct).content.decode()
    assert thumb in client.get(reverse("step3", args=[personas.case.public_id])).content.decode()


def test_the_scripted_upload_gets_the_next_address_instead_of_a_redirect(
    personas, signal, client_for
):
    client = client_for(personas.professional)
    body = {"description": "Foto", "made_on": "2026-03-03",
            "file": SimpleUploadedFile("a.jpg", helpers.jpeg_with_gps())}  # fmt: skip
    response = client.post(add_url(personas, signal), body, headers={"X-Upload-Progress": "1"})
    entry = reverse("signal_entry", args=[personas.case.public_id, signal.key])
    assert response.status_code == 204 and response["X-Next-Location"] == entry + "#bijlagen"
    assert "Bestand f1 toegevoegd." in client.get(entry).content.decode()  # not used up


def test_a_scripted_upload_sent_again_stores_the_file_once(personas, signal, client_for):
    """The upload script sends the form the plain way after a network error; if the first
    upload did arrive, the file is not stored twice (ui/once.py)."""
    client = client_for(personas.professional)
    target = reverse("attachment_add", args=[personas.case.public_id, "signal", signal.key])
    photo = helpers.jpeg_with_gps()

    def body() -> dict:
        upload = SimpleUploadedFile("a.jpg", photo, content_type="image/jpeg")
        page = {"csrfmiddlewaretoken": "token-of-page-1"}  # the same page both times
        return {"description": "Foto", "made_on": "2026-03-03", "file": upload, **page}

    first = client.post(target, body(), headers={"X-Upload-Progress": "1"})
    again = client.post(target, body(), headers={"X-Upload-Progress": "1"})  # after an error
    assert first.status_code == 204 and again.status_code == 204
    assert again["X-Next-Location"] == first["X-Next-Location"]
    assert Attachment.objects.count() == 1
    changed = SimpleUploadedFile("b.jpg", photo + b"\0", content_type="image/jpeg")
    other = {**body(), "file": changed}
    assert client.post(target, other).status_code == 302  # another file is another post
    assert Attachment.objects.count() == 2


@pytest.mark.parametrize(
    ("added_as", "content_type", "downloads_as"),
    [
        ("foto.pdf", "image/png", "foto.png"),
        ("tekst.png", "text/plain", "tekst.txt"),
        ("scan.JPEG", "image/jpeg", "scan.JPEG"),
        ("brief.pdf", "application/pdf", "brief.pdf"),
        ("bestand", "image/png", "bestand.png"),
        (".png", "text/plain", ".png.txt"),
    ],
)
def test_a_download_has_the_extension_of_what_the_file_is(added_as, content_type, downloads_as):
    """The files walk: a PNG added as 'foto.pdf' was listed as an image and downloaded as
    'foto.pdf', which no program opened."""
    from deelwijzer.attachments.views import download_name

    assert download_name(added_as, content_type) == downloads_as


def test_a_misnamed_image_downloads_under_its_own_extension(personas, signal, client_for):
    client = client_for(personas.professional)
    post_file(client, add_url(personas, signal), helpers.png_with_text(), "foto.pdf")
    response = client.get(reverse("attachment_download", args=[personas.case.public_id, "f1"]))
    assert response["Content-Type"] == "image/png"
    assert 'filename="foto.png"' in response["Content-Disposition"]
