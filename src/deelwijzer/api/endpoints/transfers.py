"""Transfers (issue #20.2): the incoming ones for the receiving organisation's attention
officer or functional administrator, who accepts or declines them; the outgoing ones for the
sending case's team, with their status. Names of organisations, dates, counts and entry keys;
no case content (as the web pages)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from pydantic import Field

from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.problems import Problem
from deelwijzer.api.schemas import READ, WRITE
from deelwijzer.api.types import PublicId, RoleLine, Text
from deelwijzer.transfers import services
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.selectors import (
    incoming_for,
    outgoing_for,
    receiving_professionals,
    transfer_counts,
)

router = Router(tags=["overdrachten"])

TransferId = Path(description="Het id van de overdracht (UUID).")


class Professional(Schema):
    user_id: UUID  # the id accept's ``team`` takes
    name: str


class TransferOut(Schema):
    id: UUID
    status: str = Field(description="pending, accepted of declined")
    status_label: str
    from_organisation: str
    to_organisation: str
    prepared_at: datetime
    decided_at: datetime | None
    item_keys: list[str]
    counts: dict[str, int]
    case_id: UUID | None = Field(
        description="Uitgaand: de casus waaruit de overdracht komt. Inkomend: de casus die bij "
        "aanvaarden is geopend (alleen voor wie in het team zit te openen)."
    )
    decline_reason: str
    team_candidates: list[Professional] = Field(
        description="Inkomend en wachtend: de beroepskrachten die het nieuwe team kunnen vormen."
    )


class AcceptIn(Schema):
    team: list[PublicId] = Field(min_length=1, max_length=50)
    role_on_team: RoleLine


class DeclineIn(Schema):
    reason: Text


TransferPage = page_of(TransferOut, "TransferPage")


def _out(transfer: Transfer, *, incoming: bool) -> dict:
    pending = transfer.status == TransferStatus.PENDING
    case = transfer.new_case if incoming else transfer.case
    candidates = receiving_professionals(transfer) if incoming and pending else []
    return {
        "id": transfer.public_id,
        "status": transfer.status,
        "status_label": transfer.get_status_display(),
        "from_organisation": transfer.sender,
        "to_organisation": transfer.receiver,
        "prepared_at": transfer.prepared_at,
        "decided_at": transfer.decided_at,
        "item_keys": list(transfer.item_keys),
        "counts": transfer_counts(transfer),
        "case_id": case.public_id if case is not None else None,
        "decline_reason": transfer.decline_reason,
        "team_candidates": [{"user_id": u.public_id, "name": u.display_name()} for u in candidates],
    }


@router.get(
    "/transfers/incoming",
    response={200: TransferPage, 403: Problem, **READ},
    url_name="api_transfers_incoming",
)
def transfers_incoming(request, page: int = PageNumber):
    """Overdrachten naar jouw organisatie, voor de aandachtsfunctionaris en de functioneel
    beheerder; nieuwste eerst. Geen inhoud van de casus vóór aanvaarden."""
    rows = incoming_for(request.auth).select_related("new_case")
    return paginate(rows, page, lambda t: _out(t, incoming=True))


@router.get(
    "/transfers/outgoing", response={200: TransferPage, **READ}, url_name="api_transfers_outgoing"
)
def transfers_outgoing(request, page: int = PageNumber):
    """Overdrachten uit de casussen in wier team je zit, met hun status; nieuwste eerst."""
    return paginate(outgoing_for(request.auth), page, lambda t: _out(t, incoming=False))


@router.post(
    "/transfers/{uuid:transfer_id}/accept",
    response={200: TransferOut, **WRITE},
    url_name="api_transfer_accept",
)
def transfer_accept(request, payload: AcceptIn, transfer_id: UUID = TransferId):
    """Aanvaard de overdracht: de casus wordt bij jouw organisatie geopend met de gekozen
    beroepskrachten (ids uit ``team_candidates``) als team."""
    transfer = services.decidable(request.auth, transfer_id)
    by_id = {u.public_id: u.pk for u in receiving_professionals(transfer)}
    unknown = [str(i) for i in payload.team if i not in by_id]
    if unknown:
        raise ValidationError(
            {
                "team": [
                    _("Kies beroepskrachten uit team_candidates; onbekend: %(ids)s.")
                    % {"ids": ", ".join(unknown)}
                ]
            }
        )
    services.transfer_accept(
        actor=request.auth,
        transfer_id=transfer_id,
        team_user_ids=[by_id[i] for i in payload.team],
        role_on_team=payload.role_on_team,
    )
    return _out(services.decidable(request.auth, transfer_id), incoming=True)


@router.post(
    "/transfers/{uuid:transfer_id}/decline",
    response={200: TransferOut, **WRITE},
    url_name="api_transfer_decline",
)
def transfer_decline(request, payload: DeclineIn, transfer_id: UUID = TransferId):
    """Wijs de overdracht af, met een reden; de afzender ziet het en houdt zijn casus."""
    transfer = services.transfer_decline(
        actor=request.auth, transfer_id=transfer_id, reason=payload.reason
    )
    return _out(transfer, incoming=True)
