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
    """A photo f1 on signal s1 of the personas' case."""
    from deelwijzer.attachments.models import Attachment
    from deelwijzer.attachments.services import attachment_add
    from tests.attachments.helpers import jpeg_with_gps, upload
    from tests.signalling.permissions import ensure_entries

    ensure_entries(personas)
    found = Attachment.objects.filter(case=personas.case, withdrawn_at__isnull=True).first()
    if found is None:
        found = attachment_add(actor=personas.professional, case_id=personas.case.pk,
                               entry_kind="signal", entry_key="s1",
                               upload=upload(jpeg_with_gps()))  # fmt: skip
    return found.key


def url_kwargs(name: str, personas) -> dict:
    key = ensure_attachment(personas)
    if name == "attachment_add":
        return case_kwargs(personas, entry_kind="signal", entry_key="s1")
    return case_kwargs(personas, key=key)
