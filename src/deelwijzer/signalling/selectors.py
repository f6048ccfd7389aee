"""What the step 1 pages read: every entry with its earlier versions, follow-up notes and
language hints, in a constant number of queries; an opinion's follow-up notes; the
organisation's signal list for its admin page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from deelwijzer.cases.models import Case
from deelwijzer.signalling.casefile import key_order
from deelwijzer.signalling.language import TextHints, hints_for
from deelwijzer.signalling.models import (
    Diagnosis,
    FollowUp,
    NoContraSignalsStatement,
    Opinion,
    Signal,
    SignalKind,
    SignalListItem,
)
from deelwijzer.ui.views import short


@dataclass
class EntryRow:
    current: Any  # an entry of one of the step's models
    earlier: list = field(default_factory=list)  # older versions, newest first
    hints: TextHints | None = None
    follow_ups: list = field(default_factory=list)
    about: list = field(default_factory=list)  # (key, text) of the signals an opinion is about

    @property
    def key(self) -> str:
        return self.current.key


def rows(model, case: Case) -> list[EntryRow]:
    """Current entries in key order, each with its earlier versions (one query)."""
    by_key: dict[str, list] = {}
    for entry in model.objects.filter(case=case).select_related("recorded_by").order_by("version"):
        by_key.setdefault(entry.key, []).append(entry)
    result = []
    for key in sorted(by_key, key=key_order):
        versions = by_key[key]
        result.append(EntryRow(current=versions[-1], earlier=versions[-2::-1]))
    return result


def signal_rows(case: Case) -> tuple[list[EntryRow], list[EntryRow]]:
    signals: list[EntryRow] = []
    contra: list[EntryRow] = []
    for row in rows(Signal, case):
        row.hints = hints_for(row.current.text)
        (contra if row.current.kind == SignalKind.CONTRA_SIGNAL else signals).append(row)
    return signals, contra


def opinion_rows(case: Case, signal_texts: dict[str, str]) -> list[EntryRow]:
    notes: dict[str, list[FollowUp]] = {}
    for note in (
        FollowUp.objects.filter(case=case).select_related("recorded_by").order_by("date", "id")
    ):
        notes.setdefault(note.opinion_key, []).append(note)
    result = rows(Opinion, case)
    for row in result:
        row.follow_ups = notes.get(row.key, [])
        row.about = [(key, signal_texts.get(key, "")) for key in row.current.about]
    return result


def statements(case: Case) -> list[NoContraSignalsStatement]:
    return list(
        NoContraSignalsStatement.objects.filter(case=case)
        .select_related("made_by", "withdrawn_by")
        .order_by("made_at", "id")
    )


def active_tags(case: Case) -> list[str]:
    return list(
        SignalListItem.objects.filter(organisation_id=case.organisation_id, active=True)
        .order_by("label")
        .values_list("label", flat=True)
    )


def signal_choices(signal_rows: list[EntryRow]) -> list[tuple[str, str]]:
    return [(r.key, f"{r.key}: {short(r.current.text, 60)}") for r in signal_rows]


def page_entries(case: Case) -> dict:
    signals, contra = signal_rows(case)
    everything = sorted(signals + contra, key=lambda r: key_order(r.key))
    texts = {r.key: short(r.current.text, 60) for r in everything}
    made = statements(case)
    return {
        "signals": signals,
        "contra_signals": contra,
        "all_signals": everything,
        "opinions": opinion_rows(case, texts),
        "diagnoses": rows(Diagnosis, case),
        "statements": made,
        "statement": next((s for s in made if s.withdrawn_at is None), None),
    }


def follow_ups(case: Case, opinion_key: str) -> list[FollowUp]:
    """An opinion's follow-up notes (R1.2), oldest first, with who recorded them."""
    rows = FollowUp.objects.filter(case=case, opinion_key=opinion_key)
    return list(rows.select_related("recorded_by").order_by("date", "id"))


def signal_list_items(organisation) -> QuerySet[SignalListItem]:
    """The organisation's signal list (R1.6), in and out of use, by label."""
    return SignalListItem.objects.filter(organisation=organisation).order_by("label")
