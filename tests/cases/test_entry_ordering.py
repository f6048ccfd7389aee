"""An entry's default order names the case by its column: ordered by the relation ``case``,
Django orders by the case's own default order (``-opened_at``) and so joins the case table
into every query of entries that has no order of its own (on PostgreSQL about 1 ms of
planning and the sort each, on every step page many times). A list within a case keeps its
order: key, then version."""

from __future__ import annotations

import pytest
from django.apps import apps

from deelwijzer.cases.entries import CaseRecord, VersionedEntry
from deelwijzer.cases.models import Case
from deelwijzer.disclosures.models import Delivery, FeedbackReceipt


def _models():
    found = [
        m
        for m in apps.get_models()
        if issubclass(m, VersionedEntry | CaseRecord) or m in (Delivery, FeedbackReceipt)
    ]
    assert len(found) >= 12, [m.__name__ for m in found]
    return found


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_a_default_ordered_query_joins_no_other_table(model):
    field = "case_id" if hasattr(model, "case_id") else "disclosure_id"
    sql = str(model.objects.filter(**{field: 1}).query)
    assert " JOIN " not in sql, sql
    assert "ORDER BY" in sql


def test_entries_of_several_cases_come_by_case_then_key_then_version(personas):
    from datetime import date

    from deelwijzer.signalling.models import Signal
    from deelwijzer.signalling.services import SignalInput, signal_add
    from tests.personas import open_case

    first = personas.case
    second = open_case(personas.professional, personas.organisation, "J-TWEE")
    # the first case opened earlier: by the case's own order (newest first) it would come last
    Case.objects.filter(pk=first.pk).update(opened_at=second.opened_at.replace(year=2020))
    data = SignalInput(
        kind="signal",
        observed_on=date(2026, 12, 1),
        text="Ze liet in de pauze een filmpje zien.",
        source_kind="own_observation",
    )
    for case in (second, first, second, first):
        signal_add(actor=personas.professional, case_id=case.pk, data=data)
    got = list(Signal.objects.filter(case__in=[first, second]).values_list("case_id", "key"))
    assert got == [(first.pk, "s1"), (first.pk, "s2"), (second.pk, "s1"), (second.pk, "s2")]
