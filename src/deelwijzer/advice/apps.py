from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "deelwijzer.advice"
    label = "advice"
    verbose_name = _("Stap 2: advies")
