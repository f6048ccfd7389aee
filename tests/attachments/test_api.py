"""The attachments API: multipart upload (201 with key, filename, content type, size, hash,
description, date), the stored file back, withdrawal with a reason, refusals as problems."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from deelwijzer.attachments.models import Attachment
from deelwijzer.audit.models import AuditEvent
from tests.api.helpers import BASE, token_for
from tests.attachments import helpers
from tests.attachments.conftest import stored_files


def upload(client, user, path, data, name="foto.jpg", **fields):
    body = {"description": "Schermafbeelding van een bericht", "made_on": "2026-03-03"}
    body.update(fields)
    body["file"] = io.BytesIO(data)
    body["file"].name = name
    return client.post(BASE + path, body, headers={"Authorization": f"Bearer {token_for(user)}"})


def call(client, user, method, path, body=None):
    kwargs = {"headers": {"Authorization": f"Bearer {token_for(user)}"}}
    if body is not None:
        import json

        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(BASE + path, **kwargs)


def test_upload_answers_201_with_what_was_stored(personas, signal, client):
    path = f"/cases/{personas.case.public_id}/signals/{signal.key}/attachments"
    response = upload(client, personas.professional, path, helpers.jpeg_with_gps())
    assert response.status_code == 201, response.content
    body = response.json()
    stored = Attachment.objects.get()
    assert body["key"] == "f1" and body["entry_key"] == signal.key
    assert body["filename"] == "foto.jpg" and body["content_type"] == "image/jpeg"
    assert body["made_on"] == "2026-03-03" and body["description"].startswith("Scherm")
    assert body["size"] == stored.size and body["sha256"] == stored.sha256
    assert AuditEvent.objects.filter(action="attachment.add", object_id="f1").exists()

    got = call(client, personas.professional, "get",
               f"/cases/{personas.case.public_id}/attachments/f1")  # fmt: skip
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == body["sha256"]
    assert helpers.ARTIST.encode() not in got.content and helpers.GPS_MARK not in got.content
    assert Image.open(io.BytesIO(got.content)).format == "JPEG"
    assert got["Content-Disposition"].startswith("attachment;")
    assert got["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action="attachment.download", object_id="f1").exists()


def test_a_refused_file_is_a_422_problem_and_nothing_is_stored(
    personas, signal, client, attachment_dir
):
    path = f"/cases/{personas.case.public_id}/signals/{signal.key}/attachments"
    data, name = helpers.refused_bytes("exe")
    response = upload(client, personas.professional, path, data, name)
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert "programma" in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(attachment_dir) == []


def test_an_oversize_body_is_413_before_it_is_read(personas, signal, client, settings):
    settings.ATTACHMENT_FILE_MAX_BYTES = 1024 * 1024
    path = f"/cases/{personas.case.public_id}/signals/{signal.key}/attachments"
    response = upload(client, personas.professional, path, b"a" * 2_200_000, "groot.txt")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")
    assert not Attachment.objects.exists()


def test_delete_withdraws_with_a_reason(
    personas, signal, client, django_capture_on_commit_callbacks, attachment_dir
):
    path = f"/cases/{personas.case.public_id}/signals/{signal.key}/attachments"
    upload(client, personas.professional, path, b"opstel\n", "opstel.txt")
    url = f"/cases/{personas.case.public_id}/attachments/f1"
    assert call(client, personas.professional, "delete", url, {"reason": " "}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, personas.professional, "delete", url, {"reason": "Dubbel"})
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    assert stored_files(attachment_dir) == []
    assert call(client, personas.professional, "get", url).status_code == 404


def test_a_conversation_takes_files_too(personas, client):
    from django.utils import timezone

    from deelwijzer.conversations.services import ConversationInput, conversation_record

    conversation_record(
        actor=personas.professional,
        case_id=personas.case.pk,
        data=ConversationInput(held_on=timezone.localdate(), participants=["youth"]),
    )
    path = f"/cases/{personas.case.public_id}/conversations/c1/attachments"
    response = upload(client, personas.professional, path, helpers.pdf(), "verslag.pdf")
    assert response.status_code == 201
    assert response.json()["may_contain_metadata"] is True


def test_the_attention_officer_and_auditor_get_404_on_every_attachment_call(
    personas, signal, client
):
    path = f"/cases/{personas.case.public_id}/signals/{signal.key}/attachments"
    upload(client, personas.professional, path, b"opstel\n", "opstel.txt")
    url = f"/cases/{personas.case.public_id}/attachments/f1"
    for user in (personas.attention_officer, personas.auditor):
        assert upload(client, user, path, b"x\n", "x.txt").status_code == 404
        assert call(client, user, "get", url).status_code == 404
        assert call(client, user, "delete", url, {"reason": "x"}).status_code == 404
    assert Attachment.objects.count() == 1
