"""Which status a transfer may move to (issue #20.2): pending, then accepted or declined, once."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deelwijzer.transfers.models import TransferStatus
from deelwijzer.transitions import Moves, Table

PENDING, ACCEPTED, DECLINED = (
    TransferStatus.PENDING,
    TransferStatus.ACCEPTED,
    TransferStatus.DECLINED,
)
_DECIDED = Moves(frozenset(), _("Over deze overdracht is al besloten."))

TRANSITIONS: Table = {
    PENDING: Moves(frozenset({ACCEPTED, DECLINED}), _("Deze overdracht wacht op een besluit.")),
    ACCEPTED: _DECIDED,
    DECLINED: _DECIDED,
}
