"""The hash chain: each event's hash covers its canonical content and the previous hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "occurred_at",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "case_id",
    "organisation_id",
    "user_id",
    "role",
    "purpose",
    "client_address",
    "detail",
)


def canonical(event) -> str:
    values = {name: getattr(event, name) for name in CHAINED_FIELDS}
    values["occurred_at"] = event.occurred_at.isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(event, prev_hash: str) -> str:
    return hashlib.sha256((prev_hash + canonical(event)).encode()).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify_events(events) -> VerifyResult:
    prev = GENESIS
    checked = 0
    for event in events:
        if event.prev_hash != prev:
            return VerifyResult(False, checked, event.id, "previous hash does not match")
        if compute_hash(event, prev) != event.hash:
            return VerifyResult(False, checked, event.id, "content does not match its hash")
        prev = event.hash
        checked += 1
    return VerifyResult(True, checked)
