"""Who did something: the one way a record names the user who recorded, sent, decided or
withdrew it (``Withdrawable``: who withdrew it, and when)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def user_ref(verbose_name: Any = None, *, optional: bool = False, null: bool = False) -> Any:
    """A foreign key to the user who did something. ``PROTECT``: a user who is named in a record
    cannot be deleted (they are disabled instead), so the record stays accountable. No reverse
    accessor (``related_name="+"``): nothing reads a user's records back through the user.
    ``optional`` for what may not have happened yet (empty in the database and on a form);
    ``null`` alone for an empty that a form still refuses (the installation operator)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        null=optional or null,
        blank=optional,
    )


class Withdrawable(models.Model):
    """A record that is withdrawn, never deleted (a statement, an attachment, a delivery): who
    withdrew it and when, both empty while it stands."""

    withdrawn_by = user_ref(optional=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def withdrawn_by_and_when(self) -> str:
        """ "door Anna de Wit op 5 december 2026": for the refusal of withdrawing it again (a
        colleague did it meanwhile, or the page was kept open)."""
        from deelwijzer.dates import nl_date

        who = self.withdrawn_by.display_name() if self.withdrawn_by else gettext("onbekend")
        when = nl_date(timezone.localdate(self.withdrawn_at)) if self.withdrawn_at else ""
        return gettext("door %(who)s op %(when)s") % {"who": who, "when": when}

    def withdraw(self, by, **changes) -> None:
        """Mark it withdrawn by ``by``, now, and save that with ``changes`` (other fields that
        change with it, such as a reason). The caller checks access and records the audit
        event in the same transaction."""
        self.withdrawn_at = timezone.now()
        self.withdrawn_by = by
        for name, value in changes.items():
            setattr(self, name, value)
        self.save(update_fields=["withdrawn_at", "withdrawn_by", *changes])
