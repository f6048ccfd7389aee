"""A case's status machine (cases/transitions.py): every (from, to) pair tried through the
services. Allowed moves are written and audited; refused ones save and audit nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.access import CaseClosed
from deelwijzer.cases.models import CaseChange, CaseStatus
from deelwijzer.cases.services import case_close, case_reopen
from deelwijzer.cases.transitions import TRANSITIONS

OPEN, CLOSED = CaseStatus.OPEN, CaseStatus.CLOSED
NOT_CLOSED = "Deze casus is niet gesloten; heropenen is niet nodig."
# (status, status asked for) -> None: allowed; else the refusal (CaseClosed: the 409 page).
EXPECTED = {
    (OPEN, CLOSED): None,
    (OPEN, OPEN): NOT_CLOSED,
    (CLOSED, OPEN): None,
    (CLOSED, CLOSED): CaseClosed,
}


def _move(personas, to: str):
    service = case_close if to == CLOSED else case_reopen
    return service(actor=personas.professional, case_id=personas.case.pk, reason="Zie het dossier.")


def _state(case):
    case.refresh_from_db()
    return case.status, CaseChange.objects.filter(case=case).count(), AuditEvent.objects.count()


@pytest.mark.parametrize(("start", "to"), list(EXPECTED), ids=str)
def test_every_status_change_through_the_services(personas, start, to):
    case = personas.case
    if start == CLOSED:
        _move(personas, CLOSED)
    status, changes, events = _state(case)
    refusal = EXPECTED[(start, to)]
    if refusal is None:
        _move(personas, to)
        assert _state(case)[:2] == (to, changes + 1)
        action = "case.close" if to == CLOSED else "case.reopen"
        assert AuditEvent.objects.filter(case_id=case.pk).latest("pk").action == action
        return
    with pytest.raises(CaseClosed if refusal is CaseClosed else ValidationError) as refused:
        _move(personas, to)
    if refusal is not CaseClosed:
        assert refused.value.messages == [refusal]
    assert _state(case) == (status, changes, events)


def test_the_table_says_what_the_services_do():
    assert {
        (s, t): t in TRANSITIONS[s].allowed for s in (OPEN, CLOSED) for t in (OPEN, CLOSED)
    } == {pair: refusal is None for pair, refusal in EXPECTED.items()}
    assert str(TRANSITIONS[OPEN].refusal) == NOT_CLOSED
