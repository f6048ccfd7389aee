"""What step 1 asks of the engine before something is recorded (pure Python, no Django).

The rules stay in ``rules/step1.py``. Each function here builds the would-be entry, runs the
step 1 rule that judges it on a one-entry case file, and returns the engine's findings, so a
form can refuse on the engine's answer without writing the rule a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from deelwijzer.procedure.casefile import (
    CaseFile,
    Diagnosis,
    EstablishedBy,
    FollowUp,
    Opinion,
    Organisation,
    Signal,
    Source,
    Youth,
)
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules import step1
from deelwijzer.procedure.rules.context import Context

__all__ = [
    "BLOCKING",
    "blocking",
    "diagnosis_findings",
    "opinion_findings",
    "signal_source_findings",
]

BLOCKING = ("violation", "missing")
NEW_ID = "nieuw"  # the id the would-be entry carries while it has none yet

_ORGANISATION = Organisation(attention_officer=False, decision_maker_role="team_leader")
_YOUTH = Youth(pseudonym="X", birth_date=date(1900, 1, 1))


def _run(rule: Callable[[Context], Iterable[Finding]], cf: CaseFile) -> list[Finding]:
    return list(rule(Context(cf, date.today())))


def _blank_to_none(text: str | None) -> str | None:
    return text if text is not None and text.strip() else None


def signal_source_findings(source_kind: str, name: str | None, role: str | None) -> list[Finding]:
    """R1.3 on a signal with this source (the text plays no part in R1.3)."""
    source = Source(kind=source_kind, name=_blank_to_none(name), role=_blank_to_none(role))
    signal = Signal(id=NEW_ID, kind="signal", text="", source=source)
    return _run(step1.r1_3_source, CaseFile(_ORGANISATION, _YOUTH, signals=[signal]))


def diagnosis_findings(
    text: str, name: str | None, role: str | None, relevance: str | None
) -> list[Finding]:
    """R1.4 on a diagnosis: who established it (violation) and its relevance (missing)."""
    by = EstablishedBy(name=_blank_to_none(name), role=_blank_to_none(role))
    established_by = by if by.name or by.role else None
    diagnosis = Diagnosis(
        id=NEW_ID, text=text, established_by=established_by, relevance=_blank_to_none(relevance)
    )
    return _run(step1.r1_4_diagnosis, CaseFile(_ORGANISATION, _YOUTH, diagnoses=[diagnosis]))


def opinion_findings(status: str, follow_ups: Iterable[tuple[date, str]]) -> list[Finding]:
    """R1.2 on an opinion with this status and these (date, text) follow-up notes."""
    notes = [FollowUp(date=d, text=t) for d, t in follow_ups if t.strip()]
    opinion = Opinion(id=NEW_ID, text="", status=status, follow_ups=notes)
    return _run(step1.r1_2_follow_up, CaseFile(_ORGANISATION, _YOUTH, opinions=[opinion]))


def blocking(findings: Iterable[Finding], kind: str | None = None) -> list[Finding]:
    """The findings that would keep step 1 from being complete (optionally of one kind)."""
    return [f for f in findings if f.kind in BLOCKING and (kind is None or f.kind == kind)]
