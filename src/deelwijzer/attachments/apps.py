from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "deelwijzer.attachments"
    label = "attachments"
    verbose_name = _("Bijlagen bij signalen en gesprekken")

    def ready(self) -> None:
        from deelwijzer.attachments import services
        from deelwijzer.cases.retention import register_purge_hook

        register_purge_hook(services.attachments_destroy_for_purge)
