"""Step 5's status machine (decisions/transitions.py): every (from, to) pair tried through the
services. Allowed moves are written; refused ones name why, save nothing and audit nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from deelwijzer.audit.models import AuditEvent
from deelwijzer.decisions import services
from deelwijzer.decisions.models import Consent, DecisionStatus, SharingDecision
from deelwijzer.decisions.transitions import TRANSITIONS
from deelwijzer.decisions.verdict import DecisionInput
from tests.decisions.helpers import decisions, prepared

DRAFT, SUBMITTED = DecisionStatus.DRAFT, DecisionStatus.SUBMITTED
SIGNED_OFF, RETURNED = DecisionStatus.SIGNED_OFF, DecisionStatus.RETURNED
STATUSES = (None, DRAFT, SUBMITTED, SIGNED_OFF, RETURNED)
NOT_SUBMITTED = "Er ligt geen ingediend besluit klaar om af te tekenen."
AT_THE_DECISION_MAKER = (
    "Dit besluit ligt bij de beslisser. Wacht op het besluit of op een terugsturing."
)
# (status of the decision in force, status asked for) -> None: allowed, else the refusal.
# From a signed-off decision, saving starts a new decision (b2); b1 stays as it is.
EXPECTED: dict[tuple[str | None, str], str | None] = {
    (None, DRAFT): None,
    (None, SUBMITTED): None,
    (None, SIGNED_OFF): NOT_SUBMITTED,
    (None, RETURNED): NOT_SUBMITTED,
    (DRAFT, DRAFT): None,
    (DRAFT, SUBMITTED): None,
    (DRAFT, SIGNED_OFF): NOT_SUBMITTED,
    (DRAFT, RETURNED): NOT_SUBMITTED,
    (SUBMITTED, DRAFT): AT_THE_DECISION_MAKER,
    (SUBMITTED, SUBMITTED): AT_THE_DECISION_MAKER,
    (SUBMITTED, SIGNED_OFF): None,
    (SUBMITTED, RETURNED): None,
    (RETURNED, DRAFT): None,
    (RETURNED, SUBMITTED): None,
    (RETURNED, SIGNED_OFF): NOT_SUBMITTED,
    (RETURNED, RETURNED): NOT_SUBMITTED,
    (SIGNED_OFF, DRAFT): None,
    (SIGNED_OFF, SUBMITTED): None,
    (SIGNED_OFF, SIGNED_OFF): NOT_SUBMITTED,
    (SIGNED_OFF, RETURNED): NOT_SUBMITTED,
}

DATA = DecisionInput(
    share=False,
    consent=Consent.NOT_ASKED,
    serious_concrete_risks=["r1"],
    reasoning="Het risico is ernstig, maar een gesprek met de ouders volgt eerst.",
)


def _version(case) -> int:
    current = services.open_decision(case)
    return current.version if current else 0


def _move(personas, case, to: str):
    """Ask the service that writes ``to`` for it, as whoever may."""
    if to in (DRAFT, SUBMITTED):
        return services.decision_save(
            actor=personas.professional,
            case_id=case.pk,
            data=DATA,
            submit=to == SUBMITTED,
            expected_version=_version(case),
        )
    if to == SIGNED_OFF:
        return services.decision_sign_off(
            actor=personas.decision_maker, case_id=case.pk, expected_version=_version(case) or 1
        )
    return services.decision_return(
        actor=personas.decision_maker,
        case_id=case.pk,
        remark="Neem de ouders mee in de afweging.",
        expected_version=_version(case) or 1,
    )


ROUTE = {None: (), DRAFT: (DRAFT,), SUBMITTED: (SUBMITTED,)}
ROUTE |= {SIGNED_OFF: (SUBMITTED, SIGNED_OFF), RETURNED: (SUBMITTED, RETURNED)}


@pytest.fixture
def case(personas):
    case = prepared(personas)
    # involved from the start, so the decision maker can open the case before a submission
    services.case_involve_decision_maker(actor=personas.professional, case_id=case.pk)
    return case


@pytest.mark.parametrize(("start", "to"), list(EXPECTED), ids=str)
def test_every_status_change_through_the_services(personas, case, start, to):
    for step in ROUTE[start]:
        _move(personas, case, step)
    before = decisions(case)
    events = AuditEvent.objects.count()
    refusal = EXPECTED[(start, to)]
    if refusal is None:
        _move(personas, case, to)
        key = "b2" if start == SIGNED_OFF else "b1"
        version = 1 if start in (None, SIGNED_OFF) else before[-1][1] + 1
        assert decisions(case) == [*before, (key, version, to)]
        assert AuditEvent.objects.count() > events
    else:
        with pytest.raises(ValidationError) as refused:
            _move(personas, case, to)
        assert refused.value.messages == [refusal]
        assert decisions(case) == before
        assert AuditEvent.objects.count() == events


def test_the_table_says_what_the_services_do():
    table = {
        (start, to): None if to in TRANSITIONS[start].allowed else str(TRANSITIONS[start].refusal)
        for start in STATUSES
        for to in STATUSES[1:]
    }
    prepared_ones = {pair: v for pair, v in EXPECTED.items() if pair[0] != SIGNED_OFF}
    assert {pair: v for pair, v in table.items() if pair[0] != SIGNED_OFF} == prepared_ones
    # A signed-off decision is final; the services then see no decision being prepared.
    assert TRANSITIONS[SIGNED_OFF].allowed == frozenset()
    assert {to: EXPECTED[(SIGNED_OFF, to)] for to in STATUSES[1:]} == {
        to: table[(None, to)] for to in STATUSES[1:]
    }


def test_a_signed_off_decision_stays_as_it_was_when_a_new_one_is_saved(personas, case):
    for step in ROUTE[SIGNED_OFF]:
        _move(personas, case, step)
    _move(personas, case, DRAFT)
    first = SharingDecision.objects.get(case=case, key="b1", is_current=True)
    assert (first.version, first.status) == (2, SIGNED_OFF)
    assert services.signed_off_decision(case) == first
