"""Step 2: advice requests. One versioned row holds the request, its answer and its outcome.

A request goes draft -> sent -> answered; every change (sending, answering, correcting the
answer) makes a new version, so the dossier shows who did what and when. The case file takes
the current version of each sent or answered request (drafts are never part of it).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.cases.fields import EncryptedCharField, EncryptedTextField
from deelwijzer.userref import user_ref


class AdviserKind(models.TextChoices):
    TEAM_MEMBER = "team_member", _("Een collega uit het team")
    ATTENTION_OFFICER = "attention_officer", _("De aandachtsfunctionaris radicalisering")
    EXTERNAL = "external", _("Een adviseur buiten de organisatie")


class ExternalOrganisation(models.TextChoices):
    VEILIGHEIDSHUIS = "veiligheidshuis", _("Veiligheidshuis")
    POLICE = "police", _("Politie")
    MUNICIPALITY_AOOV = "municipality_aoov", _("Gemeente: ambtenaar openbare orde en veiligheid")
    EDUCATION_TRUST_INSPECTOR = "education_trust_inspector", _("Vertrouwensinspecteur onderwijs")
    PLATFORM_JEP = "platform_jep", _("Platform JEP")
    OTHER = "other", _("Andere deskundige")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SENT = "sent", _("verstuurd")
    ANSWERED = "answered", _("beantwoord")


class MayIndicate(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNCLEAR = "unclear", _("Nog niet te zeggen")


class Timing(models.TextChoices):
    SHORT_TERM = "short_term", _("Op korte termijn")
    LATER = "later", _("Later")
    NONE = "none", _("Geen risico's")


class Outcome(models.TextChoices):
    NO_FOLLOW_UP = "no_follow_up", _("Geen vervolgstappen")
    EXTRA_ATTENTION = (
        "extra_attention",
        _("Nog geen stappen, wel extra aandacht voor nieuwe of andere signalen"),
    )
    CONVERSATION = (
        "conversation",
        _(
            "Iemand van de organisatie gaat in gesprek met de jongere, om naar passende hulp "
            "te leiden"
        ),
    )
    MORE_ADVICE = "more_advice", _("Meer advies vragen, zonder dat de adviseur de jongere herkent")


ANSWER_FIELDS = (
    "may_indicate_radicalisation",
    "severity",
    "safety_risks",
    "timing",
    "follow_up_steps",
    "follow_up_by",
    "conversation_possible",
    "conversation_by",
    "conversation_risks",
)


class AdviceRequest(VersionedEntry):
    KEY_PREFIX = "a"

    asked_by = user_ref()
    asker_role = models.CharField(_("rol van de vrager"), max_length=100, blank=True)
    asked_on = models.DateField(_("gevraagd op"), null=True, blank=True)
    adviser_kind = models.CharField(_("adviseur"), max_length=20, choices=AdviserKind.choices)
    adviser_member = user_ref(_("collega uit het team"), optional=True)
    external_organisation = models.CharField(
        _("organisatie van de adviseur"),
        max_length=30,
        choices=ExternalOrganisation.choices,
        blank=True,
    )
    external_name = EncryptedCharField(
        _("naam of functie van de adviseur"), max_length=200, blank=True
    )
    signal_keys = models.JSONField(_("signalen"), default=list, blank=True)
    question = EncryptedTextField(_("vraag"))
    original_text = EncryptedTextField(_("opgestelde tekst (alleen voor het team)"))
    request_text = EncryptedTextField(_("verstuurde tekst"))
    identifies_youth = models.BooleanField(_("de jongere is herkenbaar"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    # The answer (R2.4) and the outcome (R2.5).
    may_indicate_radicalisation = models.CharField(
        _("kunnen de signalen op radicalisering duiden?"),
        max_length=10,
        choices=MayIndicate.choices,
        blank=True,
    )
    severity = EncryptedTextField(_("hoe ernstig zijn ze?"), blank=True)
    safety_risks = EncryptedTextField(_("welke veiligheidsrisico's zijn er?"), blank=True)
    timing = models.CharField(
        _("wanneer spelen die risico's?"), max_length=12, choices=Timing.choices, blank=True
    )
    follow_up_steps = EncryptedTextField(_("welke vervolgstappen zijn nodig?"), blank=True)
    follow_up_by = EncryptedTextField(_("wie kan die stappen zetten?"), blank=True)
    conversation_possible = models.BooleanField(
        _("kan iemand met de jongere en/of ouders praten?"), null=True, blank=True
    )
    conversation_by = EncryptedTextField(_("wie kan dat gesprek voeren?"), blank=True)
    conversation_risks = EncryptedTextField(
        _("welke veiligheidsrisico's kan het gesprek zelf geven?"), blank=True
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices, blank=True)
    review_date = models.DateField(_("opnieuw bekijken op"), null=True, blank=True)
    answered_by = user_ref(optional=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta(VersionedEntry.Meta):
        verbose_name = _("adviesvraag")
        verbose_name_plural = _("adviesvragen")
        indexes = [models.Index(fields=["adviser_kind", "status", "is_current"])]

    @property
    def outside_team(self) -> bool:
        return self.adviser_kind != AdviserKind.TEAM_MEMBER

    @property
    def changed_from_draft(self) -> bool:
        """The text as it stands is not the text as composed (line endings aside: a browser
        sends a text area's lines as CR LF), so the composed text is worth showing too."""
        return bool(self.original_text) and (
            self.original_text.replace("\r\n", "\n").strip()
            != self.request_text.replace("\r\n", "\n").strip()
        )

    @property
    def number(self) -> int:
        return int(self.key[len(self.KEY_PREFIX) :])
