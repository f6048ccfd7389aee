"""The audited reads and exports of statistics and the audit trail (issue #22). Each one
checks the role and writes its audit row in the same transaction, as every read does."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from deelwijzer.audit import keys
from deelwijzer.audit.models import AuditEvent
from deelwijzer.audit.services import audit_organisation, audit_record
from deelwijzer.cases.findings import stale
from deelwijzer.cases.models import Case, CaseStatus
from deelwijzer.insight.figures import Figure, Scope, all_figures
from deelwijzer.insight.trail import Page, TrailFilter, events_for, page_of
from deelwijzer.interchange.casefile import case_findings_keep
from deelwijzer.organisations.models import Organisation, Role
from deelwijzer.organisations.roles import memberships_of

# Who may see the statistics: not professionals (issue #22); the order picks the role named
# in the audit row when someone holds several.
STATISTICS_ROLES = (Role.AUDITOR, Role.ORG_ADMIN, Role.ATTENTION_OFFICER)
PDF_ROWS_MAX = 500  # a PDF for a committee, not an archive: the CSV takes any selection
# (WeasyPrint: about 7 ms of CPU a row, 3.5-4 s for 500, once the footer stopped costing more
# than the table; the audit page and the PDF say so and point to the CSV: bench/README.md)
SIGNATURE_FORMAT = "deelwijzer-audit-export/1"


def _organisation_with(user, roles: tuple[str, ...]) -> tuple[Organisation, str]:
    """The user's first organisation where they hold one of ``roles``, and that role; 403."""
    for organisation_id, held in sorted(memberships_of(user).items()):
        for role in roles:
            if role in held:
                return Organisation.objects.get(pk=organisation_id), role
    raise PermissionDenied


def statistics_access(user) -> tuple[Organisation, str]:
    return _organisation_with(user, STATISTICS_ROLES)


@transaction.atomic
def statistics_read(
    *, actor, start: date, end: date, per: str = "month", action: str = "statistics.view"
) -> tuple[Organisation, list[Figure]]:
    """The figures of the actor's organisation for the period; ``action`` says how they left
    (the page, a CSV, the PDF report, the API)."""
    organisation, role = statistics_access(actor)
    figures = all_figures(Scope(organisation.pk, start, end, per))
    period = {"from": start.isoformat(), "to": end.isoformat(), "per": per}
    audit_organisation(
        actor, organisation.pk, action, object_type="statistics", role=role, detail=period
    )
    return organisation, figures


def trail_access(user) -> Organisation:
    return _organisation_with(user, (Role.AUDITOR,))[0]


@transaction.atomic
def audit_trail_read(
    *,
    actor,
    wanted: TrailFilter,
    before: int | None = None,
    after: int | None = None,
    action: str = "audit.view",
) -> tuple[Organisation, Page]:
    """One keyset page of the organisation's trail, filtered; the reading itself audited."""
    organisation = trail_access(actor)
    page = page_of(events_for(organisation, wanted), before=before, after=after)
    cursor = f"voor {before}" if before else (f"na {after}" if after else "1")
    detail = {"page": cursor, **({"filter": wanted.as_detail()} if wanted.as_detail() else {})}
    audit_organisation(
        actor, organisation.pk, action, object_type="audit_log", role=Role.AUDITOR, detail=detail
    )
    return organisation, page


@dataclass(frozen=True)
class TrailExport:
    organisation: Organisation
    rows: QuerySet[AuditEvent]  # the filtered selection, newest first
    event: AuditEvent  # the export's own audit row: its hash is the chain's head


@transaction.atomic
def audit_trail_export(*, actor, wanted: TrailFilter, kind: str) -> TrailExport:
    """A filtered selection leaves as CSV or PDF: recorded first, with the filter."""
    if kind not in {"csv", "pdf"}:
        raise ValueError(kind)
    organisation = trail_access(actor)
    event = audit_organisation(
        actor,
        organisation.pk,
        f"audit.export_{kind}",
        object_type="audit_log",
        role=Role.AUDITOR,
        detail={"filter": wanted.as_detail()},
    )
    return TrailExport(organisation, events_for(organisation, wanted), event)


def sign_selection(export: TrailExport, rows: list) -> dict:
    """What the PDF's footer says: the chain's head at the export (the export's own row), the
    newest row of the selection, and an HMAC under the current audit key over both and every
    row's hash, so that the printed selection can be checked against the trail."""
    digest = hashlib.sha256("\n".join(f"{r.id}:{r.hash}" for r in rows).encode()).hexdigest()
    body = json.dumps(
        {
            "organisation": export.organisation.pk,
            "head_id": export.event.id,
            "head_hash": export.event.hash,
            "rows": len(rows),
            "rows_sha256": digest,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    key_id = keys.current_key_id()
    signature = keys.mac(key_id, f"{SIGNATURE_FORMAT}\n{body}".encode(), "een auditexport")
    return {
        "head_id": export.event.id,
        "head_hash": export.event.hash,
        "newest": rows[0] if rows else None,
        "rows_sha256": digest,
        "key_id": key_id,
        "signature": signature,
        "format": SIGNATURE_FORMAT,
    }


@transaction.atomic
def statistics_installation(*, start: date, end: date, per: str = "month") -> list[Figure]:
    """The figures over every organisation of the installation, for its operator (the
    ``deelwijzer statistics`` command: the operator has no role in an organisation)."""
    figures = all_figures(Scope(None, start, end, per))
    audit_record(
        actor=None,
        action="statistics.export_csv",
        object_type="statistics",
        object_id="installation",
        purpose="operator",
        detail={"from": start.isoformat(), "to": end.isoformat(), "per": per},
    )
    return figures


REFRESH_CHUNK = 200


def open_findings_refresh(*, organisation_id: int | None = None, stale_only: bool = False) -> int:
    """Judge the open cases again (of one organisation, or all) and keep their open findings
    per rule ID (cases.findings), for the operator's ``deelwijzer open-findings``: every night
    for the cases changed since their last judgement, or judged by an earlier version, that
    nobody opened (a change, also through the API, and an upgrade only mark the summary
    stale), and in full (``stale_only`` False) after bulk loading, or for the findings that
    depend on the date (an age, a term). Returns how many cases were judged.

    Audited first, in a transaction of its own, with the number of cases about to be judged;
    then each case is judged and kept in a transaction of its own
    (``deelwijzer.interchange.casefile.case_findings_keep``). Not one transaction for the
    run: that held every judged case's row until the end (at 100,000 cases 30-50 minutes), so
    a user saving to such a case waited as long (on SQLite: any write), and what was kept
    stayed unseen. A run that stops midway keeps what it judged; the rest stays stale for the
    next."""
    cases = Case.objects.filter(status=CaseStatus.OPEN)
    if organisation_id is not None:
        cases = cases.filter(organisation_id=organisation_id)
    if stale_only:
        cases = stale(cases)
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        audit_record(
            actor=None,
            action="statistics.findings_refresh",
            object_type="statistics",
            object_id=organisation_id or "installation",
            organisation_id=organisation_id,
            purpose="operator",
            detail={"cases": len(ids), **({"stale_only": True} if stale_only else {})},
        )
    for start in range(0, len(ids), REFRESH_CHUNK):
        case_findings_keep(set(ids[start : start + REFRESH_CHUNK]))
    return len(ids)
