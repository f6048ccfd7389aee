"""What waits for a user, per role: for the home page (``waiting_for``) and the menu counts
(``menu_counts``, one query for all of them, only for the roles the user holds). It reads
steps 2 and 5 and the reminders of documents/, so it is part of the top-level pages (web/),
not of notifications/, which sits below the step apps.

- attention officer: advice requests sent to the attention officer, not answered yet;
- decision maker: decisions submitted to be signed off (R5.3);
- professional, in the open cases on whose team they are: an advice request a teammate sent
  to them, an answer that came in, a decision returned (until it is submitted again) or
  signed off, and the reminders of documents/reminders.py (feedback due, R6.5, and the rest).

An answer and a sign-off count as new for ``NEW_DAYS`` days. Only pseudonyms and dates are
shown: what the request or decision says stays behind the (audited) pages they link to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import IntegerField, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.cases.access import cases_for, organisations_with_role
from deelwijzer.cases.models import CaseStatus
from deelwijzer.decisions.models import DecisionStatus, SharingDecision
from deelwijzer.documents import reminders
from deelwijzer.organisations.models import Role
from deelwijzer.ui.stepview import step_url

NEW_DAYS = 14


@dataclass(frozen=True)
class Waiting:
    kind: str
    pseudonym: str
    on: date | None
    label: str
    url: str


def _since(today: date) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=NEW_DAYS), time.min))


def _open_team_cases(user):
    return cases_for(user).filter(status=CaseStatus.OPEN).values("pk")


# --- the querysets, shared by the list and the count ------------------------------------------


def _requests_for_officer(user) -> QuerySet:
    return AdviceRequest.objects.filter(
        is_current=True,
        adviser_kind=AdviserKind.ATTENTION_OFFICER,
        status=RequestStatus.SENT,
        case__organisation_id__in=organisations_with_role(user, Role.ATTENTION_OFFICER),
    )


def _decisions_to_sign(user) -> QuerySet:
    return SharingDecision.objects.filter(
        is_current=True,
        status=DecisionStatus.SUBMITTED,
        case__organisation_id__in=organisations_with_role(user, Role.DECISION_MAKER),
    )


def _requests_for_teammate(user, cases) -> QuerySet:
    return AdviceRequest.objects.filter(
        case_id__in=cases,
        is_current=True,
        adviser_kind=AdviserKind.TEAM_MEMBER,
        adviser_member=user,
        status=RequestStatus.SENT,
    )


def _answers(user, cases, today: date) -> QuerySet:
    return AdviceRequest.objects.filter(
        case_id__in=cases,
        is_current=True,
        status=RequestStatus.ANSWERED,
        answered_at__gte=_since(today),
    ).exclude(answered_by=user)


def _decisions_back(user, cases, today: date) -> tuple[QuerySet, QuerySet]:
    current = SharingDecision.objects.filter(case_id__in=cases, is_current=True)
    returned = current.filter(status=DecisionStatus.RETURNED)
    signed = current.filter(
        status=DecisionStatus.SIGNED_OFF, decided_on__gte=today - timedelta(days=NEW_DAYS)
    ).exclude(decided_by=user)
    return returned, signed


def _professional_sets(user, today: date) -> list[QuerySet]:
    cases = _open_team_cases(user)
    returned, signed = _decisions_back(user, cases, today)
    return [
        _requests_for_teammate(user, cases),
        _answers(user, cases, today),
        returned,
        signed,
        *reminders.reminder_querysets(cases, today),
    ]


# --- the menu counts: one query --------------------------------------------------------------


class _Count(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) waiting_rows)"
    output_field = IntegerField()


def menu_counts(user, roles: set[str]) -> dict[str, int]:
    """{"mine": …, "inbox": …, "decisions": …} for the roles held, in one query (none without
    any of these roles)."""
    sets: dict[str, list[QuerySet]] = {}
    if Role.PROFESSIONAL in roles:
        sets["mine"] = _professional_sets(user, timezone.localdate())
    if Role.ATTENTION_OFFICER in roles:
        sets["inbox"] = [_requests_for_officer(user)]
    if Role.DECISION_MAKER in roles:
        sets["decisions"] = [_decisions_to_sign(user)]
    if not sets:
        return {}
    parts = {
        f"{name}_{n}": _Count(qs.order_by().values("pk"))
        for name, querysets in sets.items()
        for n, qs in enumerate(querysets)
    }
    from django.contrib.auth import get_user_model

    row = get_user_model().objects.filter(pk=user.pk).annotate(**parts).values(*parts).first()
    row = row or {}
    return {
        name: sum(row.get(f"{name}_{n}") or 0 for n in range(len(querysets)))  # NULL: none
        for name, querysets in sets.items()
    }


# --- the home page list ----------------------------------------------------------------------


def _officer_items(user) -> list[Waiting]:
    rows = _requests_for_officer(user).select_related("case").order_by("asked_on", "pk")
    return [
        Waiting(
            "advice_request",
            r.case.pseudonym,
            r.asked_on,
            _("Adviesvraag wacht op je antwoord"),
            reverse("inbox_answer", kwargs={"case_id": r.case.public_id, "key": r.key}),
        )
        for r in rows
    ]


def _decision_items(user) -> list[Waiting]:
    rows = _decisions_to_sign(user).select_related("case").order_by("submitted_at", "pk")
    return [
        Waiting(
            "decision_submitted",
            d.case.pseudonym,
            timezone.localdate(d.submitted_at) if d.submitted_at else None,
            _("Besluit wacht op je handtekening (stap 5, R5.3)"),
            step_url(d.case.public_id, 5),
        )
        for d in rows
    ]


def _professional_items(user, today: date) -> list[Waiting]:
    cases = _open_team_cases(user)
    items = [
        Waiting(
            "advice_request",
            r.case.pseudonym,
            r.asked_on,
            _("Een teamgenoot vraagt jouw advies (stap 2)"),
            step_url(r.case.public_id, 2, r.key),
        )
        for r in _requests_for_teammate(user, cases).select_related("case")
    ]
    items += [
        Waiting(
            "advice_answer",
            r.case.pseudonym,
            timezone.localdate(r.answered_at),
            _("Advies ontvangen (stap 2)"),
            step_url(r.case.public_id, 2, r.key),
        )
        for r in _answers(user, cases, today).select_related("case")
    ]
    returned, signed = _decisions_back(user, cases, today)
    items += [
        Waiting(
            "decision_returned",
            d.case.pseudonym,
            timezone.localdate(d.recorded_at),
            _("Besluit teruggestuurd door de beslisser: pas het aan (stap 5)"),
            step_url(d.case.public_id, 5),
        )
        for d in returned.select_related("case")
    ]
    items += [
        Waiting(
            "decision_signed_off",
            d.case.pseudonym,
            d.decided_on,
            _("Besluit afgetekend door de beslisser (stap 5)"),
            step_url(d.case.public_id, 5),
        )
        for d in signed.select_related("case")
    ]
    return sorted(items, key=lambda w: (w.on or today, w.pseudonym))


def waiting_for(user, roles: set[str], today: date) -> dict[str, list[Waiting]]:
    """The home page's lists, per role held."""
    found: dict[str, list[Waiting]] = {}
    if Role.ATTENTION_OFFICER in roles:
        found["inbox"] = _officer_items(user)
    if Role.DECISION_MAKER in roles:
        found["decisions"] = _decision_items(user)
    if Role.PROFESSIONAL in roles:
        found["mine"] = _professional_items(user, today)
    return found
