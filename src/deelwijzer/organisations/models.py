from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.ids import public_id_field
from deelwijzer.userref import user_ref


class Sector(models.TextChoices):
    EDUCATION = "education", _("Onderwijs")
    YOUTH_CARE = "youth_care", _("Jeugdhulp")
    YOUTH_WORK = "youth_work", _("Jongerenwerk")
    SOCIAL_WORK = "social_work", _("Maatschappelijk werk")
    YOUTH_HEALTH = "youth_health", _("Jeugdgezondheidszorg")


class DecisionMakerRole(models.TextChoices):
    """The officer who decides on external sharing under the internal procedure (R5.3)."""

    TEAM_LEADER = "team_leader", _("Teamleider")
    CARE_COORDINATOR = "care_coordinator", _("Zorgcoördinator")
    LOCATION_MANAGER = "location_manager", _("Locatiedirecteur")
    DIRECTOR = "director", _("Directeur / bestuurder")
    PRIVACY_OFFICER = "privacy_officer", _("Functionaris gegevensbescherming")


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Beroepskracht")
    ATTENTION_OFFICER = "attention_officer", _("Aandachtsfunctionaris radicalisering")
    DECISION_MAKER = "decision_maker", _("Beslisser (interne procedure)")
    ORG_ADMIN = "org_admin", _("Functioneel beheerder")
    AUDITOR = "auditor", _("Privacy officer / FG")


class CodeChannel(models.TextChoices):
    """How the recipient of a delivered disclosure gets the code that opens its link."""

    PHONE = "phone", _("De beroepskracht leest de code telefonisch voor")
    EMAIL = "email", _("In een tweede e-mail, los van de link")


class KeepsRevision(models.Model):
    """A model with a ``revision`` that only an UPDATE in SQL moves on (audit.services).

    ``save()`` of an object read earlier leaves the column alone, so that it cannot write an
    older number back and make a stale kept evaluation look current (cases.snapshots).
    """

    revision = models.PositiveBigIntegerField(_("versie"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "revision"
            ]
        super().save(*args, **kwargs)


class Organisation(KeepsRevision):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    decision_maker_role = models.CharField(
        _("wie beslist over extern delen"),
        max_length=30,
        choices=DecisionMakerRole.choices,
        default=DecisionMakerRole.TEAM_LEADER,
    )
    has_attention_officer = models.BooleanField(
        _("heeft een aandachtsfunctionaris radicalisering"), default=True
    )
    retention_months = models.PositiveIntegerField(
        _("bewaartermijn van gesloten casussen (maanden)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Zo lang na het sluiten bewaart Deelwijzer een casus; daarna wordt hij met alles "
            "wat erbij hoort vernietigd. Alleen een auditregel zonder inhoud blijft over."
        ),
    )

    delivery_days = models.PositiveIntegerField(
        _("geldigheid van een link naar een verstrekking (dagen)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Zo lang kan de ontvanger het deeldocument openen via de link in de e-mail. "
            "Daarna werkt de link niet meer voor het document."
        ),
    )
    delivery_code_channel = models.CharField(
        _("hoe de ontvanger de code krijgt"),
        max_length=10,
        choices=CodeChannel.choices,
        default=CodeChannel.PHONE,
        help_text=_(
            "De link gaat per e-mail. De code om hem te openen gaat via een tweede weg: "
            "telefonisch voorgelezen door de beroepskracht, of in een aparte e-mail."
        ),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class OrgListItem(models.Model):
    """An item of one of the organisation's own lists (its contacts, its signal list), kept by
    ``organisations.services.OrgList``: never deleted, so what refers to it keeps it; an item
    no longer used is switched off (``active``). The concrete model declares its
    ``organisation``."""

    public_id = public_id_field()
    active = models.BooleanField(_("in gebruik"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.organisation} / {self.role}"


# Roles that open case content (a case, the youth's identity or the advice inbox).
CONTENT_ROLES = frozenset({Role.PROFESSIONAL, Role.ATTENTION_OFFICER, Role.DECISION_MAKER})


class RoleGrant(models.Model):
    """A role change that waits for a second administrator (four eyes, ASVS 5.0 V8.2.1/V2.3.5):
    any change to an administrator's roles, or to one's own. Approval applies ``roles``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op goedkeuring")
        APPROVED = "approved", _("goedgekeurd")
        REJECTED = "rejected", _("afgewezen")

    public_id = public_id_field()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    old_roles = models.JSONField(_("rollen ervoor"), default=list)
    roles = models.JSONField(_("gevraagde rollen"), default=list)
    requested_by = user_ref(null=True)  # empty: the installation operator (grant-role)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Not stored: the roles in Dutch, set by grants.pending_grants for the page.
    old_labels: list[str]
    new_labels: list[str]
    no_decider: bool
    decided_by = user_ref(null=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True)

    class Meta:
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")

    def __str__(self) -> str:
        return f"{self.user} -> {self.roles} ({self.status})"


class Invitation(models.Model):
    """The e-mailed invitation of a user (#21): a link that works once, until ``expires_at``.
    Only a hash of the link's secret is kept. Resending makes a new secret (the old link stops
    working); revoking stops the link. Accepted: the user chose how to sign in."""

    public_id = public_id_field()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    secret_hash = models.CharField(_("hash van de link"), max_length=64, unique=True)
    invited_by = user_ref(null=True)  # empty: the installation operator
    sent_at = models.DateTimeField(_("verstuurd op"))
    sent_count = models.PositiveIntegerField(_("keren verstuurd"), default=1)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"uitnodiging {self.pk} ({self.status(None)})"

    def status(self, now) -> str:
        """``accepted``, ``revoked``, ``expired`` or ``open`` (``now``: None for 'open')."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if now is not None and self.expires_at <= now:
            return "expired"
        return "open"
