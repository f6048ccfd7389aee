"""Writing and checking the audit trail. Call from inside the service's transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F

from deelwijzer.audit import checkpoints, context, keys
from deelwijzer.audit.chain import GENESIS, VerifyResult, compute_hash, verify_events
from deelwijzer.audit.labels import READ_ACTIONS
from deelwijzer.audit.models import AuditEvent, Outcome

_PG_LOCK_KEY = 7513


def _serialise_writers() -> None:
    # SQLite runs every write transaction as IMMEDIATE (settings), which serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _organisation_of_actor(actor) -> int | None:
    """The organisation of an event that names none (a sign-in, an API token, a setting of
    one's own), so that its auditor sees it: the actor's first organisation, active or not
    (a failed sign-in of a disabled account still belongs to it). Read through the app
    registry: organisations/ sits above audit/."""
    if getattr(actor, "pk", None) is None:
        return None
    membership = apps.get_model("organisations", "Membership")
    found = membership.objects.filter(user_id=actor.pk).order_by("organisation_id")
    return found.values_list("organisation_id", flat=True).first()


def _event(
    actor, prev_hash: str, values: dict, key_id: str, actor_organisation: Callable[[], int | None]
) -> AuditEvent:
    organisation_id = values.get("organisation_id")
    if organisation_id is None and values.get("case_id") is None:
        organisation_id = actor_organisation()
    event = AuditEvent(
        occurred_at=datetime.now(UTC),
        action=values["action"],
        outcome=values.get("outcome", Outcome.SUCCESS),
        object_type=values["object_type"],
        object_id=str(values.get("object_id", "")),
        case_id=values.get("case_id"),
        organisation_id=organisation_id,
        user_id=getattr(actor, "pk", None),
        role=values.get("role", ""),
        purpose=values.get("purpose") or context.current().channel,
        client_address=context.current().client_address,
        detail=values.get("detail") or {},
        prev_hash=prev_hash,
        key_id=key_id,
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
    key_id = keys.current_key_id()
    # looked up at most once per call, and only for an event that names no case or organisation
    actor_organisation = cache(lambda: _organisation_of_actor(actor))
    for values in events:
        event = _event(actor, previous, values, key_id, actor_organisation)
        previous = event.hash
        built.append(event)
    created = AuditEvent.objects.bulk_create(built)
    # an organisation filled in from the actor (_event) is no change to that organisation
    _advance_revisions([e for e, v in zip(built, events, strict=True) if _names_where(v)])
    return created


def _names_where(values: dict) -> bool:
    return values.get("case_id") is not None or values.get("organisation_id") is not None


def _advance_revisions(events: list[AuditEvent]) -> None:
    """Every audited change moves its case's (or organisation's) revision on, in the same
    transaction, so that a kept evaluation of it (cases.snapshots) is no longer used and its
    summary of open findings counts as stale (cases.findings)."""
    changes = [e for e in events if e.action not in READ_ACTIONS]
    cases = {e.case_id for e in changes if e.case_id is not None}
    organisations = {e.organisation_id for e in changes if e.case_id is None and e.organisation_id}
    if cases:
        case_model = apps.get_model("cases", "Case")
        case_model.objects.filter(pk__in=cases).update(revision=F("revision") + 1)
    if organisations:
        organisation_model = apps.get_model("organisations", "Organisation")
        organisation_model.objects.filter(pk__in=organisations).update(revision=F("revision") + 1)


def audit_case(
    actor,
    case,
    action: str,
    *,
    role: str = "",
    object_type: str = "case",
    object_id: object = None,
    outcome: str = Outcome.SUCCESS,
    purpose: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """An event about one case (``case``: anything with ``pk`` and ``organisation_id``), scoped
    to it and its organisation; what it is about is the case itself unless named."""
    return audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=case.pk if object_id is None else object_id,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=role,
        outcome=outcome,
        purpose=purpose,
        detail=detail,
    )


def audit_organisation(
    actor,
    organisation_id: int,
    action: str,
    *,
    object_type: str = "organisation",
    object_id: object = None,
    role: str = "",
    outcome: str = Outcome.SUCCESS,
    purpose: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """An event about an organisation and no case (its settings, users, roles, its provider);
    what it is about is the organisation itself unless named."""
    return audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=organisation_id if object_id is None else object_id,
        organisation_id=organisation_id,
        role=role,
        outcome=outcome,
        purpose=purpose,
        detail=detail,
    )


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


@transaction.atomic
def audit_key_add(*, actor=None) -> str:
    """Rotate the audit key: a new current key in the key file; audited under the new key."""
    key_id = keys.add_key()
    audit_record(
        actor=actor,
        action="audit.key_add",
        object_type="audit_key",
        object_id=key_id,
        purpose="maintenance",
    )
    return key_id


def _checkpoint_dir(directory: Path | str | None) -> Path:
    return Path(directory or settings.AUDIT_CHECKPOINT_DIR)


def audit_verify(*, checkpoint_dir: Path | str | None = None) -> VerifyResult:
    """Walk the whole keyed chain and hold it against every signed checkpoint (by default
    those in ``AUDIT_CHECKPOINT_DIR``); a checkpoint with a bad signature fails it too."""
    try:
        anchors = checkpoints.load_all(_checkpoint_dir(checkpoint_dir))
    except checkpoints.CheckpointError as exc:
        return VerifyResult(False, 0, None, str(exc))
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    return verify_events(events, checkpoints=anchors)


def _verify_since(last: checkpoints.Checkpoint | None) -> VerifyResult:
    """The chain after the last checkpoint (whose own row must still match it), or all of it."""
    rows = AuditEvent.objects.order_by("id")
    if last is None:
        return verify_events(rows.iterator(chunk_size=2000))
    anchored = rows.filter(id=last.event_id).first()
    if anchored is None:
        return verify_events([], checkpoints=[last])  # the row was removed: reported as such
    since = verify_events(
        [anchored], checkpoints=[last], start_hash=anchored.prev_hash, start_count=last.count - 1
    )
    if not since.ok:
        return since
    return verify_events(
        rows.filter(id__gt=last.event_id).iterator(chunk_size=2000),
        start_hash=last.hash,
        start_count=last.count,
    )


def audit_checkpoint(
    *, checkpoint_dir: Path | str | None = None
) -> tuple[VerifyResult, checkpoints.Checkpoint | None]:
    """Check the chain since the last checkpoint, then sign and write a new one at its end.

    Returns the check and the new checkpoint; None when the chain is broken (nothing is
    written then) or when no row was added since the last checkpoint.
    """
    directory = _checkpoint_dir(checkpoint_dir)
    try:
        anchors = checkpoints.load_all(directory)
    except checkpoints.CheckpointError as exc:
        return VerifyResult(False, 0, None, str(exc)), None
    last = anchors[-1] if anchors else None
    result = _verify_since(last)
    if not result.ok or result.last_id is None:  # broken, or nothing new since the last one
        return result, None
    made = checkpoints.make(event_id=result.last_id, hash=result.last_hash, count=result.checked)
    checkpoints.write(made, directory)
    return result, made
