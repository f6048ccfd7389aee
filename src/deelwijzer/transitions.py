"""Status machines as tables: for each status, the statuses that may follow it and why any
other is refused. Each app with a status keeps its table in its own ``transitions.py`` (as
Amsterdam/signals keeps ``workflow.py``); this module holds only the shape and the check.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise


@dataclass(frozen=True)
class Moves:
    allowed: frozenset[str]
    refusal: str | Promise  # why any other status is refused from here


Table = dict[str | None, Moves]


def ensure(table: Table, status: str | None, to_status: str) -> None:
    """Refuse (ValidationError with the table's reason, nothing written) a status the table
    does not allow after ``status``."""
    moves = table[status]
    if to_status not in moves.allowed:
        raise ValidationError(str(moves.refusal), code="transition")
