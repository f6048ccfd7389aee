"""The permission table for attachments: like the entry they belong to, only the team (the
professional on it); the attention officer, the auditor and everyone else get 404."""

from __future__ import annotations

from tests.permissions import case_kwargs, table

CASE_PAGE = table(404, professional=200)

GET_TABLE: dict[str, dict[str, int]] = {
    "attachment_add": CASE_PAGE,
    "attachment_download": CASE_PAGE,
    "attachment_thumbnail": CASE_PAGE,
    "attachment_withdraw": CASE_PAGE,
}

# With the harmless body {"active": "1"}: no file, no reason: refused on the form (422).
POST_TABLE: dict[str, dict[str, int]] = {
    "attachment_add": table(404, professional=422),
    "attachment_download": table(404, professional=405),
    "attachment_thumbnail": table(404, professional=405),
    "attachment_withdraw": table(404, professional=422),
}


def ensure_attachment(personas) -> str:
    """A photo f1 on signal s1 of the personas' case, stored as the service stores it (made
    directly, so that a closed case gets one too)."""
    from deelwijzer.attachments import storage
    from deelwijzer.attachments.images import clean_image
    from deelwijzer.attachments.models import Attachment
    from deelwijzer.attachments.sniff import sniff
    from tests.attachments.helpers import jpeg_with_gps
    from tests.signalling.permissions import ensure_entries

    ensure_entries(personas)
    found = Attachment.objects.filter(case=personas.case, withdrawn_at__isnull=True).first()
    if found is None:
        data = jpeg_with_gps()
        cleaned = clean_image(data, sniff(data))
        found = Attachment.objects.create(
            case=personas.case, key="f1", entry_kind="signal", entry_key="s1",
            filename="foto.jpg", content_type=cleaned.content_type, kind="image",
            size=len(cleaned.data), sha256="0" * 64, description="Foto", made_on="2026-03-03",
            storage_name=storage.put(storage.new_name(personas.case.public_id), cleaned.data),
            thumbnail_name=storage.put(
                storage.new_name(personas.case.public_id, "-t"), cleaned.thumbnail
            ),
            added_by=personas.professional,
        )  # fmt: skip
    return found.key


def url_kwargs(name: str, personas) -> dict:
    key = ensure_attachment(personas)
    if name == "attachment_add":
        return case_kwargs(personas, entry_kind="signal", entry_key="s1")
    return case_kwargs(personas, key=key)
