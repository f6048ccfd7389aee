from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "deelwijzer.api"
    label = "api"
    verbose_name = _("REST-API")

    def ready(self) -> None:
        from deelwijzer.api.tokens import api_tokens_revoke_all
        from deelwijzer.organisations.hooks import on_user_disabled

        on_user_disabled(api_tokens_revoke_all)
