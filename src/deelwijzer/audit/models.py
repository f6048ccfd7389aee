"""Append-only audit trail, chained with a keyed hash (NEN 7513): identifiers only, never
case content."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit events cannot be removed")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("gelukt")
    DENIED = "denied", _("geweigerd")
    FAILURE = "failure", _("mislukt")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("tijdstip (UTC)"))
    action = models.CharField(_("handeling"), max_length=60)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    object_type = models.CharField(_("soort object"), max_length=40)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    case_id = models.BigIntegerField(_("casus-id"), null=True, blank=True, db_index=True)
    organisation_id = models.BigIntegerField(_("organisatie-id"), null=True, blank=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    purpose = models.CharField(_("doel"), max_length=60, blank=True)
    client_address = models.CharField(_("adres van de client"), max_length=64, blank=True)
    detail = models.JSONField(_("details (alleen id's en veldnamen)"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)  # HMAC-SHA256 under key_id (chain.py)
    key_id = models.CharField(max_length=40, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["id"]
        # The audit pages filter one organisation's rows, newest first, by keyset (issue #22):
        # each filter has an index that ends in id, so that a page is an index range scan.
        indexes = [
            models.Index(fields=["organisation_id", "-id"], name="audit_org_id"),
            models.Index(fields=["organisation_id", "user_id", "-id"], name="audit_org_user_id"),
            models.Index(fields=["organisation_id", "action", "-id"], name="audit_org_action_id"),
            models.Index(fields=["organisation_id", "outcome", "-id"], name="audit_org_outc_id"),
            models.Index(fields=["organisation_id", "occurred_at"], name="audit_org_when"),
            models.Index(fields=["case_id", "-id"], name="audit_case_id"),
            # Counting the last hour's events of one kind (password-reset limits, accounts/).
            models.Index(fields=["action", "occurred_at"], name="audit_action_when"),
            # the trail's case filter (refused attempts keep the case in object_id only) and
            # its words of the object label: the kind of object and its key (insight.trail)
            models.Index(
                fields=["object_id", "-id"],
                condition=models.Q(action="access.denied", object_type="case"),
                name="audit_refused_case",
            ),
            models.Index(fields=["organisation_id", "object_type", "-id"], name="audit_org_type"),
            models.Index(fields=["organisation_id", "object_id", "-id"], name="audit_org_object"),
        ]

    def __str__(self) -> str:
        return f"{self.id}: {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be removed")
