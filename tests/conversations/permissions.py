"""The permission table for the step 3 URLs. Only the team reaches them; everyone else with
a part in the organisation gets 404, so that the case's existence does not leak."""

from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "step3": table(404, professional=200),
    "step3_conversation_new": table(404, professional=405),
    "step3_conversation_correct": table(404, professional=200),
    "step3_skip": table(404, professional=405),
    "step3_guardians_not_involved": table(404, professional=405),
    "step3_guardians_without_consent": table(404, professional=405),
    "step3_statement_withdraw": table(404, professional=405),
}

# A harmless (incomplete) body: the team gets the page back with the refusal, others 404.
POST_TABLE: dict[str, dict[str, int]] = {
    "step3_conversation_new": table(404, professional=422),
    "step3_conversation_correct": table(404, professional=422),
    "step3_skip": table(404, professional=422),
    "step3_guardians_not_involved": table(404, professional=422),
    "step3_guardians_without_consent": table(404, professional=422),
    "step3_statement_withdraw": table(404, professional=422),  # no reason
}

URL_NAMES = tuple(GET_TABLE)


def existing_conversation_key(personas) -> str:
    """The key of a conversation of ``personas.case``, recorded once if there is none."""
    from django.utils import timezone

    from deelwijzer.conversations.models import Conversation
    from deelwijzer.conversations.services import ConversationInput, conversation_record

    entry = Conversation.current(personas.case).first()
    if entry is None:
        entry = conversation_record(
            actor=personas.professional,
            case_id=personas.case.pk,
            data=ConversationInput(held_on=timezone.localdate(), participants=["youth"]),
        )
    return entry.key


def existing_statement_key(personas) -> str:
    """The key of a statement of ``personas.case`` (R3.3), made once if there is none (as a
    plain row: the case may be closed already)."""
    from deelwijzer.conversations.casefile import current_statement
    from deelwijzer.conversations.models import GuardiansWithoutConsent

    entry = current_statement(GuardiansWithoutConsent, personas.case)
    if entry is None:
        entry = GuardiansWithoutConsent.objects.create(
            case=personas.case,
            key="gw1",
            recorded_by=personas.professional,
            reason="Hij dreigde zichzelf iets aan te doen; de ouders moesten het weten.",
        )
    return entry.key


def url_kwargs(name: str, personas) -> dict:
    if name == "step3_conversation_correct":
        return case_kwargs(personas, key=existing_conversation_key(personas))
    if name == "step3_statement_withdraw":
        return case_kwargs(personas, key=existing_statement_key(personas))
    return case_kwargs(personas)
