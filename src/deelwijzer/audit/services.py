"""Writing and checking the audit trail. Call from inside the service's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection, transaction

from deelwijzer.audit import context
from deelwijzer.audit.chain import GENESIS, VerifyResult, compute_hash, verify_events
from deelwijzer.audit.models import AuditEvent, Outcome

_PG_LOCK_KEY = 7513


def _serialise_writers() -> None:
    # SQLite runs every write transaction as IMMEDIATE (settings), which serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


@transaction.atomic
def audit_record(
    *,
    actor,
    action: str,
    object_type: str,
    object_id: object = "",
    case_id: int | None = None,
    organisation_id: int | None = None,
    role: str = "",
    outcome: str = Outcome.SUCCESS,
    purpose: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    _serialise_writers()
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        occurred_at=datetime.now(UTC),
        action=action,
        outcome=outcome,
        object_type=object_type,
        object_id=str(object_id),
        case_id=case_id,
        organisation_id=organisation_id,
        user_id=getattr(actor, "pk", None),
        role=role,
        purpose=purpose or context.current().channel,
        client_address=context.current().client_address,
        detail=detail or {},
        prev_hash=last or GENESIS,
    )
    event.hash = compute_hash(event, event.prev_hash)
    event.save(force_insert=True)
    return event


def audit_verify() -> VerifyResult:
    return verify_events(AuditEvent.objects.order_by("id").iterator(chunk_size=2000))
