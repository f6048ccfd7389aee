"""The audit trail as a tool (issue #22): filters, keyset pages and the labels people read.

Only reads; the services (insight.services) audit who read or exported what. A page is found
by the id of its last row (keyset), never by OFFSET, so that paging stays fast at a million
rows (the indexes are on AuditEvent.Meta).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from deelwijzer.audit.labels import OBJECT_LABELS, action_label, object_type_label
from deelwijzer.audit.models import AuditEvent, Outcome
from deelwijzer.cases.models import Case
from deelwijzer.organisations.models import Organisation
from deelwijzer.organisations.roles import role_label

PAGE_SIZE = 50
DONE, REFUSED = "done", "refused"
OUTCOMES = {DONE: [Outcome.SUCCESS], REFUSED: [Outcome.DENIED, Outcome.FAILURE]}
_NOISE = {"van", "de", "het", "een"}  # words of every label ("adviesvraag a1 van casus …")


@dataclass(frozen=True)
class TrailFilter:
    """What the auditor asked for; every part optional. ``person`` is a user's public id,
    ``case`` a case's public id or (part of) its pseudonym, ``text`` words of the object label."""

    person: UUID | None = None
    case: str = ""
    action: str = ""
    outcome: str = ""
    start: date | None = None
    end: date | None = None
    text: str = ""

    def as_detail(self) -> dict:
        """The filter for the audit row of a read or export: ids and codes, no free text but
        the words asked for (an auditor's own search, capped)."""
        shown = {
            "person": str(self.person or ""),
            "case": self.case[:60],
            "action": self.action,
            "outcome": self.outcome,
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "text": self.text[:60],
        }
        return {k: v for k, v in shown.items() if v}


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


CASES_MAX = 1000  # cases one filter word may match (a pseudonym fragment): ids in the query


def _case_keys(organisation: Organisation, wanted: str) -> list[int]:
    """The ids of the organisation's cases with this public id or pseudonym (part), as a
    list: inside an OR a subquery cannot use an index, a list of ids can (issue #22)."""
    cases = Case.objects.filter(organisation=organisation)
    try:
        found = cases.filter(public_id=UUID(wanted))
    except ValueError:
        found = cases.filter(pseudonym__icontains=wanted)
    return list(found.order_by("pk").values_list("pk", flat=True)[:CASES_MAX])


def _about_cases(keys: list[int]) -> Q:
    """Rows about these cases: their own, and refused attempts at them (access.denied keeps
    the case in object_id only, outside the youth's dossier: cases.reads). Each side has an
    index (audit_case_id, audit_refused_case): PostgreSQL reads both and merges them."""
    refused = Q(action="access.denied", object_type="case", object_id__in=[str(k) for k in keys])
    return Q(case_id__in=keys) | refused


def _word(organisation: Organisation, word: str) -> Q:
    """One word of the object label: the kind of object, its key ("a1") or the pseudonym.
    Keys are written in lower case, as the word is: an exact match, on an index."""
    kinds = [code for code, label in OBJECT_LABELS.items() if word in str(label).lower()]
    matches = Q(object_type__in=kinds) | Q(object_id=word)
    if word == "casus":
        matches |= Q(case_id__isnull=False)
    return matches | Q(case_id__in=_case_keys(organisation, word))


def _text(organisation: Organisation, text: str) -> Q:
    found = Q()
    for word in text.lower().split()[:8]:
        if word not in _NOISE:
            found &= _word(organisation, word)
    return found


def events_for(organisation: Organisation, wanted: TrailFilter) -> QuerySet[AuditEvent]:
    """The organisation's rows that match the filter, newest first."""
    rows = AuditEvent.objects.filter(organisation_id=organisation.pk)
    if wanted.person is not None:
        person = get_user_model().objects.filter(public_id=wanted.person).values("pk")
        rows = rows.filter(user_id__in=person)
    if wanted.case:
        rows = rows.filter(_about_cases(_case_keys(organisation, wanted.case)))
    if wanted.action:
        rows = rows.filter(action=wanted.action)
    if wanted.outcome in OUTCOMES:
        rows = rows.filter(outcome__in=OUTCOMES[wanted.outcome])
    if wanted.start is not None:
        rows = rows.filter(occurred_at__gte=_local_midnight(wanted.start))
    if wanted.end is not None:
        rows = rows.filter(occurred_at__lt=_local_midnight(wanted.end + timedelta(days=1)))
    if wanted.text:
        rows = rows.filter(_text(organisation, wanted.text))
    return rows.order_by("-id")


