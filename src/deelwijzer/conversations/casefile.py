"""Step 3's part of the case file: the current version of every conversation and of every
statement that stands (a withdrawn one is left out: null, as when never recorded).

A fixed number of queries, however many conversations the case holds.
"""

from __future__ import annotations

from deelwijzer.cases.models import Case
from deelwijzer.conversations.models import (
    Conversation,
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
from deelwijzer.interchange.casefile import guardian_id, team_id


def conversation_dict(c: Conversation) -> dict:
    return {
        "id": c.key,
        "held_on": c.held_on.isoformat(),
        "held_by": [team_id(user_id) for user_id in c.held_by],
        "participants": list(c.participants),
        "guardian_ids": [guardian_id(pk) for pk in c.guardian_ids],
        "purpose_explained": c.purpose_explained,
        "signals_and_concerns_described": c.signals_and_concerns_described,
        "reaction_asked": c.reaction_asked,
        "next_steps_after_reaction": c.next_steps_after_reaction,
        "reaction": c.reaction,
        "youth_consents_to_parent_contact": c.youth_consents_to_parent_contact,
        "youth_consents_to_sharing": c.youth_consents_to_sharing,
    }


def current_statement(model, case: Case):
    """The current version of the case-level statement that stands (the latest key, should
    there be two); a withdrawn statement no longer counts, as if it was never recorded."""
    standing = model.current(case).filter(withdrawn_at__isnull=True)
    return standing.order_by("-recorded_at", "-pk").first()


def skipped_dict(s: ConversationSkipped) -> dict:
    return {"reason": s.reason, "advice_id": s.advice_key or None}


def not_involved_dict(s: GuardiansNotInvolved) -> dict:
    return {"ground": s.ground, "reason": s.reason, "advice_id": s.advice_key or None}


def without_consent_dict(s: GuardiansWithoutConsent) -> dict:
    return {"reason": s.reason}


def contribute(case: Case, data: dict) -> None:
    conversations = Conversation.current(case).order_by("held_on", "pk")
    data["conversations"] = [conversation_dict(c) for c in conversations]
    for field, model, to_dict in (
        ("conversation_skipped", ConversationSkipped, skipped_dict),
        ("guardians_not_involved", GuardiansNotInvolved, not_involved_dict),
        ("guardians_without_consent", GuardiansWithoutConsent, without_consent_dict),
    ):
        statement = current_statement(model, case)
        data[field] = to_dict(statement) if statement is not None else None
