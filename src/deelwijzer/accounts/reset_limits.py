"""Limits on "wachtwoord vergeten" (ASVS 5.0 V6.3.1, V2.4.1): reset links per account and
requests per client address, counted over the last hour in the audit trail.

The audit trail is the counter because it is shared by every app node (a per-process cache would
let each node send its own quota) and because each request must be recorded anyway. Whatever
the outcome, the page answers the same (no account enumeration); a limited request sends nothing
and is recorded as refused.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from deelwijzer.audit.context import current
from deelwijzer.audit.models import AuditEvent

SENT = "auth.password_reset_sent"  # a link went to an account's address
UNKNOWN = "auth.password_reset_unknown"  # no active account with a password has that address
LIMITED = "auth.password_reset_limited"  # refused: too many in the last hour
ALL = (SENT, UNKNOWN, LIMITED)
WINDOW = timedelta(hours=1)


def _recent(actions: tuple[str, ...]):
    return AuditEvent.objects.filter(action__in=actions, occurred_at__gte=timezone.now() - WINDOW)


def address_exhausted() -> bool:
    """The requesting address asked for reset links too often in the last hour."""
    address = current().client_address
    count = _recent(ALL).filter(client_address=address).count()
    return count >= settings.PASSWORD_RESET_ADDRESS_LIMIT


def account_exhausted(user) -> bool:
    """This account was sent reset links too often in the last hour."""
    count = _recent((SENT,)).filter(user_id=user.pk).count()
    return count >= settings.PASSWORD_RESET_ACCOUNT_LIMIT
