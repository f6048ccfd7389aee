"""What the step 2 pages read: each request with its versions (one query for every version of
every request), one current request by key, the signals a request can put forward."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import Http404
from django.utils.translation import gettext as _

from deelwijzer.advice import transitions
from deelwijzer.advice.answers import answer_rows
from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.cases.models import Case


@dataclass(frozen=True)
class Version:
    version: int
    recorded_by: str
    recorded_at: datetime
    note: str
    status_label: str


@dataclass
class RequestRow:
    current: AdviceRequest
    adviser: str
    asked_by: str
    answered_by: str
    answers: list[tuple[str, str]]
    history: list[Version] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.current.key

    @property
    def is_draft(self) -> bool:
        return self.current.status == RequestStatus.DRAFT

    @property
    def recordable(self) -> bool:
        """The professional records this answer (a colleague's or an external adviser's)."""
        return self.current.adviser_kind != AdviserKind.ATTENTION_OFFICER and transitions.allowed(
            self.current, RequestStatus.ANSWERED
        )

    @property
    def review_date(self) -> date | None:
        return self.current.review_date


def adviser_label(r: AdviceRequest) -> str:
    if r.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        return _("de aandachtsfunctionaris radicalisering")
    if r.adviser_kind == AdviserKind.TEAM_MEMBER:
        name = r.adviser_member.display_name() if r.adviser_member else "?"
        return _("teamcollega %(name)s") % {"name": name}
    organisation = r.get_external_organisation_display()
    return f"{organisation} – {r.external_name}" if r.external_name else str(organisation)


def _row(versions: list[AdviceRequest]) -> RequestRow:
    current = versions[-1]
    return RequestRow(
        current=current,
        adviser=adviser_label(current),
        asked_by=current.asked_by.display_name(),
        answered_by=current.answered_by.display_name() if current.answered_by else "",
        answers=answer_rows(current),
        history=[
            Version(
                v.version,
                v.recorded_by.display_name(),
                v.recorded_at,
                v.correction_note,
                v.get_status_display(),
            )
            for v in versions
        ],
    )


def request_rows(case: Case) -> list[RequestRow]:
    """Every request of the case with its history, newest first."""
    grouped: dict[str, list[AdviceRequest]] = {}
    for version in (
        AdviceRequest.objects.filter(case=case)
        .select_related("recorded_by", "asked_by", "adviser_member", "answered_by")
        .order_by("version")
    ):
        grouped.setdefault(version.key, []).append(version)
    rows = [_row(versions) for versions in grouped.values()]
    return sorted(rows, key=lambda row: row.current.number, reverse=True)


def current_signals(case: Case, keys: list[str] | None = None) -> list:
    """The case's current signals and contra-signals (step 1), in the order of their keys."""
    from deelwijzer.signalling.models import Signal

    rows = Signal.objects.filter(case=case, is_current=True)
    if keys is not None:
        rows = rows.filter(key__in=keys)
    return sorted(rows, key=lambda s: (len(s.key), s.key))


def sent_request(case: Case, key: str) -> AdviceRequest | None:
    """Request ``key`` once it has left its draft (sent, answered), else None."""
    sent = (RequestStatus.SENT, RequestStatus.ANSWERED)
    return AdviceRequest.objects.filter(
        case=case, key=key, is_current=True, status__in=sent
    ).first()


def current_request(case: Case, key: str, *statuses: str) -> AdviceRequest:
    request = AdviceRequest.objects.filter(case=case, key=key, is_current=True).first()
    if request is None or (statuses and request.status not in statuses):
        raise Http404
    return request
