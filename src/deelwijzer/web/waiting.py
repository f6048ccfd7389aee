"""What waits for a user, per role: for the home page (``waiting_for``) and the menu counts
(``menu_counts``: at most two queries, only for the roles the user holds). It reads
steps 2 and 5 and the reminders of documents/, so it is part of the top-level pages (web/),
not of notifications/, which sits below the step apps.

- attention officer: advice requests sent to the attention officer, not answered yet;
- decision maker: decisions submitted to be signed off (R5.3);
- attention officer and functional administrator: transfers from another organisation that
  wait for their decision (issue #20.2; names of organisations and dates, no content);
- professional, in the open cases on whose team they are: an advice request a teammate sent
  to them, an answer that came in, a decision returned (until it is submitted again) or
  signed off, feedback a recipient wrote through the link (R6.5), a link locked after wrong
  codes and not sent again, a transfer the receiving organisation answered, and the reminders
  of documents/reminders.py (feedback due, R6.5, and the rest).

An answer and a sign-off count as new for ``NEW_DAYS`` days. Only pseudonyms and dates are
shown: what the request or decision says stays behind the (audited) pages they link to.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.db.models import F, IntegerField, Max, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.cases.access import cases_for, organisations_with_role
from deelwijzer.cases.models import CaseStatus
from deelwijzer.decisions.models import DecisionStatus, SharingDecision
from deelwijzer.disclosures.models import Delivery, Disclosure
from deelwijzer.documents import reminders
from deelwijzer.documents.reminders import with_case
from deelwijzer.organisations.models import Role
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.selectors import DECIDERS, waiting_for_decision
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


def _recipient_feedback(cases, today: date) -> QuerySet:
    """Disclosures whose recipient wrote feedback through the link lately (R6.5): the mail
    that says so leads here (the recipient walk: it led to a list without it)."""
    return Disclosure.objects.filter(
        case_id__in=cases,
        feedback__delivery__isnull=False,
        feedback__recorded_at__gte=_since(today),
    ).annotate(last_feedback=Max("feedback__recorded_at"))


def _locked_links(cases, today: date) -> QuerySet:
    """Links locked after wrong codes lately, with no link sent since for the same
    disclosure: the recipient cannot open it until the sender sends it again."""
    return Delivery.objects.filter(
        disclosure__case_id__in=cases, locked_at__gte=_since(today), withdrawn_at__isnull=True
    ).exclude(disclosure__deliveries__sent_at__gt=F("locked_at"))


def _transfers_answered(cases, today: date) -> QuerySet:
    """Transfers of these cases that the receiving organisation accepted or declined lately
    (the walk: the sending team heard of it only by mail, nothing at home)."""
    return Transfer.objects.filter(case_id__in=cases, decided_at__gte=_since(today))


def _professional_sets(user, today: date, cases: list[int]) -> list[QuerySet]:
    if not cases:
        return []  # nothing to count
    returned, signed = _decisions_back(user, cases, today)
    return [
        _requests_for_teammate(user, cases),
        _answers(user, cases, today),
        returned,
        signed,
        _recipient_feedback(cases, today),
        _locked_links(cases, today),
        _transfers_answered(cases, today),
        *reminders.reminder_querysets(cases, today),
    ]


# --- the menu counts: at most two queries ---------------------------------------------------


class _Count(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) waiting_rows)"
    output_field = IntegerField()


# The professional's count, kept in the user's session under what it was counted from: the
# user, the day, and every open team case with its revision. Every audited change of a case
# moves its revision on (audit.services), and every write is audited, so a change in any of the
# cases, a case opened, closed or joined, or a new day makes another key and the count is made
# again. Counting it is the costly part of a page (seven sets, about 20 ms of processor time);
# reading the revisions is one small query. The session is read on every request anyway and is
# the same on every worker and node: kept per process, each of a cluster's processes counted
# it again (in make bench-scale's mix, 57 % of the counts were made again).
KEPT_MINE = "deelwijzer_menu_mine"  # session key: [key, count]


def _mine_key(user, today: date, cases: list[tuple[int, UUID, int]]) -> str:
    made = repr((str(user.public_id), today.isoformat(), [(str(p), r) for _, p, r in cases]))
    return hashlib.blake2b(made.encode(), digest_size=16).hexdigest()


def _kept(kept: MutableMapping | None, key: str) -> int | None:
    found = kept.get(KEPT_MINE) if kept is not None else None
    if isinstance(found, list) and len(found) == 2 and found[0] == key:
        return int(found[1])
    return None


def menu_counts(user, roles: set[str], kept: MutableMapping | None = None) -> dict[str, int]:
    """{"mine": …, "inbox": …, "decisions": …, "transfers": …} for the roles held: one query for the
    professional's open team cases and their revisions (none without that role), and one
    query that counts whatever is not kept already (none if nothing is left to count).
    ``kept``: where the professional's count is kept (the session), None: counted each time."""
    sets: dict[str, list[QuerySet]] = {}
    counts: dict[str, int] = {}
    key = None
    if Role.PROFESSIONAL in roles:
        today = timezone.localdate()
        cases = list(
            cases_for(user)
            .filter(status=CaseStatus.OPEN)
            .values_list("pk", "public_id", "revision")
            .order_by("pk")
        )
        key = _mine_key(user, today, cases)
        mine = _kept(kept, key)
        if mine is not None:
            counts["mine"] = mine
        else:
            sets["mine"] = _professional_sets(user, today, [pk for pk, _, _ in cases])
    if Role.ATTENTION_OFFICER in roles:
        sets["inbox"] = [_requests_for_officer(user)]
    if Role.DECISION_MAKER in roles:
        sets["decisions"] = [_decisions_to_sign(user)]
    if roles.intersection(DECIDERS):
        sets["transfers"] = [waiting_for_decision(user)]
    parts = {
        f"{name}_{n}": _Count(qs.order_by().values("pk"))
        for name, querysets in sets.items()
        for n, qs in enumerate(querysets)
    }
    row: dict[str, int | None] = {}
    if parts:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(pk=user.pk)
        row = users.annotate(**parts).values(*parts).first() or {}
    for name, querysets in sets.items():
        counts[name] = sum(row.get(f"{name}_{n}") or 0 for n in range(len(querysets)))  # NULL
    if kept is not None and key is not None and "mine" in sets:
        kept[KEPT_MINE] = [key, counts["mine"]]
    return counts


