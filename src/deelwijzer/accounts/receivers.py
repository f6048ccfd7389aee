"""Sign-in events into the audit trail (ASVS V16, NEN 7513) and sessions ended when a user's
password changes or the user is disabled (ASVS V7.4). Never a password or a code."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from deelwijzer.accounts import sessions
from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record

User = get_user_model()


def record(action: str, user, *, outcome: str = Outcome.SUCCESS, **detail) -> None:
    """One sign-in event; the client address comes from the request's audit context."""
    audit_record(
        actor=user,
        action=action,
        object_type="user",
        object_id=getattr(user, "pk", "") or "",
        outcome=outcome,
        detail=detail,
    )


@receiver(user_logged_in, dispatch_uid="deelwijzer_accounts_logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    sessions.start(request.session)


@receiver(user_login_failed, dispatch_uid="deelwijzer_accounts_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username") or ""
    user = User.objects.filter(username=username).first() if username else None
    locked = bool(getattr(request, "axes_locked_out", False))
    if getattr(request, "deelwijzer_lockout_scope", "") == "address":  # spraying (lockout.py)
        record("auth.address_locked", user, outcome=Outcome.FAILURE, locked_out=True)
        return
    record("auth.login_failed", user, outcome=Outcome.FAILURE, locked_out=locked)


@receiver(user_logged_out, dispatch_uid="deelwijzer_accounts_logged_out")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    reason = getattr(request, "deelwijzer_logout_reason", "logout")
    record("auth.logout", user, reason=reason)


@receiver(pre_save, sender=User, dispatch_uid="deelwijzer_accounts_user_pre_save")
def _note_password_change(sender, instance, **kwargs) -> None:
    # AbstractBaseUser.set_password keeps the new raw password here until save().
    instance._deelwijzer_password_changed = getattr(instance, "_password", None) is not None


@receiver(post_save, sender=User, dispatch_uid="deelwijzer_accounts_user_post_save")
def _end_sessions_on_change(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created:
        return
    disabled = not instance.is_active and (update_fields is None or "is_active" in update_fields)
    if getattr(instance, "_deelwijzer_password_changed", False) or disabled:
        sessions.end_sessions(instance.pk)
