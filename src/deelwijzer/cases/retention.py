"""Retention: closed cases are destroyed once their organisation's retention has passed.

A case expires when the whole retention period has passed since the (local) day it was
closed: closed on 15 January 2024 with 24 months, it is kept up to and including
15 January 2026 and purged from 16 January 2026. Purging deletes the case through its
cascade, so every model with a foreign key to ``Case`` (now or later) goes with it. One
audit event per case remains; it holds identifiers and counts only, never the pseudonym.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.models import Case, CaseStatus
from deelwijzer.dates import add_months
from deelwijzer.organisations.models import Organisation

PURGE_ACTION = "case.purge"

# What lives outside the database and must go with a case (attachments' files): apps above
# cases register a function from their AppConfig.ready(); it runs in the purge's transaction,
# before the rows are deleted (and should act on commit).
_purge_hooks: list[Callable[[Case], None]] = []


def register_purge_hook(hook: Callable[[Case], None]) -> None:
    if hook not in _purge_hooks:
        _purge_hooks.append(hook)


@dataclass(frozen=True)
class PurgedCase:
    case_id: int
    organisation_id: int
    closed_on: date
    retention_months: int
    deleted: dict[str, int] = field(default_factory=dict)  # model label -> rows


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the end of a shorter month (and to the
    first day there is, for a day within ``months`` of it)."""
    return add_months(day, -months)


def _cutoff(today: date, months: int) -> datetime:
    """Cases closed before this moment (local midnight) have expired on ``today``."""
    # not before the second day there is: the first day's midnight has no UTC time east of it
    day = max(months_before(today, months), date.min + timedelta(days=1))
    return timezone.make_aware(datetime.combine(day, time.min))


def _expired(organisation: Organisation, today: date):
    return Case.objects.filter(
        organisation=organisation,
        status=CaseStatus.CLOSED,
        closed_at__isnull=False,
        closed_at__lt=_cutoff(today, organisation.retention_months),
    )


def cases_expired(*, today: date) -> Iterator[tuple[Case, Organisation]]:
    """Every expired case with its organisation, oldest first. Reads nothing else."""
    for organisation in Organisation.objects.order_by("pk"):
        for case in _expired(organisation, today).order_by("closed_at", "pk"):
            yield case, organisation


def deletion_counts(case: Case) -> dict[str, int]:
    """What deleting ``case`` would remove, per model label (for --dry-run and the audit)."""
    collector = Collector(using=router.db_for_write(Case))
    collector.collect([case])
    counts: dict[str, int] = {}
    for model, instances in collector.data.items():
        counts[model._meta.label] = counts.get(model._meta.label, 0) + len(instances)
    for queryset in collector.fast_deletes:
        label = queryset.model._meta.label
        counts[label] = counts.get(label, 0) + queryset.count()
    return {label: n for label, n in sorted(counts.items()) if n}


def _summary(case: Case, organisation: Organisation, deleted: dict[str, int]) -> PurgedCase:
    return PurgedCase(
        case_id=case.pk,
        organisation_id=organisation.pk,
        closed_on=timezone.localdate(case.closed_at),
        retention_months=organisation.retention_months,
        deleted=deleted,
    )


def case_purge_preview(*, today: date) -> list[PurgedCase]:
    """What ``case_purge_expired`` would destroy today; changes nothing."""
    return [
        _summary(case, organisation, deletion_counts(case))
        for case, organisation in cases_expired(today=today)
    ]


@transaction.atomic
def _purge_one(case_id: int, organisation: Organisation, today: date) -> PurgedCase | None:
    case = _expired(organisation, today).select_for_update().filter(pk=case_id).first()
    if case is None:  # reopened, already purged or changed since it was listed
        return None
    summary = _summary(case, organisation, {})
    for hook in _purge_hooks:
        hook(case)
    _total, deleted = case.delete()
    summary = replace(summary, deleted={label: n for label, n in sorted(deleted.items()) if n})
    audit_record(
        actor=None,
        action=PURGE_ACTION,
        object_type="case",
        object_id=summary.case_id,
        case_id=summary.case_id,
        organisation_id=summary.organisation_id,
        purpose="retention",
        detail={
            "closed_on": summary.closed_on.isoformat(),
            "retention_months": summary.retention_months,
            "deleted": summary.deleted,
        },
    )
    return summary


def case_purge_expired(*, today: date) -> list[PurgedCase]:
    """Destroy every expired case; each case and its audit event in one transaction."""
    expired = [(case.pk, organisation) for case, organisation in cases_expired(today=today)]
    purged = [_purge_one(case_id, organisation, today) for case_id, organisation in expired]
    return [summary for summary in purged if summary is not None]
