"""Step 1's part of the case file: signals, the R1.5 statement, opinions and diagnoses.

Export: current versions only, a constant number of queries whatever the number of entries.
Import: each entry through the step's own services, so every refusal the web app gives is a
problem of the file, named by its JSON path. Registered in ``SignallingConfig.ready()``.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from deelwijzer.cases.models import Case
from deelwijzer.interchange import casefile
from deelwijzer.interchange.registry import ImportStep
from deelwijzer.signalling import notes, services
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


def _others(step: ImportStep) -> dict[str, dict]:
    """The file's team members other than the one importing it, by the file's id."""
    me = step.actor.display_name().strip().casefold()
    team = step.data.get("team") or []
    return {m["id"]: m for m in team if (m.get("name") or "").strip().casefold() != me}


def _signal_values(signal: dict, others: dict[str, dict]) -> services.SignalInput:
    """A signal's values as the service takes them. What someone else of the file's team saw
    themselves comes from them here: the one importing it did not see it (R1.3)."""
    source = signal["source"]
    kind, name, role = source["kind"], source.get("name") or "", source.get("role") or ""
    observer = others.get(signal.get("recorded_by") or "")
    if kind == SourceKind.OWN_OBSERVATION and observer is not None:
        kind, name, role = SourceKind.OTHER, observer["name"], observer.get("role") or ""
    return services.SignalInput(
        kind=signal["kind"],
        observed_on=date.fromisoformat(signal["observed_on"]),
        text=signal["text"],
        source_kind=kind,
        source_name=name,
        source_role=role,
        tags=list(signal.get("tags") or []),
    )


def _import_opinion_notes(step: ImportStep, opinion: dict, entry, path: str) -> None:
    follow_ups = opinion.get("follow_ups") or []
    status = opinion["status"]
    if status != "open" and not follow_ups:
        follow_ups = [{"date": None, "text": ""}]  # the service names what is missing (R1.2)
    version = entry.version
    for n, note in enumerate(follow_ups):
        last = n == len(follow_ups) - 1
        on = date.fromisoformat(note["date"]) if note.get("date") else None
        done = step.run(
            f"{path}.follow_ups[{n}]",
            partial(
                notes.opinion_follow_up,
                actor=step.actor,
                case_id=step.case.pk,
                key=entry.key,
                status=status if last else "open",
                on=on,
                text=note.get("text") or "",
                expected_version=version,
            ),
        )
        if done is None:
            return
        if last and status != "open":
            version += 1


def _diagnosis_values(diagnosis: dict) -> services.DiagnosisInput:
    by = diagnosis.get("established_by") or {}
    return services.DiagnosisInput(
        text=diagnosis["text"],
        established_by_name=by.get("name") or "",
        established_by_role=by.get("role") or "",
        relevance=diagnosis.get("relevance") or "",
    )


def import_section(step: ImportStep) -> None:
    """Signals, the R1.5 statement, opinions with their follow-up notes, diagnoses."""
    values = partial(_signal_values, others=_others(step))
    step.imported["signals"] = step.add_each("signals", values, services.signal_add)
    if step.data.get("no_contra_signals_known"):
        step.run(
            "$.no_contra_signals_known",
            lambda: notes.no_contra_signals_set(
                actor=step.actor, case_id=step.case.pk, known=False
            ),
        )
    step.imported["opinions"] = step.add_each(
        "opinions",
        lambda opinion: services.OpinionInput(
            text=opinion["text"],
            about=[step.keys.get(ref, ref) for ref in opinion.get("about") or []],
        ),
        services.opinion_add,
        then=lambda opinion, entry, path: _import_opinion_notes(step, opinion, entry, path),
    )
    step.imported["diagnoses"] = step.add_each(
        "diagnoses", _diagnosis_values, services.diagnosis_add
    )
