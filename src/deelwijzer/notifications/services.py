"""The one write of this app: a user turns e-mail notifications on or off (audited)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from deelwijzer.audit.services import audit_record
from deelwijzer.notifications.models import NotificationSetting


def email_wanted(user) -> bool:
    setting = NotificationSetting.objects.filter(user_id=user.pk).first()
    return setting.email if setting is not None else True


@transaction.atomic
def notification_setting_change(*, actor, email: bool) -> NotificationSetting:
    """The actor's own choice; recorded with the old and the new value."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    setting, _created = NotificationSetting.objects.select_for_update().get_or_create(
        user_id=actor.pk
    )
    old = setting.email
    setting.email = email
    setting.save()
    audit_record(
        actor=actor,
        action="notifications.setting_change",
        object_type="notification_setting",
        object_id=actor.pk,
        detail={"email": {"old": old, "new": email}},
    )
    return setting
