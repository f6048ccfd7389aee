"""Reads of transfers: where the entries of a case came from (issue #20.2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from deelwijzer.cases.access import cases_for
from deelwijzer.organisations.models import Membership, Role
from deelwijzer.organisations.roles import organisations_with_role
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Diagnosis, Opinion, Signal
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.subset import IMPORTED

DECIDERS = (Role.ATTENTION_OFFICER, Role.ORG_ADMIN)


def deciding_organisations(user) -> list[int]:
    """The organisations where ``user`` may decide on an incoming transfer: where they are
    attention officer or functional administrator (no query: the roles are kept per request)."""
    ids: set[int] = set()
    for role in DECIDERS:
        ids |= set(organisations_with_role(user, role))
    return sorted(ids)


def incoming_for(user) -> QuerySet[Transfer]:
    """Transfers to the organisations where ``user`` is attention officer or functional
    administrator; PermissionDenied for anyone who is neither anywhere."""
    ids = deciding_organisations(user)
    if not ids:
        raise PermissionDenied
    rows = Transfer.objects.filter(to_organisation_id__in=ids)
    return rows.select_related("from_organisation", "to_organisation")


def waiting_for_decision(user) -> QuerySet[Transfer]:
    """The incoming transfers that wait for ``user``'s decision (none for anyone who may not
    decide): for the home page and the menu count."""
    return Transfer.objects.filter(
        to_organisation_id__in=deciding_organisations(user), status=TransferStatus.PENDING
    )


def transfer_counts(transfer: Transfer) -> dict[str, int]:
    """How many entries of each imported group the transfer carries (or carried: after the
    decision its case file is cleared, its entry keys stay), from the keys' prefixes."""
    groups = dict(zip(IMPORTED, (Signal, Opinion, Diagnosis, Risk), strict=True))
    return {
        group: sum(1 for key in transfer.item_keys if key.rstrip("0123456789") == model.KEY_PREFIX)
        for group, model in groups.items()
    }


def outgoing_for(user) -> QuerySet[Transfer]:
    """Transfers prepared from the cases in whose team ``user`` is."""
    rows = Transfer.objects.filter(case__in=cases_for(user))
    return rows.select_related("case", "from_organisation", "to_organisation")


def receiving_professionals(transfer: Transfer) -> list:
    """The active professionals of the receiving organisation: who can form the new team."""
    rows = Membership.objects.filter(
        organisation_id=cast(int, transfer.to_organisation_id),  # decidable: set
        role=Role.PROFESSIONAL,
        active=True,
        user__is_active=True,
    ).select_related("user")
    return sorted((m.user for m in rows), key=lambda u: u.display_name())


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
