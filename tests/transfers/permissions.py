"""The permission table for transfers (issue #20.2)."""

from __future__ import annotations

from uuid import UUID

from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "transfer_new": table(404, professional=200),
    "transfer_incoming": table(403, attention_officer=200, org_admin=200),
    "transfer_register": table(403, auditor=200),
    "transfer_decide": table(404, attention_officer=200, org_admin=200),
}

# With the harmless body {"active": "1"}: the form comes back refused (422), nothing happens.
POST_TABLE: dict[str, dict[str, int]] = {
    "transfer_new": table(404, professional=422),
    "transfer_decide": table(404, attention_officer=422, org_admin=422),
}


def ensure_incoming(personas) -> UUID:
    """A pending transfer from the other organisation's case to the personas' organisation."""
    from deelwijzer.transfers.models import Transfer

    transfer, _created = Transfer.objects.get_or_create(
        case=personas.other_case,
        defaults={
            "from_organisation": personas.other_organisation,
            "to_organisation": personas.organisation,
            "casefile": {}, "purpose": "-", "ground": "consent", "decision_key": "b1",
            "prepared_by": personas.stranger,
        },
    )  # fmt: skip
    return transfer.public_id


def url_kwargs(name: str, personas) -> dict:
    if name in {"transfer_incoming", "transfer_register"}:
        return {}
    if name == "transfer_decide":
        return {"transfer_id": ensure_incoming(personas)}
    return case_kwargs(personas)
