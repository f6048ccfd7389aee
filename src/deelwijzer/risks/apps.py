from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "deelwijzer.risks"
    label = "risks"
    verbose_name = _("Stap 4: risico's")

    def ready(self) -> None:
        from deelwijzer.interchange.registry import register_section
        from deelwijzer.risks import casefile

        register_section(
            "risks", export=casefile.contribute, import_=casefile.import_section, order=4
        )
