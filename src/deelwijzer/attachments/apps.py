from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    name = "deelwijzer.attachments"
    label = "attachments"
    verbose_name = _("Bijlagen bij signalen en gesprekken")

    def ready(self) -> None:
        from deelwijzer.attachments import maintenance, services
        from deelwijzer.cases.encryption import register_rotation
        from deelwijzer.cases.retention import register_purge_hook

        register_purge_hook(services.attachments_destroy_for_purge)
        register_rotation("attachments (bestanden)", maintenance.reencrypt_files)
