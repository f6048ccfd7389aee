"""Attachments (issue 19): files on a signal, contra-signal or conversation. Upload as
multipart (``file``, ``description``, ``made_on``), read back the stored file (the re-encoded
one for an image), withdraw with a reason. Thin: the attachments services decide; every field
of the upload is optional in the schema so that access (404) is checked before the service
names what is missing (422)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.schemas import READ, WRITE
from deelwijzer.api.types import CaseId, EntryKey, Text
from deelwijzer.attachments import selectors, services
from deelwijzer.attachments.models import Attachment
from deelwijzer.attachments.views import download_response
from deelwijzer.cases.services import case_view

router = Router(tags=["bijlagen"])

FILE_RESPONSE = {
    "responses": {
        200: {
            "description": "Het opgeslagen bestand (bij een afbeelding: zonder metadata), "
            "altijd als download (Content-Disposition: attachment).",
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in (
                    "image/jpeg",
                    "image/png",
                    "image/webp",
                    "application/pdf",
                    "text/plain",
                )
            },
        }
    }
}


# The upload's fields, each optional in the schema (the service says what is missing, after
# the access check); module-level so that the signatures hold no calls.
NO_FILE = File(None)
NO_TEXT = Form("")
NO_DATE = Form(None)


class AttachmentOut(Schema):
    key: str
    entry_kind: str
    entry_key: str
    filename: str
    content_type: str
    size: int
    sha256: str
    description: str
    made_on: date
    may_contain_metadata: bool
    added_at: datetime
    withdrawn_at: datetime | None


class WithdrawIn(Schema):
    reason: Text


def attachment_out(a: Attachment) -> dict:
    fields = AttachmentOut.model_fields
    return {name: getattr(a, name) for name in fields}


def _add(request, case_id, kind: str, key: str, file, description, made_on):
    upload = services.Upload(
        filename=(file.name or "") if file is not None else "",
        data=file.read() if file is not None else b"",
        description=description or "",
        made_on=made_on,
    )
    added = services.attachment_add(
        actor=request.auth, case_id=case_id, entry_kind=kind, entry_key=key, upload=upload
    )
    return Status(201, attachment_out(added))


@router.post(
    "/cases/{uuid:case_id}/signals/{key}/attachments", response={201: AttachmentOut, **WRITE}
)
def signal_attachment_add(
    request,
    case_id: CaseId,
    key: EntryKey,
    file: UploadedFile | None = NO_FILE,
    description: Text = NO_TEXT,
    made_on: date | None = NO_DATE,
):
    """Voeg een bestand toe aan een signaal of contrasignaal (hoogstens 10; JPEG, PNG, WebP,
    HEIC, PDF of platte tekst). Een afbeelding wordt zonder metadata opgeslagen."""
    return _add(request, case_id, "signal", key, file, description, made_on)


@router.post(
    "/cases/{uuid:case_id}/conversations/{key}/attachments",
    response={201: AttachmentOut, **WRITE},
)
def conversation_attachment_add(
    request,
    case_id: CaseId,
    key: EntryKey,
    file: UploadedFile | None = NO_FILE,
    description: Text = NO_TEXT,
    made_on: date | None = NO_DATE,
):
    """Voeg een bestand toe aan een gesprek (stap 3); zoals bij een signaal."""
    return _add(request, case_id, "conversation", key, file, description, made_on)


AttachmentPage = page_of(AttachmentOut, "AttachmentPage")


@router.get(
    "/cases/{uuid:case_id}/attachments",
    response={200: AttachmentPage, **READ},
    url_name="api_attachments",
)
def attachments_list(request, case_id: CaseId, page: int = PageNumber):
    """De bestanden van de casus, ingetrokken bestanden inbegrepen (met ``withdrawn_at``): hun
    kenmerken voor het lezen en intrekken (gelogd, zoals de stappagina)."""
    case, _access = case_view(actor=request.auth, case_id=case_id)
    return paginate(selectors.case_attachments(case), page, attachment_out)


@router.get(
    "/cases/{uuid:case_id}/attachments/{key}",
    response={200: None, **READ},
    openapi_extra=FILE_RESPONSE,
)
def attachment_read(request, case_id: CaseId, key: EntryKey):
    """Het opgeslagen bestand (gelogd). Een ingetrokken bestand is vernietigd: 404."""
    attachment, data = services.attachment_open(actor=request.auth, case_id=case_id, key=key)
    response: HttpResponse = download_response(attachment, data)
    return response


@router.delete("/cases/{uuid:case_id}/attachments/{key}", response={200: AttachmentOut, **WRITE})
def attachment_withdraw(request, case_id: CaseId, key: EntryKey, payload: WithdrawIn):
    """Trek een bestand in, met de reden: de aantekening krijgt een nieuwe versie die dat
    zegt, het bestand wordt vernietigd."""
    withdrawn = services.attachment_withdraw(
        actor=request.auth, case_id=case_id, key=key, reason=payload.reason
    )
    return attachment_out(withdrawn)
