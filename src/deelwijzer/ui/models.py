"""What the shared UI kit keeps in the database: the form posts it has handled (ui/once.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FormPost(models.Model):
    """One post of a form, under a keyed hash of what was sent (never the content itself):
    while it is handled (``finished`` false) and, after a success, where it led
    (``location``). A second post of the same form waits for the first and is then answered
    with that place instead of doing the work again. Kept for a day."""

    key = models.CharField(_("sleutel"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("begonnen"), db_index=True)
    finished = models.BooleanField(_("afgehandeld"), default=False)
    location = models.CharField(_("leidde naar"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")

    def __str__(self) -> str:
        return f"{self.key[:12]} ({'klaar' if self.finished else 'bezig'})"
