"""Step 1: signals and contra-signals, opinions with their follow-up notes, diagnoses, the
statement that no contra-signals are known, and the organisation's signal list (R1.1-R1.7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import Content, VersionedEntry
from deelwijzer.cases.fields import EncryptedCharField, EncryptedTextField
from deelwijzer.cases.models import Case
from deelwijzer.organisations.models import Organisation, OrgListItem
from deelwijzer.userref import Withdrawable, user_ref


class SignalKind(models.TextChoices):
    SIGNAL = "signal", _("Signaal")
    CONTRA_SIGNAL = "contra_signal", _("Contrasignaal")


class SourceKind(models.TextChoices):
    OWN_OBSERVATION = "own_observation", _("Zelf waargenomen")
    OTHER = "other", _("Van iemand anders")


class OpinionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Bevestigd")
    REFUTED = "refuted", _("Ontkracht")


class Signal(VersionedEntry):
    """What was seen or heard (R1.1), with its source (R1.3) and optional tags (R1.6)."""

    KEY_PREFIX = "s"

    kind = models.CharField(_("soort"), max_length=20, choices=SignalKind.choices)
    observed_on = models.DateField(_("waargenomen op"))
    text = EncryptedTextField(_("wat je zag of hoorde"))
    source_kind = models.CharField(_("bron"), max_length=20, choices=SourceKind.choices)
    source_name = EncryptedCharField(_("naam van de bron"), max_length=200, blank=True)
    source_role = EncryptedCharField(_("rol van de bron"), max_length=200, blank=True)
    tags = models.JSONField(_("labels uit de signalenlijst"), default=list, blank=True)

    CONTENT = (
        Content("kind", _("Soort")),
        Content("observed_on", _("Wanneer zag of hoorde je het?")),
        Content(
            "text",
            _("Wat zag of hoorde je?"),
            help=_(
                "Beschrijf wat er gebeurde, zo feitelijk mogelijk: wie, wat, waar. "
                "Een mening leg je apart vast (R1.1, R1.2)."
            ),
        ),
        Content("source_kind", _("Bron")),
        Content("source_name", _("Naam van de bron")),
        Content("source_role", _("Rol van de bron")),
        Content("tags", _("Labels uit de signalenlijst van je organisatie (R1.6)")),
    )

    class Meta(VersionedEntry.Meta):
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            # the statistics (issue #22): which cases reached step 1 and the date of each
            # case's first signal, read from the index alone (the rows carry encrypted text)
            models.Index(
                fields=["case", "kind", "observed_on"],
                condition=models.Q(is_current=True),
                name="signal_current_observed",
            )
        ]


class Opinion(VersionedEntry):
    """A mening or veronderstelling, apart from the facts, with its status (R1.2)."""

    KEY_PREFIX = "o"

    about = models.JSONField(_("over de signalen"), default=list, blank=True)
    text = EncryptedTextField(_("mening of veronderstelling"))
    status = models.CharField(
        _("status"), max_length=20, choices=OpinionStatus.choices, default=OpinionStatus.OPEN
    )

    CONTENT = (
        Content(
            "text",
            _("Mening of veronderstelling"),
            help=_("Wat je denkt of vermoedt. Het blijft gemarkeerd als mening (R1.2)."),
        ),
        Content("about", _("Over welke signalen gaat het?")),
        # changed by a follow-up note (FollowUpForm), not by the opinion's own form
        Content("status", _("Status van de mening"), form=False),
    )

    class Meta(VersionedEntry.Meta):
        verbose_name = _("mening")
        verbose_name_plural = _("meningen")


class FollowUp(models.Model):
    """A dated follow-up note (vervolgaantekening) on an opinion (R1.2). Never changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="opinion_follow_ups")
    opinion_key = models.CharField(_("mening"), max_length=12)
    date = models.DateField(_("datum"))
    text = EncryptedTextField(_("aantekening"))
    recorded_by = user_ref()
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vervolgaantekening")
        verbose_name_plural = _("vervolgaantekeningen")
        ordering = ["case_id", "opinion_key", "date", "id"]

    def __str__(self) -> str:
        return f"vervolg op {self.opinion_key} (casus {self.case_id})"


class Diagnosis(VersionedEntry):
    """A diagnosis, only with the qualified professional and its relevance (R1.4)."""

    KEY_PREFIX = "d"

    text = EncryptedTextField(_("diagnose"))
    established_by_name = EncryptedCharField(_("vastgesteld door (naam)"), max_length=200)
    established_by_role = EncryptedCharField(_("vastgesteld door (rol)"), max_length=200)
    relevance = EncryptedTextField(_("relevantie voor de signalen"))

    CONTENT = (
        Content("text", _("Diagnose")),
        Content("established_by_name", _("Vastgesteld door (naam)")),
        Content(
            "established_by_role",
            _("Rol of beroep van wie haar vaststelde"),
            help=_("Een bevoegde beroepskracht, bijvoorbeeld GZ-psycholoog of psychiater."),
        ),
        Content("relevance", _("Waarom doet de diagnose ertoe voor de signalen?")),
    )

    class Meta(VersionedEntry.Meta):
        verbose_name = _("diagnose")
        verbose_name_plural = _("diagnoses")


class NoContraSignalsStatement(Withdrawable):
    """The explicit statement "geen contrasignalen bekend" (R1.5). Withdrawn, never deleted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="no_contra_statements")
    made_by = user_ref()
    made_at = models.DateTimeField(_("verklaard op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verklaring geen contrasignalen")
        verbose_name_plural = _("verklaringen geen contrasignalen")
        ordering = ["case_id", "made_at", "id"]

    def __str__(self) -> str:
        return f"geen contrasignalen bekend (casus {self.case_id})"


class SignalListItem(OrgListItem):
    """One label of the organisation's sector signal list (signaleringsinstrument, R1.6)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signal_list"
    )
    label = models.CharField(_("label"), max_length=120)

    class Meta:
        verbose_name = _("label van de signalenlijst")
        verbose_name_plural = _("signalenlijst")
        ordering = ["organisation", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "label"], name="signalling_unique_list_label"
            )
        ]

    def __str__(self) -> str:
        return self.label