# --- the home page list ----------------------------------------------------------------------


def _officer_items(user) -> list[Waiting]:
    rows = with_case(_requests_for_officer(user), "asked_on").order_by("asked_on", "pk")
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
    rows = with_case(_decisions_to_sign(user), "submitted_at").order_by("submitted_at", "pk")
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


def _transfer_items(user) -> list[Waiting]:
    rows = waiting_for_decision(user).select_related("from_organisation")
    return [
        Waiting(
            "transfer",
            t.sender,  # the sending organisation's name, as under Overdrachten: no content
            timezone.localdate(t.prepared_at),
            _("Overdracht van een andere organisatie wacht op je besluit"),
            reverse("transfer_decide", kwargs={"transfer_id": t.public_id}),
        )
        for t in rows.order_by("prepared_at", "pk")
    ]


def _professional_items(user, today: date, cases: list[int]) -> list[Waiting]:
    items = [
        Waiting(
            "advice_request",
            r.case.pseudonym,
            r.asked_on,
            _("Een teamgenoot vraagt jouw advies (stap 2)"),
            step_url(r.case.public_id, 2, r.key),
        )
        for r in with_case(_requests_for_teammate(user, cases), "asked_on")
    ]
    items += [
        Waiting(
            "advice_answer",
            r.case.pseudonym,
            timezone.localdate(r.answered_at),
            _("Advies ontvangen (stap 2)"),
            step_url(r.case.public_id, 2, r.key),
        )
        for r in with_case(_answers(user, cases, today), "answered_at")
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
        for d in with_case(returned, "recorded_at")
    ]
    items += [
        Waiting(
            "decision_signed_off",
            d.case.pseudonym,
            d.decided_on,
            _("Besluit afgetekend door de beslisser (stap 5)"),
            step_url(d.case.public_id, 5),
        )
        for d in with_case(signed, "decided_on")
    ]
    items += [
        Waiting(
            "recipient_feedback",
            x.case.pseudonym,
            timezone.localdate(x.last_feedback),
            _("Terugkoppeling van de ontvanger (stap 6)"),
            step_url(x.case.public_id, 6, x.key),
        )
        for x in with_case(_recipient_feedback(cases, today))
    ]
    locked = _locked_links(cases, today).select_related("disclosure__case")
    items += [
        Waiting(
            "delivery_locked",
            d.disclosure.case.pseudonym,
            timezone.localdate(d.locked_at),
            _("Link geblokkeerd na te veel foute codes: verstuur hem opnieuw (stap 6)"),
            step_url(d.disclosure.case.public_id, 6, d.disclosure.key),
        )
        for d in locked.only(
            "locked_at",
            "disclosure__key",
            "disclosure__case__pseudonym",
            "disclosure__case__public_id",
        )
    ]
    answered = _transfers_answered(cases, today).select_related("case", "to_organisation")
    items += [
        Waiting(
            "transfer_answered",
            t.case.pseudonym,
            timezone.localdate(t.decided_at),
            (ACCEPTED if t.status == TransferStatus.ACCEPTED else DECLINED) % {"org": t.receiver},
            reverse("transfer_new", kwargs={"case_id": t.case.public_id}),
        )
        for t in answered
    ]
    return sorted(items, key=lambda w: (w.on or today, w.pseudonym))


ACCEPTED = _l("Overdracht aanvaard door %(org)s: de casus staat daar nu")
DECLINED = _l("Overdracht afgewezen door %(org)s: lees hun reden")


def waiting_for(
    user, roles: set[str], today: date, *, case_ids: list[int]
) -> dict[str, list[Waiting]]:
    """The home page's lists, per role held; ``case_ids``: the user's open team cases
    (``cases.access.open_case_ids_for``), which the page reads for its reminders too."""
    found: dict[str, list[Waiting]] = {}
    if Role.ATTENTION_OFFICER in roles:
        found["inbox"] = _officer_items(user)
    if Role.DECISION_MAKER in roles:
        found["decisions"] = _decision_items(user)
    if roles.intersection(DECIDERS):
        found["transfers"] = _transfer_items(user)
    if Role.PROFESSIONAL in roles:
        found["mine"] = _professional_items(user, today, case_ids)
    return found
