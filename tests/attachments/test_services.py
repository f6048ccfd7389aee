"""Adding, reading and withdrawing attachments through the services (issue 19)."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from PIL import Image

from deelwijzer.attachments import storage
from deelwijzer.attachments.models import Attachment
from deelwijzer.attachments.services import (
    attachment_add,
    attachment_open,
    attachment_withdraw,
)
from deelwijzer.audit.models import AuditEvent
from deelwijzer.signalling.models import Signal
from tests.attachments import helpers
from tests.attachments.conftest import stored_files

SECRETS = [
    helpers.ARTIST.encode(),
    helpers.GPS_MARK,
    b"XMP-SECRET",
    b"COMMENT-SECRET",
    b"PNG-SECRET",
    b"iTXt-SECRET",
    b"zTXt-SECRET",
    b"Telefoonmerk",
    b"Jan Jansen",
    b"Exif",
    b"xpacket",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
]


add = helpers.attach


def read(personas, attachment, thumbnail=False, user=None):
    return attachment_open(
        actor=user or personas.professional,
        case_id=personas.case.public_id,
        key=attachment.key,
        thumbnail=thumbnail,
    )[1]


@pytest.mark.parametrize(
    "make, content_type",
    [
        (helpers.jpeg_with_gps, "image/jpeg"),
        (helpers.png_with_text, "image/png"),
        (helpers.webp_with_metadata, "image/webp"),
    ],
)
def test_every_kind_of_metadata_is_gone_from_the_stored_image(personas, signal, make, content_type):
    original = make()
    assert any(secret in original for secret in SECRETS)  # the test file does carry them
    attachment = add(personas, signal, original)
    stored = read(personas, attachment)
    assert attachment.content_type == content_type
    for secret in SECRETS:
        assert secret not in stored, secret
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif()
    assert "xmp" not in image.info and "icc_profile" not in image.info
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest()
    assert attachment.size == len(stored)
    assert not attachment.may_contain_metadata


def test_the_orientation_is_applied_and_a_thumbnail_made(personas, signal):
    # orientation 6: the camera held sideways; the stored picture is upright (32 x 64)
    attachment = add(personas, signal, helpers.jpeg_with_gps(orientation=6))
    image = Image.open(io.BytesIO(read(personas, attachment)))
    assert image.size == (32, 64)
    thumb = Image.open(io.BytesIO(read(personas, attachment, thumbnail=True)))
    assert thumb.format == "JPEG" and max(thumb.size) <= 320


def test_a_pdf_is_kept_as_it_is_and_flagged(personas, signal):
    attachment = add(personas, signal, helpers.pdf(), "verslag.pdf")
    assert read(personas, attachment) == helpers.pdf()
    assert attachment.may_contain_metadata and attachment.content_type == "application/pdf"
    assert not attachment.thumbnail_name


def test_plain_text_is_accepted(personas, signal):
    text = "Opstel van de leerling, 3 maart.\nIk vind dat één ...\n".encode()
    attachment = add(personas, signal, text, "opstel.txt")
    assert attachment.kind == "text" and read(personas, attachment) == text


@pytest.mark.parametrize("kind", sorted(helpers.REFUSED))
def test_a_refused_kind_is_refused_with_a_reason_and_nothing_is_stored(
    personas, signal, attachment_dir, kind
):
    data, name = helpers.refused_bytes(kind)
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, data, name)
    message = " ".join(refused.value.message_dict["file"])
    assert "kan niet" in message or "onbekende soort" in message
    assert not Attachment.objects.exists()
    assert stored_files(attachment_dir) == []


def test_the_name_of_what_is_refused_is_said(personas, signal):
    cases = {
        "exe": "programma",
        "zip": "archief",
        "docm": "macro",
        "html": "webpagina",
        "svg": "SVG",
        "script": "script",
        "ole": "macro",
    }
    for kind, word in cases.items():
        data, name = helpers.refused_bytes(kind)
        with pytest.raises(ValidationError) as refused:
            add(personas, signal, data, name)
        assert word in refused.value.message_dict["file"][0], kind


def test_an_oversize_file_is_refused_and_nothing_stored(personas, signal, settings, attachment_dir):
    settings.ATTACHMENT_FILE_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"a" * (1024 * 1024 + 1), "groot.txt")
    assert "groter dan 1 MB" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists() and stored_files(attachment_dir) == []


def test_the_case_limit_counts_every_file_of_the_case(personas, signal, settings):
    settings.ATTACHMENT_CASE_MAX_BYTES = 1024 * 1024
    add(personas, signal, b"a" * 700_000, "een.txt")
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"b" * 400_000, "twee.txt")
    assert "boven 1 MB" in refused.value.message_dict["file"][0]
    assert Attachment.objects.count() == 1


def test_ten_files_per_entry_at_most(personas, signal, attachment_dir):
    for number in range(10):
        add(personas, signal, f"bestand {number}\n".encode(), f"{number}.txt")
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"elfde\n", "11.txt")
    assert "maximum" in refused.value.message_dict["file"][0]
    assert Attachment.objects.count() == 10 and len(stored_files(attachment_dir)) == 10


def test_description_and_date_are_required_and_the_date_not_in_the_future(personas, signal):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"tekst\n", "a.txt", description="  ", made_on=None)
    assert set(refused.value.message_dict) == {"description", "made_on"}
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"tekst\n", "a.txt", made_on=tomorrow)
    assert "toekomst" in refused.value.message_dict["made_on"][0]


def test_the_bytes_on_disk_are_not_the_plaintext(personas, signal, attachment_dir):
    text = b"Dit is de tekst die niemand op schijf mag lezen: Jan Jansen.\n" * 20
    attachment = add(personas, signal, text, "a.txt")
    files = stored_files(attachment_dir)
    assert len(files) == 1
    on_disk = files[0].read_bytes()
    assert b"Jan Jansen" not in on_disk and on_disk.startswith(b"DWF1")
    assert str(personas.case.public_id) in str(files[0])  # grouped by case, name random
    assert storage.get(attachment.storage_name) == text


def test_a_file_moved_to_another_name_does_not_decrypt(personas, signal):
    from deelwijzer import crypto

    one = add(personas, signal, b"een\n", "a.txt")
    two = add(personas, signal, b"twee\n", "b.txt")
    storage.rewrite(two.storage_name, storage.read_sealed(one.storage_name))
    with pytest.raises(crypto.TamperedValueError):
        storage.get(two.storage_name)


def test_attention_officer_auditor_and_strangers_get_404(personas, signal):
    attachment = add(personas, signal, helpers.jpeg_with_gps())
    for user in (
        personas.attention_officer,
        personas.auditor,
        personas.stranger,
        personas.colleague,
        personas.org_admin,
    ):
        with pytest.raises(Http404):
            read(personas, attachment, user=user)
        with pytest.raises(Http404):
            attachment_add(
                actor=user,
                case_id=personas.case.public_id,
                entry_kind="signal",
                entry_key=signal.key,
                upload=helpers.upload(b"x\n", "a.txt"),
            )


def test_every_read_is_audited_and_the_auditor_sees_that_it_exists(personas, signal):
    attachment = add(personas, signal, helpers.jpeg_with_gps())
    read(personas, attachment)
    read(personas, attachment, thumbnail=True)
    actions = list(
        AuditEvent.objects.filter(object_type="attachment").values_list("action", "object_id")
    )
    assert actions == [
        ("attachment.add", attachment.key),
        ("attachment.download", attachment.key),
        ("attachment.view_thumbnail", attachment.key),
    ]
    added = AuditEvent.objects.get(action="attachment.add")
    assert added.detail["sha256"] == attachment.sha256  # what exists, not what it shows
    assert "Schermafbeelding" not in str(added.detail)


def test_an_unknown_entry_is_404(personas, signal):
    with pytest.raises(Http404):
        attachment_add(
            actor=personas.professional,
            case_id=personas.case.public_id,
            entry_kind="signal",
            entry_key="s99",
            upload=helpers.upload(b"x\n"),
        )
    with pytest.raises(Http404):
        attachment_add(
            actor=personas.professional,
            case_id=personas.case.public_id,
            entry_kind="risk",
            entry_key=signal.key,
            upload=helpers.upload(b"x\n"),
        )


def test_withdrawing_is_a_correction_and_destroys_the_bytes(
    personas, signal, attachment_dir, django_capture_on_commit_callbacks
):
    attachment = add(personas, signal, helpers.jpeg_with_gps())
    assert len(stored_files(attachment_dir)) == 2  # the image and its thumbnail
    with pytest.raises(ValidationError):
        attachment_withdraw(
            actor=personas.professional,
            case_id=personas.case.public_id,
            key=attachment.key,
            reason=" ",
        )
    with django_capture_on_commit_callbacks(execute=True):
        attachment_withdraw(
            actor=personas.professional,
            case_id=personas.case.public_id,
            key=attachment.key,
            reason="Verkeerde foto gekozen",
        )
    assert stored_files(attachment_dir) == []
    attachment.refresh_from_db()
    assert attachment.withdrawn and attachment.withdrawal_reason == "Verkeerde foto gekozen"
    current = Signal.objects.get(case=personas.case, key=signal.key, is_current=True)
    assert current.version == 2
    assert "f1" in current.correction_note and "Verkeerde foto gekozen" in current.correction_note
    with pytest.raises(Http404):
        read(personas, attachment)


def test_a_heic_photo_is_stored_as_jpeg_without_its_exif(personas, signal):
    original = helpers.heic_with_artist()
    assert helpers.ARTIST.encode() in original and original[4:12] == b"ftypheic"
    attachment = add(personas, signal, original, "IMG_0001.HEIC")
    stored = read(personas, attachment)
    assert attachment.content_type == "image/jpeg" and stored.startswith(b"\xff\xd8\xff")
    for secret in SECRETS:
        assert secret not in stored, secret
    assert Image.open(io.BytesIO(stored)).size == (64, 32)
