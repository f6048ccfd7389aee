"""Step 1's part of the case file: signals, the R1.5 statement, opinions and diagnoses.

Current versions only. A constant number of queries, whatever the number of entries.
"""

from __future__ import annotations

from deelwijzer.cases import casefile
from deelwijzer.cases.models import Case
from deelwijzer.signalling.models import (
    Diagnosis,
    FollowUp,
    NoContraSignalsStatement,
    Opinion,
    Signal,
    SourceKind,
)


def key_order(key: str) -> tuple[int, str]:
    """s2 before s10."""
    digits = key[1:]
    return (int(digits) if digits.isdigit() else 0, key)


def _current(model, case: Case) -> list:
    # sorted here: no ORDER BY, so no join on the case table for the model's default ordering
    return sorted(model.current(case).order_by(), key=lambda e: key_order(e.key))


def _source(signal: Signal) -> dict:
    if signal.source_kind == SourceKind.OTHER:
        return {
            "kind": SourceKind.OTHER.value,
            "name": signal.source_name or None,
            "role": signal.source_role or None,
        }
    return {"kind": SourceKind.OWN_OBSERVATION.value}


def signal_dict(signal: Signal, team: set[str]) -> dict:
    recorded_by = casefile.team_id(signal.recorded_by_id)
    return {
        "id": signal.key,
        "kind": signal.kind,
        "observed_on": signal.observed_on.isoformat(),
        # someone no longer on the team is not in the file's team list: leave the reference out
        "recorded_by": recorded_by if recorded_by in team else None,
        "text": signal.text,
        "source": _source(signal),
        "tags": list(signal.tags or []),
    }


def opinion_dict(opinion: Opinion, notes: list[FollowUp]) -> dict:
    return {
        "id": opinion.key,
        "about": list(opinion.about or []),
        "text": opinion.text,
        "status": opinion.status,
        "follow_ups": [{"date": n.date.isoformat(), "text": n.text} for n in notes],
    }


def diagnosis_dict(diagnosis: Diagnosis) -> dict:
    name, role = diagnosis.established_by_name, diagnosis.established_by_role
    established_by = {"name": name or None, "role": role or None} if name or role else None
    return {
        "id": diagnosis.key,
        "text": diagnosis.text,
        "established_by": established_by,
        "relevance": diagnosis.relevance or None,
    }


def follow_ups_by_opinion(case: Case) -> dict[str, list[FollowUp]]:
    grouped: dict[str, list[FollowUp]] = {}
    for note in FollowUp.objects.filter(case=case).order_by("date", "id"):
        grouped.setdefault(note.opinion_key, []).append(note)
    return grouped


def contribute(case: Case, data: dict) -> None:
    team = {member["id"] for member in data.get("team", [])}
    data["signals"] = [signal_dict(s, team) for s in _current(Signal, case)]
    data["no_contra_signals_known"] = NoContraSignalsStatement.objects.filter(
        case=case, withdrawn_at__isnull=True
    ).exists()
    notes = follow_ups_by_opinion(case)
    data["opinions"] = [opinion_dict(o, notes.get(o.key, [])) for o in _current(Opinion, case)]
    data["diagnoses"] = [diagnosis_dict(d) for d in _current(Diagnosis, case)]
