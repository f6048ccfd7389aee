"""Reads of transfers: where the entries of a case came from (issue #20.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from deelwijzer.transfers.models import Transfer, TransferStatus


@dataclass(frozen=True)
class Origin:
    """An entry that came in through a transfer: from which organisation, when accepted."""

    sender: str
    on: datetime


def entry_origins(case) -> dict[str, Origin]:
    """``{entry key: Origin}`` for the entries an accepted transfer brought into ``case``.
    The case file (CASEFILE.md) has no field for this: it stays in this installation."""
    origins: dict[str, Origin] = {}
    accepted = Transfer.objects.filter(new_case=case, status=TransferStatus.ACCEPTED)
    for transfer in accepted.select_related("from_organisation"):
        origin = Origin(transfer.sender, transfer.decided_at or transfer.prepared_at)
        origins.update(dict.fromkeys(transfer.imported_keys, origin))
    return origins


def cached_entry_origins(case) -> dict[str, Origin]:
    """``entry_origins`` once per case object (a step page shows many entries)."""
    found = getattr(case, "_entry_origins", None)
    if found is None:
        found = entry_origins(case)
        case._entry_origins = found
    return found
