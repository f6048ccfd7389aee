"""What the installation operator's commands that act on one account share (``grant-role``,
``password-link``, ``reset-second-factor``): the account and the reason the audit trail keeps
are checked together, so that one run names every problem, as a refused form does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def operator_account(username: str, reason: str, problems: Sequence[str] = ()) -> Any:
    """The account ``username`` names (any case). Refused with every problem at once: those
    the command found before (``problems``), a missing reason, an unknown account."""
    found = list(problems)
    if not reason.strip():
        found.append(_("Geef met --reason een reden op; die komt in de audittrail."))
    user = get_user_model().objects.filter(username__iexact=username.strip()).first()
    if user is None:
        found.append(_("Er is geen account %(u)s.") % {"u": username})
    if found:
        raise ValidationError(found)
    return user
