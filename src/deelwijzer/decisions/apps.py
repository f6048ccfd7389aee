from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "deelwijzer.decisions"
    label = "decisions"
    verbose_name = _("Stap 5: besluit")

    def ready(self) -> None:
        from deelwijzer.decisions import casefile
        from deelwijzer.decisions.selectors import shown_step5_status
        from deelwijzer.interchange.registry import register_section
        from deelwijzer.ui.stepview import register_status_hook

        register_section("decisions", export=casefile.contribute, order=5)
        register_status_hook(5, shown_step5_status)
