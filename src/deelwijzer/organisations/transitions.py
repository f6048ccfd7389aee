"""A role change's status (``RoleGrant``), in one table: a pending change is approved or
rejected by a second administrator, once; after that it stands.

``organisations/grants.py`` asks :func:`ensure_transition` before it writes; it keeps its own
access checks (an administrator, not one's own change: four eyes) and audit events.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deelwijzer.organisations.models import RoleGrant
from deelwijzer.transitions import Moves, Table, ensure

PENDING, APPROVED = RoleGrant.Status.PENDING, RoleGrant.Status.APPROVED
REJECTED = RoleGrant.Status.REJECTED


DECIDED = _("Deze rolwijziging wacht niet (meer) op goedkeuring; er is niets gewijzigd.")
TRANSITIONS: Table = {
    PENDING: Moves(frozenset({APPROVED, REJECTED}), DECIDED),
    APPROVED: Moves(frozenset(), DECIDED),
    REJECTED: Moves(frozenset(), DECIDED),
}


def ensure_transition(grant: RoleGrant, to_status: str) -> None:
    """Refuse (ValidationError, nothing written) a status the table does not allow next."""
    ensure(TRANSITIONS, grant.status, to_status)
