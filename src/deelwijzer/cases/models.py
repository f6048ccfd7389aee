from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)
from deelwijzer.dates import add_months
from deelwijzer.ids import public_id_field
from deelwijzer.organisations.models import KeepsRevision, Organisation
from deelwijzer.procedure.limits import PSEUDONYM_MAX
from deelwijzer.userref import user_ref


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


class Case(KeepsRevision):
    """A worry about one young person. Holds no identity: see ``Youth``."""

    public_id = public_id_field()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    # In the clear, unique per organisation: see docs/security.md ("Pseudoniemen").
    pseudonym = models.CharField(_("pseudoniem"), max_length=PSEUDONYM_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    opened_by = user_ref()
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    close_reason = EncryptedTextField(_("reden van sluiten"), blank=True)
    decision_maker_involved_at = models.DateTimeField(
        _("beslisser betrokken sinds"), null=True, blank=True
    )
    # the revision its open findings per rule ID (OpenFinding) were counted at: the summary is
    # stale while this differs from ``revision`` (cases.findings)
    findings_revision = models.PositiveBigIntegerField(
        _("bevindingen geteld bij versie"), null=True, blank=True, editable=False
    )
    # and the program that judged them (cases.program): after an upgrade they are stale too
    findings_built_by = models.CharField(max_length=16, default="", editable=False)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "pseudonym"], name="unique_pseudonym_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym

    def destroyed_from(self) -> date | None:
        """The first day ``deelwijzer purge`` destroys this closed case (cases.retention: its
        organisation's retention after the day it closed); None while it is open."""
        if self.closed_at is None:
            return None
        closed_on, months = timezone.localdate(self.closed_at), self.organisation.retention_months
        # the purge takes it on the first day whose same day ``months`` back lies after the
        # day it closed; at a month's end that is a few days after the plain sum (30 April
        # and a month: 1 June, since 31 May and 30 May both go back to 30 April)
        day = add_months(closed_on, months)
        while add_months(day, -months) <= closed_on:
            day += timedelta(days=1)
        return day


class Youth(models.Model):
    """The young person's identity, kept apart from the case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="youth")
    name = EncryptedCharField(_("naam"), max_length=200)
    birth_date = EncryptedDateField(_("geboortedatum"))
    identifiers = EncryptedJSONField(_("andere herkenbare gegevens"), default=list, blank=True)

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")

    def __str__(self) -> str:  # never the name: this string can end up in logs
        return f"jongere van casus {self.case_id}"


class Guardian(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="guardians")
    name = EncryptedCharField(_("naam"), max_length=200)
    relation = models.CharField(_("relatie"), max_length=60)
    has_authority = models.BooleanField(_("heeft gezag"), default=True)

    class Meta:
        verbose_name = _("ouder of verzorger")
        verbose_name_plural = _("ouders en verzorgers")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.relation} (casus {self.case_id})"


class CurrentTeam(models.Manager):
    """Only who is on the team now; also what ``case.team`` gives (Django builds a related
    manager from the default manager)."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class TeamMember(models.Model):
    """A professional directly involved with this young person (R2.2).

    Taken off the team (or handing the case over), the row stays with ``removed_at`` set: the
    case file still names who recorded what, but the former member has no access any more.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    role_on_team = models.CharField(_("rol in het team"), max_length=100)
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("uit het team sinds"), null=True, blank=True)

    objects = CurrentTeam()
    everyone = models.Manager()  # noqa: DJ012 (former members too: case file and dossier)

    class Meta:
        base_manager_name = "everyone"
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="unique_team_member")]

    def __str__(self) -> str:
        return f"{self.user_id} / {self.role_on_team} (casus {self.case_id})"


class CaseSnapshot(models.Model):
    """The case file and the engine's evaluation of a case, kept so that a page view need not
    rebuild them.

    A cache, not a record: derived only from the case's own (audited) records, encrypted like
    them, and valid only while the case's and the organisation's revision, the date it was
    evaluated on and the program that built it are still the same (cases.snapshots). Removed
    with the case.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="snapshot"
    )
    case_revision = models.PositiveBigIntegerField()
    organisation_revision = models.PositiveBigIntegerField()
    evaluated_on = models.DateField()
    # the program that built it (cases.program): after an upgrade, or on a node that
    # still runs the other version during one, what another version kept is built again
    built_by = models.CharField(max_length=16, default="", editable=False)
    casefile = EncryptedJSONField(default=dict)
    evaluation = EncryptedJSONField(default=dict)

    class Meta:
        verbose_name = _("beoordeling (tussenopslag)")
        verbose_name_plural = _("beoordelingen (tussenopslag)")

    def __str__(self) -> str:
        return f"beoordeling van casus {self.case_id} (versie {self.case_revision})"


class OpenFinding(models.Model):
    """How many findings the engine's latest evaluation of a case left open under one rule ID
    (R1.1…R6.7): the summary the statistics count in the database (issue #22), since the kept
    evaluation itself is encrypted. Rule IDs and counts only, no text. Written with every new
    evaluation of the case (cases.findings), labelled by ``Case.findings_revision``; removed
    with the case.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="open_findings")
    rule = models.CharField(_("regel"), max_length=8)
    findings = models.PositiveIntegerField(_("bevindingen"))

    class Meta:
        verbose_name = _("open bevinding per regel")
        verbose_name_plural = _("open bevindingen per regel")
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="unique_open_finding_rule")
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.findings} (casus {self.case_id})"


class CaseChange(models.Model):
    """A change in a case's life: closed, reopened, a colleague taken off the team, the case
    handed over. Who, when and why (the reason encrypted like the case); the audit event of the
    same change holds only the ids."""

    class Kind(models.TextChoices):
        CLOSE = "close", _("Casus gesloten")
        REOPEN = "reopen", _("Casus heropend")
        TEAM_REMOVE = "team_remove", _("Uit het team gehaald")
        HANDOVER = "handover", _("Casus overgedragen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("wat"), max_length=20, choices=Kind.choices)
    reason = EncryptedTextField(_("reden"))
    about = user_ref(_("over wie (teamwijziging)"), optional=True)
    changed_by = user_ref()
    changed_at = models.DateTimeField(_("wanneer"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging van casus of team")
        verbose_name_plural = _("wijzigingen van casus of team")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} (casus {self.case_id})"


class IdentityVersion(models.Model):
    """One version of the youth's and the parents' data, as it was after a correction.

    Version 1 is the data as the case was opened; each correction adds the next, with who made
    it, when and why. ``Youth`` and ``Guardian`` always hold the newest version.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="identity_versions")
    version = models.PositiveIntegerField(_("versie"))
    name = EncryptedCharField(_("naam"), max_length=200)
    birth_date = EncryptedDateField(_("geboortedatum"))
    identifiers = EncryptedJSONField(_("andere herkenbare gegevens"), default=list, blank=True)
    guardians = EncryptedJSONField(_("ouders en verzorgers"), default=list, blank=True)
    recorded_by = user_ref()
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    correction_note = EncryptedTextField(_("reden van de correctie"), blank=True)

    class Meta:
        verbose_name = _("versie van de gegevens van jongere en ouders")
        verbose_name_plural = _("versies van de gegevens van jongere en ouders")
        ordering = ["version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="unique_identity_version")
        ]

    def __str__(self) -> str:  # never the name
        return f"gegevens van casus {self.case_id}, versie {self.version}"
