"""The parts of an imported case file that go through the step services (steps 1 and 4).

Ids in the file become keys of the new case (``s3`` in the file may become ``s1``); every
reference is translated through that map.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError


def _run(problems, path: str, call):
    try:
        return call()
    except ValidationError as error:
        problems.add(path, error)
        return None


def _signals(actor, case, data, problems, keys) -> int:
    from deelwijzer.signalling import services

    count = 0
    for i, signal in enumerate(data.get("signals") or []):
        source = signal["source"]
        values = services.SignalInput(
            kind=signal["kind"],
            observed_on=date.fromisoformat(signal["observed_on"]),
            text=signal["text"],
            source_kind=source["kind"],
            source_name=source.get("name") or "",
            source_role=source.get("role") or "",
            tags=list(signal.get("tags") or []),
        )
        entry = _run(
            problems,
            f"$.signals[{i}]",
            lambda values=values: services.signal_add(actor=actor, case_id=case.pk, data=values),
        )
        if entry is not None:
            keys[signal["id"]] = entry.key
            count += 1
    return count


def _opinion_notes(actor, case, opinion: dict, entry, problems, path: str) -> None:
    from deelwijzer.signalling import notes

    follow_ups = opinion.get("follow_ups") or []
    status = opinion["status"]
    if status != "open" and not follow_ups:
        follow_ups = [{"date": None, "text": ""}]  # the service names what is missing (R1.2)
    version = entry.version
    for n, note in enumerate(follow_ups):
        last = n == len(follow_ups) - 1
        on = date.fromisoformat(note["date"]) if note.get("date") else None
        done = _run(
            problems,
            f"{path}.follow_ups[{n}]",
            lambda on=on, note=note, last=last, version=version: notes.opinion_follow_up(
                actor=actor,
                case_id=case.pk,
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


def _opinions(actor, case, data, problems, keys) -> int:
    from deelwijzer.signalling import services

    count = 0
    for i, opinion in enumerate(data.get("opinions") or []):
        values = services.OpinionInput(
            text=opinion["text"], about=[keys.get(ref, ref) for ref in opinion.get("about") or []]
        )
        path = f"$.opinions[{i}]"
        entry = _run(
            problems,
            path,
            lambda values=values: services.opinion_add(actor=actor, case_id=case.pk, data=values),
        )
        if entry is not None:
            keys[opinion["id"]] = entry.key
            _opinion_notes(actor, case, opinion, entry, problems, path)
            count += 1
    return count


def _diagnoses(actor, case, data, problems, keys) -> int:
    from deelwijzer.signalling import services

    count = 0
    for i, diagnosis in enumerate(data.get("diagnoses") or []):
        by = diagnosis.get("established_by") or {}
        values = services.DiagnosisInput(
            text=diagnosis["text"],
            established_by_name=by.get("name") or "",
            established_by_role=by.get("role") or "",
            relevance=diagnosis.get("relevance") or "",
        )
        entry = _run(
            problems,
            f"$.diagnoses[{i}]",
            lambda values=values: services.diagnosis_add(actor=actor, case_id=case.pk, data=values),
        )
        if entry is not None:
            keys[diagnosis["id"]] = entry.key
            count += 1
    return count


def import_step1(actor, case, data: dict, problems, result) -> dict[str, str]:
    from deelwijzer.signalling import notes

    keys: dict[str, str] = {}
    result.imported["signals"] = _signals(actor, case, data, problems, keys)
    if data.get("no_contra_signals_known"):
        _run(
            problems,
            "$.no_contra_signals_known",
            lambda: notes.no_contra_signals_set(actor=actor, case_id=case.pk, known=False),
        )
    result.imported["opinions"] = _opinions(actor, case, data, problems, keys)
    result.imported["diagnoses"] = _diagnoses(actor, case, data, problems, keys)
    return keys


def import_step4(actor, case, data: dict, keys: dict[str, str], problems, result) -> None:
    from deelwijzer.risks import services

    count = 0
    for i, risk in enumerate(data.get("risks") or []):
        values = services.RiskInput(
            at_risk=risk.get("at_risk") or "",
            description=risk.get("description") or "",
            severity=risk.get("severity") or "",
            timing=risk.get("timing") or "",
            based_on=[keys.get(ref, ref) for ref in risk.get("based_on") or []],
            advice_key="",  # advice is not imported (see cases.importing)
        )
        entry = _run(
            problems,
            f"$.risks[{i}]",
            lambda values=values: services.risk_add(actor=actor, case_id=case.pk, data=values),
        )
        if entry is not None:
            keys[risk["id"]] = entry.key
            count += 1
    result.imported["risks"] = count
