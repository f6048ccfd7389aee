"""Shared response pieces."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from deelwijzer.api.problems import Problem
from deelwijzer.cases.entries import Correction

READ = {401: Problem, 404: Problem}
# 409: a stale expected_version, or a write to a closed case (problems.on_case_closed)
# 413: body > 2 MB
WRITE = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem}
CORRECT = WRITE


class EntryMeta(Schema):
    """What every versioned entry carries: its key, version and who recorded it when."""

    key: str
    version: int
    recorded_at: datetime
    recorded_by: str
    correction_note: str


def correction_of(payload: Schema) -> Correction:
    """The correction a payload carries in its ``correction_note`` and ``expected_version``."""
    return Correction(payload.correction_note, payload.expected_version)  # type: ignore[attr-defined]


def entry_meta(entry) -> dict:
    return {
        "key": entry.key,
        "version": entry.version,
        "recorded_at": entry.recorded_at,
        "recorded_by": entry.recorded_by.display_name(),
        "correction_note": entry.correction_note,
    }
