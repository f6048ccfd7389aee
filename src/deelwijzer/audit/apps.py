from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "deelwijzer.audit"
    label = "audit"
    verbose_name = _("Audittrail")

    def ready(self) -> None:
        from deelwijzer.audit import checks  # noqa: F401 - registers the audit key checks
