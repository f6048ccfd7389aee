"""Step 2's part of the case file: every sent or answered request (drafts are not part of it)."""

from __future__ import annotations

from typing import cast

from deelwijzer.advice.models import (
    ANSWER_FIELDS,
    AdviceRequest,
    AdviserKind,
    RequestStatus,
)
from deelwijzer.cases.models import Case
from deelwijzer.interchange.casefile import team_id


def adviser(r: AdviceRequest) -> dict:
    if r.adviser_kind == AdviserKind.TEAM_MEMBER:
        # a team member as adviser always has adviser_member set
        return {"kind": "team_member", "member": team_id(cast(int, r.adviser_member_id))}
    if r.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        return {"kind": "attention_officer"}
    return {
        "kind": "external",
        "organisation": r.external_organisation,
        "name": r.external_name or None,
    }


def answers(r: AdviceRequest) -> dict | None:
    if r.status != RequestStatus.ANSWERED:
        return None
    out = {}
    for name in ANSWER_FIELDS:
        value = getattr(r, name)
        out[name] = value if value not in ("", None) else None
    return out


def advice_entry(r: AdviceRequest, team: set[str]) -> dict:
    asker = team_id(r.asked_by_id)
    return {
        "id": r.key,
        "asked_on": r.asked_on.isoformat() if r.asked_on else None,
        "asked_by": asker if asker in team else None,
        "adviser": adviser(r),
        "identifies_youth": r.identifies_youth,
        "request_text": r.request_text,
        "answers": answers(r),
        "outcome": (r.outcome or None) if r.status == RequestStatus.ANSWERED else None,
    }


def contribute(case: Case, data: dict) -> None:
    rows = AdviceRequest.objects.filter(
        case=case, is_current=True, status__in=(RequestStatus.SENT, RequestStatus.ANSWERED)
    ).order_by()  # sorted below; no join on the case table for the default ordering
    team = {member["id"] for member in data["team"]}
    entries = sorted(rows, key=lambda r: r.number)
    data["advice"] = [advice_entry(r, team) for r in entries]
