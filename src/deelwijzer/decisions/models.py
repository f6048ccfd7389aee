"""Step 5: the decision on external sharing and its sign-off (R5.1-R5.4).

A ``SharingDecision`` is a versioned entry ("b1", "b2", …): every save, submission, sign-off
and return makes a new version, so the history shows who did what and when. A signed-off
decision is final; reconsidering it starts a new decision (a new key).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.cases.fields import EncryptedTextField
from deelwijzer.organisations.models import DecisionMakerRole
from deelwijzer.userref import user_ref


class Consent(models.TextChoices):
    GIVEN = "given", _("De jongere geeft toestemming")
    REFUSED = "refused", _("De jongere weigert toestemming")
    NOT_ASKED = "not_asked", _("Niet gevraagd")


class ConsentHow(models.TextChoices):
    IN_CONVERSATION = "in_conversation", _("in een gesprek")
    IN_WRITING = "in_writing", _("schriftelijk")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend bij de beslisser")
    SIGNED_OFF = "signed_off", _("afgetekend")
    RETURNED = "returned", _("teruggestuurd")


OPEN_STATUSES = (DecisionStatus.DRAFT, DecisionStatus.SUBMITTED, DecisionStatus.RETURNED)


class SharingDecision(VersionedEntry):
    KEY_PREFIX = "b"

    share = models.BooleanField(_("extern delen"))
    consent = models.CharField(
        _("toestemming van de jongere"), max_length=10, choices=Consent.choices
    )
    # A statement on consent that differs from step 3 is a fact of its own (R5.1): when, how,
    # a note, and who recorded it. Empty when the decision repeats what step 3 recorded.
    consent_on = models.DateField(_("toestemming uitgesproken op"), null=True, blank=True)
    consent_how = models.CharField(
        _("hoe de jongere zich uitsprak"), max_length=16, choices=ConsentHow.choices, blank=True
    )
    consent_note = EncryptedTextField(_("toelichting bij de toestemming"), blank=True)
    consent_recorded_by = user_ref(optional=True)
    serious_concrete_risks = models.JSONField(_("ernstige, concrete risico's"), default=list)
    only_way = models.BooleanField(_("delen is de enige weg"), default=False)
    only_way_reason = EncryptedTextField(_("waarom andere wegen tekortschieten"), blank=True)
    reasoning = EncryptedTextField(_("onderbouwing"))
    status = models.CharField(
        _("status"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    submitted_by = user_ref(optional=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    decided_by = user_ref(optional=True)
    decided_role = models.CharField(_("beslist in de rol"), max_length=30, blank=True)
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    return_remark = EncryptedTextField(_("opmerking bij terugsturen"), blank=True)

    class Meta(VersionedEntry.Meta):
        verbose_name = _("besluit over extern delen")
        verbose_name_plural = _("besluiten over extern delen")
        indexes = [models.Index(fields=["status", "is_current"])]

    @property
    def decided_role_label(self) -> str:
        """The deciding role as the organisation's settings name it."""
        roles = dict(DecisionMakerRole.choices)
        return str(roles.get(self.decided_role, self.decided_role))
