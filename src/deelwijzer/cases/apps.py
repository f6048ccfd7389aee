from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "deelwijzer.cases"
    label = "cases"
    verbose_name = _("Casussen")

    def ready(self) -> None:
        from deelwijzer.cases import checks  # noqa: F401 - registers the key checks
