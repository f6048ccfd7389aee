from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "deelwijzer.risks"
    label = "risks"
    verbose_name = _("Stap 4: risico's")
