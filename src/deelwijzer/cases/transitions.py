"""A case's status, in one table: open -> closed (the team closes it, with a reason) and
closed -> open (the team reopens it, with a reason).

Closing an already closed case never gets here: ``get_case`` refuses every write to a closed
case first (``CaseClosed``, the 409 page that tells the way back). The services in
``cases/lifecycle.py`` ask :func:`ensure_transition` before they write; they keep their own
access checks and audit events.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.models import Case, CaseStatus
from deelwijzer.transitions import Moves, Table, ensure

TRANSITIONS: Table = {
    CaseStatus.OPEN: Moves(
        frozenset({CaseStatus.CLOSED}),
        _("Deze casus is niet gesloten; heropenen is niet nodig."),
    ),
    CaseStatus.CLOSED: Moves(frozenset({CaseStatus.OPEN}), _("Deze casus is al gesloten.")),
}


def ensure_transition(case: Case, to_status: str) -> None:
    """Refuse (ValidationError, nothing written) a status the table does not allow next."""
    ensure(TRANSITIONS, case.status, to_status)
