from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "deelwijzer.disclosures"
    label = "disclosures"
    verbose_name = _("Stap 6: verstrekking")

    def ready(self) -> None:
        from deelwijzer.disclosures import casefile
        from deelwijzer.interchange.registry import register_section

        register_section("disclosures", export=casefile.contribute, order=6)
