"""Who step 2 tells (content-free mail, notifications.events): a request arrived for the
attention officer(s) or the teammate asked (not an external adviser: no account), an answer
came in for who asked."""

from __future__ import annotations

from deelwijzer.advice.models import AdviceRequest, AdviserKind
from deelwijzer.notifications.events import Kind, notify, notify_role
from deelwijzer.organisations.models import Role


def advice_sent(*, actor, request: AdviceRequest, organisation_id: int) -> None:
    if request.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        notify_role(
            kind=Kind.ADVICE_REQUEST,
            organisation_id=organisation_id,
            role=Role.ATTENTION_OFFICER,
            actor=actor,
        )
    elif request.adviser_kind == AdviserKind.TEAM_MEMBER:
        notify(kind=Kind.ADVICE_REQUEST, users=[request.adviser_member], actor=actor)


def advice_answered(*, actor, request: AdviceRequest) -> None:
    notify(kind=Kind.ADVICE_ANSWER, users=[request.asked_by], actor=actor)
