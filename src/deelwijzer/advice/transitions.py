"""Step 2: which status an advice request may move to, in one table (R2.1, R2.4).

A request is composed as a draft, sent, and answered. An answer recorded by the professional
(from a colleague or an external adviser) may be corrected later, with a note; the attention
officer answers in the inbox once, and that answer stands. The services look the request up
(404 when there is none for them) and ask :func:`ensure_transition` before they write; they
keep their own access checks and audit events.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.transitions import Moves, Table, ensure

DRAFT, SENT, ANSWERED = RequestStatus.DRAFT, RequestStatus.SENT, RequestStatus.ANSWERED


_ANSWERED_ALREADY = _("Deze adviesvraag is al beantwoord.")

# From the request's status to what may follow; ANSWERED -> ANSWERED is a correction.
TRANSITIONS: Table = {
    DRAFT: Moves(
        frozenset({SENT}),
        _("Deze adviesvraag is nog niet verstuurd. Verstuur haar eerst."),
    ),
    SENT: Moves(frozenset({ANSWERED}), _("Deze adviesvraag is al verstuurd.")),
    ANSWERED: Moves(frozenset({ANSWERED}), _ANSWERED_ALREADY),
}
# The attention officer's answer is not corrected afterwards.
TRANSITIONS_ATTENTION_OFFICER: Table = {
    **TRANSITIONS,
    ANSWERED: Moves(frozenset(), _ANSWERED_ALREADY),
}


def _table(request: AdviceRequest) -> Table:
    if request.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        return TRANSITIONS_ATTENTION_OFFICER
    return TRANSITIONS


def allowed(request: AdviceRequest, to_status: str) -> bool:
    return to_status in _table(request)[request.status].allowed


def ensure_transition(request: AdviceRequest, to_status: str) -> None:
    """Refuse (ValidationError, nothing written) a status the table does not allow next."""
    ensure(_table(request), request.status, to_status)
