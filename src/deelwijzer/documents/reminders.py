"""Reminders for the professional: feedback due or overdue (R6.5), the review date of an
"extra attention" advice outcome (R2.5), opinions that stay open too long (R1.2).

Shown on the dashboard (``reminders_for``) and announced by e-mail (``send_reminder_mails``).
An e-mail says only that something awaits the reader in Deelwijzer, with a link: no case
content, no name, no pseudonym.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from deelwijzer.cases.access import open_case_ids_for
from deelwijzer.dates import nl_date
from deelwijzer.notifications.mail import Kind, send_now
from deelwijzer.organisations.models import Membership, Role

SOON_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    kind: str  # feedback_due | feedback_overdue | review_due | opinion_open
    case_id: int
    pseudonym: str
    ref: str
    on: date
    label: str
    message: str
    url: str


def open_opinion_days() -> int:
    return int(getattr(settings, "DEELWIJZER_OPEN_OPINION_DAYS", 30))


def _about(entry, kind: str, step: int, on: date, label: str, message: str) -> Reminder:
    """A reminder about one entry of a case (anything with ``case`` and ``key``), on the date
    ``on``; ``message`` may name the pseudonym ``%(p)s``, the entry ``%(key)s`` and the date
    ``%(d)s``. Its link goes to the entry on the step page."""
    case = entry.case
    text = message % {"p": case.pseudonym, "key": entry.key, "d": nl_date(on)}
    url = reverse(f"step{step}", kwargs={"case_id": case.public_id}) + f"#{entry.key}"
    return Reminder(kind, entry.case_id, case.pseudonym, entry.key, on, label, text, url)


def with_case(rows, *fields: str):
    """``rows`` (entries of cases) with their case's pseudonym and public id, and of their own
    only ``key`` and ``fields``: a list shows a pseudonym, a date and a link, and the entries'
    encrypted texts are then not read and decrypted for nothing (about 460 values on a
    professional's home page in the benchmark's organisations)."""
    return rows.select_related("case").only(
        "key", "case", "case__pseudonym", "case__public_id", *fields
    )


def _feedback_rows(case_ids, today: date):
    from deelwijzer.disclosures.models import Disclosure

    return Disclosure.objects.filter(
        case_id__in=case_ids,
        feedback_possible=True,
        feedback_due_on__lte=today + timedelta(days=SOON_DAYS),
        feedback__isnull=True,
    )


def _feedback(case_ids, today: date) -> list[Reminder]:
    rows = with_case(_feedback_rows(case_ids, today), "feedback_due_on")
    text = _("%(p)s, verstrekking %(key)s: terugkoppeling afgesproken uiterlijk %(d)s (R6.5)")
    late, due = _("Terugkoppeling te laat"), _("Terugkoppeling verwacht")
    return [
        _about(x, "feedback_overdue", 6, x.feedback_due_on, late, text)
        if x.feedback_due_on < today
        else _about(x, "feedback_due", 6, x.feedback_due_on, due, text)
        for x in rows
    ]


def _review_rows(case_ids, today: date):
    from deelwijzer.advice.models import AdviceRequest, Outcome

    return AdviceRequest.objects.filter(
        case_id__in=case_ids,
        is_current=True,
        outcome=Outcome.EXTRA_ATTENTION,
        review_date__lte=today + timedelta(days=SOON_DAYS),
    )


def _reviews(case_ids, today: date) -> list[Reminder]:
    rows = with_case(_review_rows(case_ids, today), "review_date")
    text = _("%(p)s, advies %(key)s: extra aandacht, opnieuw bekijken op %(d)s (R2.5)")
    return [_about(a, "review_due", 2, a.review_date, _("Opnieuw bekijken"), text) for a in rows]


def _opinion_rows(case_ids, today: date):
    from deelwijzer.signalling.models import Opinion, OpinionStatus

    cutoff = today - timedelta(days=open_opinion_days())
    still_open = Opinion.objects.filter(
        case=OuterRef("case"), key=OuterRef("key"), is_current=True, status=OpinionStatus.OPEN
    )
    return Opinion.objects.filter(
        case_id__in=case_ids, version=1, recorded_at__date__lte=cutoff
    ).filter(Exists(still_open))


def reminder_querysets(case_ids, today: date) -> list:
    """The rows behind each kind of reminder, for ``case_ids`` (a list or a subquery): what the
    menu counts (web.waiting) in one query with the rest."""
    return [f(case_ids, today) for f in (_feedback_rows, _review_rows, _opinion_rows)]


def _opinions(case_ids, today: date) -> list[Reminder]:
    rows = with_case(_opinion_rows(case_ids, today), "recorded_at")
    text = _("%(p)s, mening %(key)s staat sinds %(d)s open: bevestig of ontkracht haar (R1.2)")
    label = _("Mening nog open")
    return [_about(o, "opinion_open", 1, localdate(o.recorded_at), label, text) for o in rows]


def reminders_for(user, today: date, *, case_ids: list[int] | None = None) -> list[Reminder]:
    """What awaits this professional in the open cases on whose team they are; ``case_ids``:
    those cases (``open_case_ids_for``), if the caller read them already."""
    if case_ids is None:
        case_ids = open_case_ids_for(user)
    if not case_ids:
        return []
    found = _feedback(case_ids, today) + _reviews(case_ids, today) + _opinions(case_ids, today)
    return sorted(found, key=lambda r: (r.on, r.pseudonym, r.ref))


def send_reminder_mails(today: date) -> int:
    """One e-mail to every active professional for whom something awaits and who did not turn
    e-mail off (Meldingen); returns the count."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Exists(
                Membership.objects.filter(user=OuterRef("pk"), role=Role.PROFESSIONAL, active=True)
            )
        )
        .exclude(email="")
        .exclude(notification_setting__email=False)
        .order_by("pk")
    )
    addresses = [user.email for user in users if reminders_for(user, today)]
    return send_now(Kind.REMINDER, addresses) if addresses else 0
