"""E-mail notifications: that something waits in Deelwijzer, and a link to the home page.

Content-free by design (DESIGN.md): no name, no pseudonym, no case content, not the word
"radicalisering"; every kind gets the same text, so that not even the kind of event shows.
The service that makes the event calls :func:`notify` inside its transaction; the mail goes
out after the commit (``transaction.on_commit``), to the users who did not turn it off.
Never from a Django signal receiver.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijzer.notifications.models import NotificationSetting

logger = logging.getLogger(__name__)


class Kind(StrEnum):
    ADVICE_REQUEST = "advice_request"  # a request arrived for the adviser
    ADVICE_ANSWER = "advice_answer"  # the asker's request was answered
    DECISION_SUBMITTED = "decision_submitted"  # a decision waits to be signed off
    DECISION_SIGNED_OFF = "decision_signed_off"  # back to who submitted it
    DECISION_RETURNED = "decision_returned"  # back to who submitted it
    DELIVERY_FEEDBACK = "delivery_feedback"  # a recipient gave feedback through the link
    DELIVERY_LOCKED = "delivery_locked"  # a link locked after wrong codes: send it again
    TRANSFER = "transfer"  # a transfer arrived, was accepted or declined (issue #20.2)
    REMINDER = "reminder"  # feedback due (R6.5) and the rest: deelwijzer reminders (daily)
    SIGN_IN_REFUSED = "sign_in_refused"  # for the admins: a provider account changed (#21)


def mail_text() -> tuple[str, str]:
    """Subject and body: that something waits, and where. Nothing about any case."""
    subject = _("Er staat iets voor je klaar in Deelwijzer")
    body = _(
        "Hallo,\n\nEr staat iets voor je klaar in Deelwijzer. Log in om te zien wat:\n"
        "%(url)s\n\nWil je deze e-mails niet meer? Zet ze uit onder Meldingen in het menu.\n\n"
        "Dit bericht is automatisch verstuurd."
    ) % {"url": settings.SITE_URL.rstrip("/") + reverse("dashboard")}
    return subject, body


def recipients(users: Iterable) -> list[str]:
    """The addresses of the active users among ``users`` who did not turn e-mail off."""
    found = {u.pk: u for u in users if u is not None and u.is_active and u.email}
    if not found:
        return []
    off = set(
        NotificationSetting.objects.filter(user_id__in=found, email=False).values_list(
            "user_id", flat=True
        )
    )
    return sorted({u.email for pk, u in found.items() if pk not in off})


def send_now(kind: Kind, addresses: list[str]) -> int:
    """One e-mail per address (nobody sees another's address); returns how many went."""
    subject, body = mail_text()
    sent = send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses])
    logger.info("notification %s sent to %d address(es)", kind, sent)
    return sent


def notify(*, kind: Kind, users: Iterable, actor=None) -> None:
    """After the current transaction commits, mail ``users`` (never the actor themself)."""
    actor_pk = getattr(actor, "pk", None)
    addresses = recipients(u for u in users if u is not None and u.pk != actor_pk)
    if addresses:
        # robust: a mail server that fails does not turn a saved change into an error page
        transaction.on_commit(lambda: send_now(kind, addresses), robust=True)
