"""Sign-in through the organisation's own identity provider (OpenID Connect, #21).

One provider per organisation, configured by its functional administrator; the client secret
is stored with the field encryption of case content. A user signs in through it only after
being invited: the first sign-in binds the provider's ``sub`` to the invited account.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from deelwijzer.cases.fields import EncryptedTextField
from deelwijzer.ids import public_id_field
from deelwijzer.organisations.models import Organisation


class MfaTrust(models.TextChoices):
    ASK = "ask", _("Altijd zelf om de code uit de authenticator-app vragen")
    AMR = "amr", _("Niet vragen als de provider meldt dat er een tweede factor is gebruikt (amr)")
    ACR = "acr", _("Niet vragen als het niveau (acr) van de provider gelijk is aan:")


class IdentityProvider(models.Model):
    public_id = public_id_field()
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="identity_provider"
    )
    enabled = models.BooleanField(_("inloggen via de provider staat aan"), default=True)
    issuer = models.URLField(
        _("issuer-URL"),
        max_length=200,
        help_text=_(
            "Het adres van de provider, zonder /.well-known/openid-configuration. Deelwijzer "
            "haalt de rest daar zelf op."
        ),
    )
    client_id = models.CharField(_("client-id"), max_length=200)
    client_secret = EncryptedTextField(_("client-secret"))
    allowed_domains = models.CharField(
        _("toegestane e-maildomeinen"),
        max_length=500,
        help_text=_(
            "Gescheiden door spaties of komma's, bijvoorbeeld: school.nl leerling.school.nl"
        ),
    )
    mfa_trust = models.CharField(
        _("tweede stap"), max_length=3, choices=MfaTrust.choices, default=MfaTrust.ASK
    )
    acr_value = models.CharField(_("acr-waarde"), max_length=200, blank=True)
    limit_session = models.BooleanField(
        _("sessie nooit langer dan het ID-token van de provider geldig is (exp)"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identiteitsprovider")
        verbose_name_plural = _("identiteitsproviders")

    def __str__(self) -> str:
        return f"provider van {self.organisation}"

    def domains(self) -> set[str]:
        raw = self.allowed_domains.replace(",", " ").lower().split()
        return {d.lstrip("@") for d in raw} - {""}


class ProviderLink(models.Model):
    """An invited user bound to their account at the provider (``sub``), at the first sign-in.
    ``refused_sub``: a later sign-in with the same e-mail but another ``sub`` (refused; the
    administrator sees it and may release the link)."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_links"
    )
    sub = models.CharField(_("sub bij de provider"), max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    refused_sub = models.CharField(max_length=255, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met de provider")
        verbose_name_plural = _("koppelingen met de provider")
        constraints = [
            models.UniqueConstraint(fields=["provider", "sub"], name="unique_provider_sub"),
            models.UniqueConstraint(fields=["provider", "user"], name="unique_provider_user"),
        ]

    def __str__(self) -> str:
        return f"koppeling {self.pk}"


class ProviderSession(models.Model):
    """Which of our sessions came from which session at the provider (``sid``), so that the
    provider's back-channel logout can end it."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sid = models.CharField(max_length=255, blank=True)
    session_key = models.CharField(max_length=40)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie via de provider")
        verbose_name_plural = _("sessies via de provider")

    def __str__(self) -> str:
        return f"sessie {self.pk}"


class ProviderFactor(Device):
    """The second factor the provider reported (amr/acr), as a django-otp device: a session
    verified through it counts as two-factor. It takes no code: ``verify_token`` is False."""

    class Meta:
        verbose_name = _("tweede factor bij de provider")
        verbose_name_plural = _("tweede factoren bij de provider")

    def verify_token(self, token) -> bool:
        return False
