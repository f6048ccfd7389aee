"""Writing and checking the audit trail. Call from inside the service's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F

from deelwijzer.audit import context
from deelwijzer.audit.chain import GENESIS, VerifyResult, compute_hash, verify_events
from deelwijzer.audit.labels import READ_ACTIONS
from deelwijzer.audit.models import AuditEvent, Outcome

_PG_LOCK_KEY = 7513


def _serialise_writers() -> None:
    # SQLite runs every write transaction as IMMEDIATE (settings), which serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _event(actor, prev_hash: str, values: dict) -> AuditEvent:
    event = AuditEvent(
        occurred_at=datetime.now(UTC),
        action=values["action"],
        outcome=values.get("outcome", Outcome.SUCCESS),
        object_type=values["object_type"],
        object_id=str(values.get("object_id", "")),
        case_id=values.get("case_id"),
        organisation_id=values.get("organisation_id"),
        user_id=getattr(actor, "pk", None),
        role=values.get("role", ""),
        purpose=values.get("purpose") or context.current().channel,
        client_address=context.current().client_address,
        detail=values.get("detail") or {},
        prev_hash=prev_hash,
    )
    event.hash = compute_hash(event, prev_hash)
    return event


@transaction.atomic(savepoint=False)  # inside the caller's transaction: no savepoint of its own
def audit_record_many(*, actor, events: list[dict]) -> list[AuditEvent]:
    """Append several events to the chain in one insert (e.g. one per item of a list read).

    Each dict takes the keyword arguments of :func:`audit_record` except ``actor``.
    """
    _serialise_writers()
    previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    previous = previous or GENESIS
    built = []
    for values in events:
        event = _event(actor, previous, values)
        previous = event.hash
        built.append(event)
    created = AuditEvent.objects.bulk_create(built)
    _advance_revisions(built)
    return created


def _advance_revisions(events: list[AuditEvent]) -> None:
    """Every audited change moves its case's (or organisation's) revision on, in the same
    transaction, so that a kept evaluation of it (cases.snapshots) is no longer used."""
    changes = [e for e in events if e.action not in READ_ACTIONS]
    cases = {e.case_id for e in changes if e.case_id is not None}
    organisations = {e.organisation_id for e in changes if e.case_id is None and e.organisation_id}
    if cases:
        case_model = apps.get_model("cases", "Case")
        case_model.objects.filter(pk__in=cases).update(revision=F("revision") + 1)
    if organisations:
        organisation_model = apps.get_model("organisations", "Organisation")
        organisation_model.objects.filter(pk__in=organisations).update(revision=F("revision") + 1)


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
    values = {
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "case_id": case_id,
        "organisation_id": organisation_id,
        "role": role,
        "outcome": outcome,
        "purpose": purpose,
        "detail": detail,
    }
    return audit_record_many(actor=actor, events=[values])[0]


def audit_verify() -> VerifyResult:
    return verify_events(AuditEvent.objects.order_by("id").iterator(chunk_size=2000))
