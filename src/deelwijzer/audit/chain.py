"""The keyed hash chain: each event's hash is an HMAC-SHA256, under the audit key named in
the row (``key_id``), over its canonical content and the previous hash (issue #17.2).

Whoever can write the database but does not hold the audit key cannot recompute the chain
after changing or removing a row. Signed checkpoints outside the database
(``audit/checkpoints.py``) anchor it, so that removing the newest rows is found too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from deelwijzer.audit import keys

GENESIS = "0" * 64
MESSAGE_PREFIX = "deelwijzer-audit/1"
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
    """The HMAC of the event under its ``key_id`` (which must be set)."""
    message = f"{MESSAGE_PREFIX}\n{event.key_id}\n{prev_hash}\n{canonical(event)}"
    return keys.mac(event.key_id, message.encode(), "de audittrail")


def plain_hash(event, prev_hash: str) -> str:
    """The unkeyed SHA-256 of the chain before #17.2; only migration 0003 still reads it."""
    return hashlib.sha256((prev_hash + canonical(event)).encode()).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    last_id: int | None = None
    last_hash: str = ""
    checkpoints: int = 0  # checkpoints the chain was held against

    def problem(self) -> str:
        where = f"at audit event id {self.broken_id}" if self.broken_id else "checkpoints"
        return f"BROKEN {where}: {self.reason}"


@dataclass
class _Walk:
    prev: str
    checked: int
    last_id: int | None = None
    met: set = field(default_factory=set)


def _check_row(event, walk: _Walk, anchors: dict) -> str:
    """Why this row breaks the chain, or ''."""
    if not event.key_id:
        return "row without an audit key id (unkeyed: not made by this version)"
    if event.prev_hash != walk.prev:
        return "previous hash does not match"
    if not keys.same(compute_hash(event, walk.prev), event.hash):
        return "content does not match its HMAC"
    anchor = anchors.get(event.id)
    if anchor is not None:
        if not keys.same(anchor.hash, event.hash) or anchor.count != walk.checked + 1:
            return f"differs from the signed checkpoint of {anchor.written_at}"
        walk.met.add(event.id)
    return ""


def verify_events(
    events, *, checkpoints=(), start_hash: str = GENESIS, start_count: int = 0
) -> VerifyResult:
    """Walk the chain in id order from ``start_hash``; every checkpoint's row must be met
    with the checkpoint's hash and count of rows, so removed newest rows are found."""
    anchors = {c.event_id: c for c in checkpoints}
    walk = _Walk(prev=start_hash, checked=start_count)
    for event in events:
        reason = _check_row(event, walk, anchors)
        if reason:
            return VerifyResult(False, walk.checked, event.id, reason, walk.last_id, walk.prev)
        walk.prev, walk.last_id = event.hash, event.id
        walk.checked += 1
    unmet = [c for c in anchors.values() if c.event_id not in walk.met]
    if unmet:
        lost = max(unmet, key=lambda c: c.event_id)
        reason = (
            f"rows up to id {lost.event_id} (signed checkpoint of {lost.written_at}, "
            f"{lost.count} events) are missing: removed from the database"
        )
        return VerifyResult(False, walk.checked, lost.event_id, reason, walk.last_id, walk.prev)
    return VerifyResult(True, walk.checked, None, "", walk.last_id, walk.prev, len(walk.met))
