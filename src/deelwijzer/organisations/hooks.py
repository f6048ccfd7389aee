"""What else ends when a user is disabled (#21). ``organisations/`` knows nothing of the parts
above it; a part that keeps something of a user's (the API's tokens) registers here from its
``AppConfig.ready()``, and ``user_set_active`` runs every hook inside its own transaction."""

from __future__ import annotations

from collections.abc import Callable

UserDisabled = Callable[..., object]  # (*, actor, user) -> anything (ignored)
_ON_DISABLED: list[UserDisabled] = []


def on_user_disabled(hook: UserDisabled) -> None:
    if hook not in _ON_DISABLED:
        _ON_DISABLED.append(hook)


def user_disabled(*, actor, user) -> None:
    for hook in _ON_DISABLED:
        hook(actor=actor, user=user)
