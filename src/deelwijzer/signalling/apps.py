from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "deelwijzer.signalling"
    label = "signalling"
    verbose_name = _("Stap 1: signalen")
