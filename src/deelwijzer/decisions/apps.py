from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "deelwijzer.decisions"
    label = "decisions"
    verbose_name = _("Stap 5: besluit")

    def ready(self) -> None:
        from deelwijzer.decisions import casefile
        from deelwijzer.interchange.registry import register_section

        register_section("decisions", export=casefile.contribute, order=5)
