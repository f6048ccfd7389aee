"""Step 4: the safety risks (R4.1-R4.3). A reassessment is a new version; nothing is lost."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import Content, VersionedEntry
from deelwijzer.cases.fields import EncryptedTextField


class AtRisk(models.TextChoices):
    """Who or what is at risk (R4.2)."""

    PROFESSIONAL = "professional", _("de beroepskracht")
    YOUTH = "youth", _("de jongere")
    FAMILY = "family", _("ouders, broers en zussen")
    SURROUNDINGS = "surroundings", _("de omgeving: school, buurt, dorp, stad")
    REGIONAL_NATIONAL = "regional_national", _("regionale of nationale veiligheid")


class Severity(models.TextChoices):
    LIMITED = "limited", _("beperkt")
    CONSIDERABLE = "considerable", _("aanzienlijk")
    SERIOUS = "serious", _("ernstig")


class Timing(models.TextChoices):
    SHORT_TERM = "short_term", _("op korte termijn")
    LATER = "later", _("later")


class Risk(VersionedEntry):
    """One safety risk: concrete, with severity and timing (R4.1), for whom (R4.2), on which
    signals it rests and which advice was used (R4.3)."""

    KEY_PREFIX = "r"

    at_risk = models.CharField(_("voor wie of wat"), max_length=20, choices=AtRisk.choices)
    description = EncryptedTextField(_("concrete beschrijving"))
    severity = models.CharField(_("ernst"), max_length=15, choices=Severity.choices)
    timing = models.CharField(_("wanneer"), max_length=12, choices=Timing.choices)
    based_on = models.JSONField(_("rust op de signalen"), default=list)
    advice_key = models.CharField(_("gebruikt advies"), max_length=12, blank=True, default="")

    class Meta(VersionedEntry.Meta):
        verbose_name = _("veiligheidsrisico")
        verbose_name_plural = _("veiligheidsrisico's")


# A risk's content fields (``deelwijzer.cases.entries.Content``), declared once, in the order
# every reader uses: the form (risks.forms), the history (risks.history), the entry page kit
# (risks.views), the API (api.endpoints.step4) and the case file (risks.casefile) read them.
CONTENT = (
    Content("at_risk", _("Voor wie of wat is dit een risico? (R4.2)")),
    Content(
        "description",
        _("Beschrijf het risico concreet (R4.1)"),
        help=_(
            "Wat kan er gebeuren, met wie, en waaruit blijkt dat? Bijvoorbeeld: 'Hij dreigde "
            "gisteren zijn mentor na schooltijd op te wachten.' Niet: 'Hij is gevaarlijk.'"
        ),
        needed=True,
    ),
    Content("severity", _("Hoe ernstig is het? (R4.1)")),
    Content("timing", _("Wanneer speelt het? (R4.1)")),
    Content("based_on", _("Op welke signalen en contrasignalen rust dit? (R4.1)"), empty=_("geen")),
    Content("advice_key", _("Welk advies heb je gebruikt? (R4.3)"), empty=_("geen advies")),
)
Risk.CONTENT = CONTENT
CONTENT_FIELDS = Risk.content_fields()
