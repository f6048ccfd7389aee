from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "deelwijzer.advice"
    label = "advice"
    verbose_name = _("Stap 2: advies")

    def ready(self) -> None:
        from deelwijzer.advice import casefile
        from deelwijzer.interchange.registry import register_section

        register_section("advice", export=casefile.contribute, order=2)
