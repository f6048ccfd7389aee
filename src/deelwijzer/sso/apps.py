from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "deelwijzer.sso"
    label = "sso"
    verbose_name = _("Inloggen via de eigen accounts van de organisatie (OpenID Connect)")
