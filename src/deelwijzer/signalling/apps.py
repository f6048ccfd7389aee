from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "deelwijzer.signalling"
    label = "signalling"
    verbose_name = _("Stap 1: signalen")

    def ready(self) -> None:
        from deelwijzer.attachments.registry import Owner, register_owner
        from deelwijzer.interchange.registry import register_section
        from deelwijzer.signalling import casefile
        from deelwijzer.signalling.models import Signal

        register_section(
            "signalling", export=casefile.contribute, import_=casefile.import_section, order=1
        )
        register_owner(Owner("signal", Signal, 1, "signal.correct", "signal_entry"))
