"""What the step endpoints share: the audited list of a step's current entries."""

from __future__ import annotations

from collections.abc import Callable

from deelwijzer.api.pages import paginate
from deelwijzer.cases.access import CaseRef
from deelwijzer.cases.services import case_view


def key_order(entry) -> tuple[int, int, str]:
    """s2 before s10."""
    digits = "".join(ch for ch in entry.key if ch.isdigit())
    return (len(entry.key) - len(digits), int(digits or 0), entry.key)


def current_entries(request, case_id: CaseRef, model, page: int, convert: Callable) -> dict:
    """A page of the case's current entries of ``model``; the read is audited as the web's
    step page is (``case.view``), and 404 for whoever has no part in the case."""
    case, _access = case_view(actor=request.auth, case_id=case_id)
    rows = sorted(model.current(case).select_related("recorded_by"), key=key_order)
    return paginate(rows, page, convert)
