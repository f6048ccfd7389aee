"""Step 3: the conversation with the young person and/or the parents, and the case-level
statements about it (skipping it, not involving the parents, talking without consent).

Every row is a ``VersionedEntry``: a correction makes a new version, nothing is overwritten.
A case-level statement has one key per case; changing it is a correction of that key. When it
no longer holds it is withdrawn, with a reason (``CaseStatement``): the current version is
marked, nothing is deleted, and a new statement can be recorded later under a new key.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import Content, VersionedEntry
from deelwijzer.cases.fields import EncryptedTextField
from deelwijzer.userref import Withdrawable


class Participant(models.TextChoices):
    YOUTH = "youth", _("De jongere")
    GUARDIANS = "guardians", _("Ouders met gezag")


class SharingConsent(models.TextChoices):
    GIVEN = "given", _("Ja, de jongere geeft toestemming")
    REFUSED = "refused", _("Nee, de jongere weigert")
    NOT_ASKED = "not_asked", _("Niet gevraagd")


class ExceptionGround(models.TextChoices):
    UNSAFE_PER_ADVICE = "unsafe_per_advice", _("Een deskundig advies vindt het onveilig")
    CONTRARY_TO_GOOD_CARE = (
        "contrary_to_good_care",
        _("Het zou ingaan tegen goede zorg voor de jongere"),
    )


class Conversation(VersionedEntry):
    KEY_PREFIX = "c"

    held_on = models.DateField(_("datum van het gesprek"))
    held_by = models.JSONField(_("gevoerd door (teamleden)"), default=list)
    participants = models.JSONField(_("deelnemers"), default=list)
    guardian_ids = models.JSONField(_("ouders die erbij waren"), default=list, blank=True)
    purpose_explained = models.BooleanField(_("doel uitgelegd"), default=False)
    signals_and_concerns_described = models.BooleanField(
        _("signalen en zorgen beschreven"), default=False
    )
    reaction_asked = models.BooleanField(_("om een reactie gevraagd"), default=False)
    next_steps_after_reaction = models.BooleanField(
        _("pas na de reactie vervolgstappen genoemd"), default=False
    )
    reaction = EncryptedTextField(_("reactie van de jongere"), blank=True)
    youth_consents_to_parent_contact = models.BooleanField(
        _("toestemming om met de ouders te praten"), null=True, blank=True
    )
    youth_consents_to_sharing = models.CharField(
        _("toestemming om extern te delen"),
        max_length=10,
        choices=SharingConsent.choices,
        default=SharingConsent.NOT_ASKED,
    )

    # Declared once, in the form's order: the form (its questions), the entry page, the API
    # (api.endpoints.step3) and the case file (conversations.casefile) read them from here.
    CONTENT = (
        Content("held_on", _("Datum van het gesprek")),
        Content("participants", _("Wie waren er bij het gesprek?")),
        Content("guardian_ids", _("Welke ouders met gezag waren erbij?")),
        Content("held_by", _("Wie voerde het gesprek? (R3.5)")),
        Content("purpose_explained", _("Ik heb het doel uitgelegd")),
        Content(
            "signals_and_concerns_described", _("Ik heb de signalen en mijn zorgen beschreven")
        ),
        Content("reaction_asked", _("Ik heb om een reactie gevraagd")),
        Content(
            "next_steps_after_reaction",
            _("Pas na die reactie heb ik vervolgstappen genoemd of contact erover toegezegd"),
        ),
        Content("reaction", _("De reactie van de jongere, zo veel mogelijk in eigen woorden")),
        Content(
            "youth_consents_to_parent_contact",
            _("Mag je met de ouders over de jongere praten? (R3.3)"),
        ),
        Content(
            "youth_consents_to_sharing",
            _("Mag je de informatie buiten de organisatie delen? (R5.1)"),
        ),
    )

    class Meta(VersionedEntry.Meta):
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")


class CaseStatement(Withdrawable, VersionedEntry):
    """A case-level statement of step 3, withdrawn when it no longer holds: who, when
    (``Withdrawable``) and why, on its current version. A withdrawn statement is left out of
    the case file; its versions stay for the history and the dossier."""

    withdrawal_reason = EncryptedTextField(_("reden van intrekken"), blank=True)

    class Meta(VersionedEntry.Meta):
        abstract = True


class AdvisedException(CaseStatement):
    """A case-level exception to how step 3 normally goes, with its reason and the advice it
    may rest on (``advice_key``: an advice request of step 2, or empty)."""

    reason = EncryptedTextField(_("reden"))
    advice_key = models.CharField(_("advies"), max_length=12, blank=True)

    class Meta(CaseStatement.Meta):
        abstract = True


class ConversationSkipped(AdvisedException):
    """R3.4: the conversation is skipped because an advice found it too risky."""

    KEY_PREFIX = "cs"

    class Meta(AdvisedException.Meta):
        verbose_name = _("gesprek overgeslagen")
        verbose_name_plural = _("gesprek overgeslagen")


class GuardiansNotInvolved(AdvisedException):
    """R3.2 exception: the parents with authority of a youth under 16 are not involved."""

    KEY_PREFIX = "gn"

    ground = models.CharField(_("grond"), max_length=30, choices=ExceptionGround.choices)

    class Meta(AdvisedException.Meta):
        verbose_name = _("ouders niet betrokken")
        verbose_name_plural = _("ouders niet betrokken")


class GuardiansWithoutConsent(CaseStatement):
    """R3.3 override: talking with the parents of a youth of 16+ without their consent."""

    KEY_PREFIX = "gw"

    reason = EncryptedTextField(_("reden voor de veiligheid"))

    class Meta(CaseStatement.Meta):
        verbose_name = _("ouders zonder toestemming gesproken")
        verbose_name_plural = _("ouders zonder toestemming gesproken")


STATEMENTS: tuple[type[CaseStatement], ...] = (
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
