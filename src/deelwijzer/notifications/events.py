"""Who is told of which event. Each function is called by the service that makes the event,
inside its transaction; the mail itself goes after the commit (mail.notify)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from deelwijzer.notifications.mail import Kind, notify

__all__ = ["Kind", "advice_answered", "advice_sent", "decision_decided", "decision_submitted"]
from deelwijzer.organisations.models import Role


def _role_holders(organisation_id: int, role: str) -> list:
    return list(
        get_user_model().objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=role,
            memberships__active=True,
        )
    )


def advice_sent(*, actor, request, organisation_id: int) -> None:
    """A request arrived: for the attention officer(s), or the teammate asked (not external:
    that adviser has no account)."""
    from deelwijzer.advice.models import AdviserKind

    if request.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        users = _role_holders(organisation_id, Role.ATTENTION_OFFICER)
    elif request.adviser_kind == AdviserKind.TEAM_MEMBER:
        users = [request.adviser_member]
    else:
        return
    notify(kind=Kind.ADVICE_REQUEST, users=users, actor=actor)


def advice_answered(*, actor, request) -> None:
    """The answer is in: for who asked."""
    notify(kind=Kind.ADVICE_ANSWER, users=[request.asked_by], actor=actor)


def decision_submitted(*, actor, organisation_id: int) -> None:
    """A decision to sign off: for the organisation's decision makers (R5.3)."""
    users = _role_holders(organisation_id, Role.DECISION_MAKER)
    notify(kind=Kind.DECISION_SUBMITTED, users=users, actor=actor)


def decision_decided(*, actor, decision, kind: Kind) -> None:
    """Signed off or returned: for who submitted it."""
    notify(kind=kind, users=[decision.submitted_by], actor=actor)
