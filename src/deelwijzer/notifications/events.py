"""Telling users that something waits for them. The step app that makes the event decides who
is told (``deelwijzer.advice.notices``, ``deelwijzer.decisions.services``) and calls these
inside its transaction; the mail itself goes after the commit (``mail.notify``).
notifications/ imports no step app (an import-linter contract in pyproject.toml)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from deelwijzer.notifications.mail import Kind, notify

__all__ = ["Kind", "notify", "notify_role", "role_holders"]


def role_holders(organisation_id: int, role: str) -> list:
    """The active holders of ``role`` in the organisation."""
    return list(
        get_user_model().objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role=role,
            memberships__active=True,
        )
    )


def notify_role(*, kind: Kind, organisation_id: int, role: str, actor) -> None:
    """Tell everyone who holds ``role`` in the organisation (not the actor)."""
    notify(kind=kind, users=role_holders(organisation_id, role), actor=actor)
