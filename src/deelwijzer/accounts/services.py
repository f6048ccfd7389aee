"""What a signed-in user does to their own account: a new password (the second factor:
accounts/twofactor.py)."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deelwijzer.accounts.receivers import record
from deelwijzer.audit.models import Outcome

WRONG_PASSWORD = "password_incorrect"


@transaction.atomic
def _refused(actor) -> None:
    record("auth.password_change_failed", actor, outcome=Outcome.FAILURE)


def password_change(*, actor, current_password: str, new_password: str) -> None:
    """A signed-in user with both factors chooses a new password after giving the current one
    (re-authentication), under the same rules as every password. Every session of the user
    ends (accounts.receivers); the page keeps its own with ``update_session_auth_hash``.
    A wrong current password is recorded, then refused. Never a password in the trail."""
    if not actor.is_authenticated or not actor.is_verified():
        raise PermissionDenied
    if not actor.has_usable_password():
        raise ValidationError(_("Je wachtwoord beheert je organisatie: wijzig het daar."))
    if not actor.check_password(current_password):
        _refused(actor)
        message = _("Dit is niet je huidige wachtwoord. Let op hoofdletters.")
        raise ValidationError({"old_password": ValidationError(message, code=WRONG_PASSWORD)})
    try:
        validate_password(new_password, user=actor)
    except ValidationError as weak:
        raise ValidationError({"new_password1": weak.error_list}) from weak
    with transaction.atomic():
        actor.set_password(new_password)
        actor.save()
        record("auth.password_change", actor)
