"""A user's choice about e-mail notifications. No row means the default: e-mail on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_setting",
    )
    email = models.BooleanField(_("e-mail als er iets voor je klaarstaat"), default=True)
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("instelling voor meldingen")
        verbose_name_plural = _("instellingen voor meldingen")

    def __str__(self) -> str:
        return f"meldingen van gebruiker {self.user_id}: {'aan' if self.email else 'uit'}"
