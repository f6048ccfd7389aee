"""The one-time move of an existing audit trail from the plain SHA-256 chain to the keyed one
(migration ``audit.0003``), and back.

Why re-chain instead of keeping the old rows as they were: an unkeyed row that verify-audit
still accepted would let whoever owns the table turn keyed rows into unkeyed ones and
recompute them (a downgrade). So after the migration every row carries a key id and
verify-audit knows no unkeyed rows at all. The migration first checks the plain chain as it
stands and records what it found (rows, the plain head hash, intact or where it broke) in
a keyed ``audit.rechain`` event at the end of the new chain: the evidence of the old chain is
kept, and a break in it is not laundered.
"""

from __future__ import annotations

from datetime import UTC, datetime

from deelwijzer.audit import keys, triggers
from deelwijzer.audit.chain import GENESIS, compute_hash, plain_hash

BATCH = 1000
UPDATE = "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s"


def _batches(model):
    last = 0
    while True:
        rows = list(model.objects.filter(id__gt=last).order_by("id")[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _plain_state(model) -> dict:
    """The plain chain as it stands: rows, head hash, and the first broken row if any."""
    prev, count, broken = GENESIS, 0, None
    for rows in _batches(model):
        for event in rows:
            intact = event.prev_hash == prev and plain_hash(event, prev) == event.hash
            if broken is None and not intact:
                broken = event.id
            prev = event.hash
            count += 1
    return {"rows": count, "plain_head": prev, "plain_chain_intact": broken is None,
            "plain_broken_id": broken}  # fmt: skip


def _rewrite(connection, model, hasher, key_id: str) -> str:
    """Every row's hash again with ``hasher``, in id order; the new head hash."""
    prev = GENESIS
    with connection.cursor() as cursor:
        triggers.drop(cursor, connection.vendor)
        for rows in _batches(model):
            params = []
            for event in rows:
                event.key_id = key_id
                new = hasher(event, prev)
                params.append((prev, new, key_id, event.id))
                prev = new
            cursor.executemany(UPDATE, params)
        triggers.create(cursor, connection.vendor)
    return prev


def rechain(connection, model) -> dict | None:
    """Key every existing row with the current audit key and append ``audit.rechain``."""
    if not model.objects.exists():
        return None
    state = _plain_state(model)
    key_id = keys.current_key_id()
    head = _rewrite(connection, model, compute_hash, key_id)
    event = model(
        occurred_at=datetime.now(UTC),
        action="audit.rechain",
        outcome="success",
        object_type="audit_trail",
        object_id=key_id,
        purpose="maintenance",
        detail=state,
        prev_hash=head,
        key_id=key_id,
    )
    event.hash = compute_hash(event, head)
    model.objects.bulk_create([event])
    return state


def unchain(connection, model) -> None:
    """Back to the plain SHA-256 chain (reversing the migration), key ids cleared."""
    if model.objects.exists():
        _rewrite(connection, model, plain_hash, "")
