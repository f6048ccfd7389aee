"""Step 5: which status a decision may move to, in one table (R5.3).

A decision is prepared (draft, or returned by the decision maker), submitted to the decision
maker, and then signed off or sent back. A signed-off decision is final: reconsidering it
starts a new decision, with a new key. The services look up the decision being prepared
(``None`` when there is none) and ask :func:`ensure_transition` before they write; they keep
their own access checks and audit events.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deelwijzer.decisions.models import DecisionStatus, SharingDecision
from deelwijzer.transitions import Moves, Table, ensure

DRAFT, SUBMITTED = DecisionStatus.DRAFT, DecisionStatus.SUBMITTED
SIGNED_OFF, RETURNED = DecisionStatus.SIGNED_OFF, DecisionStatus.RETURNED


_NOT_SUBMITTED = _("Er ligt geen ingediend besluit klaar om af te tekenen.")
_PREPARING = Moves(frozenset({DRAFT, SUBMITTED}), _NOT_SUBMITTED)

# From the status of the decision being prepared (None: there is none) to what may follow.
TRANSITIONS: Table = {
    None: _PREPARING,
    DRAFT: _PREPARING,
    RETURNED: _PREPARING,
    SUBMITTED: Moves(
        frozenset({SIGNED_OFF, RETURNED}),
        _("Dit besluit ligt bij de beslisser. Wacht op het besluit of op een terugsturing."),
    ),
    SIGNED_OFF: Moves(
        frozenset(),
        _("Dit besluit is afgetekend en staat vast. Wil je het heroverwegen, begin dan een nieuw."),
    ),
}


def allowed(decision: SharingDecision | None, to_status: str) -> bool:
    return to_status in TRANSITIONS[decision.status if decision else None].allowed


def ensure_transition(decision: SharingDecision | None, to_status: str) -> None:
    """Refuse (ValidationError, nothing written) a status the table does not allow next."""
    ensure(TRANSITIONS, decision.status if decision else None, to_status)