@dataclass
class Page:
    rows: list
    older: int | None = None  # the id to ask "voor" for the next, older page
    newer: int | None = None  # the id to ask "na" for the previous, newer page
    first: bool = True


def page_of(
    rows: QuerySet[AuditEvent], *, before: int | None = None, after: int | None = None
) -> Page:
    """One page by keyset: rows older than ``before``, or the page just newer than ``after``."""
    if after is not None:
        chunk = list(rows.filter(id__gt=after).order_by("id")[: PAGE_SIZE + 1])
        more_newer = len(chunk) > PAGE_SIZE
        chunk = list(reversed(chunk[:PAGE_SIZE]))
        older = chunk[-1].id if chunk else after + 1
        return Page(readable(chunk), older, chunk[0].id if more_newer else None, not more_newer)
    if before is not None:
        rows = rows.filter(id__lt=before)
    chunk = list(rows[: PAGE_SIZE + 1])
    more = len(chunk) > PAGE_SIZE
    chunk = chunk[:PAGE_SIZE]
    newer = chunk[0].id if chunk and before is not None else None
    return Page(readable(chunk), chunk[-1].id if more else None, newer, before is None)


@dataclass
class Row:
    """One audit row as people read it."""

    id: int
    occurred_at: datetime
    who: str
    person_id: UUID | None
    role: str
    action: str
    action_label: str
    object_label: str
    case_public_id: UUID | None
    case_pseudonym: str
    outcome: str
    outcome_label: str
    client_address: str
    hash: str
    extra: dict = field(default_factory=dict)


def object_label(event: AuditEvent, case: tuple | None) -> str:
    """The object of an event as people read it; ``case``: (public_id, pseudonym). A case
    that is gone (purged: its rows stay, without content) is named as such, by its number."""
    kind = object_type_label(event.object_type)
    key = _case_of(event)
    gone = _("een vernietigde casus (nr. %(n)s)") % {"n": key} if case is None and key else ""
    if event.object_type == "case":
        if case is not None:
            return f"{kind} {case[1]}"
        return gone[:1].upper() + gone[1:] if gone else f"{kind} ({event.object_id or '—'})"
    own = f"{kind} {event.object_id}".strip() if event.object_type != "user" else kind
    if case is not None:
        return f"{own} van casus {case[1]}"
    return f"{own} van {gone}" if gone else own


def _case_of(event: AuditEvent) -> int | None:
    if event.case_id is not None:
        return event.case_id
    if event.object_type == "case" and event.object_id.isdigit():
        return int(event.object_id)
    return None


def readable(events: list[AuditEvent]) -> list[Row]:
    """Names, pseudonyms and Dutch labels for a list of rows, in two queries."""
    users = {e.user_id for e in events if e.user_id}
    people = {
        u.pk: (u.display_name(), u.public_id) for u in get_user_model().objects.filter(pk__in=users)
    }
    keys = {k for k in map(_case_of, events) if k is not None}
    cases = {pk: (public, p) for pk, public, p in _cases(keys)}
    return [_row(e, _get(people, e.user_id), _get(cases, _case_of(e))) for e in events]


def _get(found: dict, key: int | None):
    return found.get(key) if key is not None else None


def _cases(keys: set[int]):
    return Case.objects.filter(pk__in=keys).values_list("pk", "public_id", "pseudonym")


def _row(event: AuditEvent, person: tuple | None, case: tuple | None) -> Row:
    return Row(
        id=event.id,
        occurred_at=event.occurred_at,
        who=person[0] if person else "—",
        person_id=person[1] if person else None,
        role=role_label(event.role),
        action=event.action,
        action_label=action_label(event.action),
        object_label=object_label(event, case),
        case_public_id=case[0] if case else None,  # none once the case is purged
        case_pseudonym=case[1] if case else "",
        outcome=DONE if event.outcome == Outcome.SUCCESS else REFUSED,
        outcome_label=str(Outcome(event.outcome).label),
        client_address=event.client_address,
        hash=event.hash,
    )


def all_rows(
    rows: QuerySet[AuditEvent], *, limit: int | None = None, chunk: int = 2000
) -> Iterator[Row]:
    """Every matching row (up to ``limit``) for an export, newest first, by keyset chunks
    (no OFFSET)."""
    before, left = None, limit
    while left is None or left > 0:
        part = rows.filter(id__lt=before) if before is not None else rows
        events = list(part[: chunk if left is None else min(chunk, left)])
        if not events:
            return
        yield from readable(events)
        before = events[-1].id
        left = None if left is None else left - len(events)
