"""What pages read of attachments (not audited here: the page that shows them audits its own
read, and the file itself is audited when it is opened)."""

from __future__ import annotations

from collections import defaultdict

from deelwijzer.attachments.models import Attachment
from deelwijzer.cases.models import Case


def attachments_of(case: Case, entry_kind: str, entry_key: str) -> list[Attachment]:
    """The entry's files, withdrawn ones included (they say what was there and why it went)."""
    return list(
        Attachment.objects.filter(case=case, entry_kind=entry_kind, entry_key=entry_key)
        .select_related("added_by", "withdrawn_by")
        .order_by("added_at", "pk")
    )


def live_by_entry(case: Case, entry_kind: str) -> dict[str, list[Attachment]]:
    """The files that are still there, per entry key (for the thumbnails on a step page)."""
    found: dict[str, list[Attachment]] = defaultdict(list)
    rows = Attachment.objects.filter(case=case, entry_kind=entry_kind, withdrawn_at__isnull=True)
    for attachment in rows.order_by("added_at", "pk"):
        found[attachment.entry_key].append(attachment)
    return dict(found)


def case_attachments(case: Case) -> list[Attachment]:
    """Every file of the case, for the dossier."""
    return list(
        Attachment.objects.filter(case=case)
        .select_related("added_by", "withdrawn_by")
        .order_by("added_at", "pk")
    )


def _inline(attachments: list[Attachment], *, thumbnail: bool) -> dict[str, str]:
    import base64

    from deelwijzer.attachments import storage

    found = {}
    for attachment in attachments:
        name = attachment.thumbnail_name if thumbnail else attachment.storage_name
        if name and attachment.is_image and not attachment.withdrawn:
            data = base64.b64encode(storage.get(name)).decode("ascii")
            kind = "image/jpeg" if thumbnail else attachment.content_type
            found[attachment.key] = f"data:{kind};base64,{data}"
    return found


def thumbnails_inline(attachments: list[Attachment]) -> dict[str, str]:
    """``{key: data URI}`` of the thumbnails, for a PDF (WeasyPrint reads no URL of the app).
    Decrypts: call it only inside a read that is audited as a whole (the dossier PDF)."""
    return _inline(attachments, thumbnail=True)


def pictures_inline(attachments: list[Attachment]) -> dict[str, str]:
    """``{key: data URI}`` of the images themselves (as stored: re-encoded, without
    metadata), for a PDF; like ``thumbnails_inline``, only inside an audited read."""
    return _inline(attachments, thumbnail=False)
