from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "deelwijzer.conversations"
    label = "conversations"
    verbose_name = _("Stap 3: gesprek")

    def ready(self) -> None:
        from deelwijzer.attachments.registry import Owner, register_owner
        from deelwijzer.conversations import casefile
        from deelwijzer.conversations.models import Conversation
        from deelwijzer.interchange.registry import register_section

        register_section("conversations", export=casefile.contribute, order=3)
        register_owner(
            Owner(
                "conversation",
                Conversation,
                3,
                "conversation.correct",
                "step3_conversation_correct",
            )
        )
