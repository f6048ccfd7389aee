"""Session lifetime: when a sign-in started, when it was last used, and ending all sessions
of a user whose password changed or who was disabled (ASVS V7, NEN 7510 9.4.2)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

LOGIN_AT = "deelwijzer_login_at"
SEEN_AT = "deelwijzer_seen_at"
# A sign-in through the organisation's provider may end earlier: when its ID token expires
# (sso.flow sets it, where the administrator asked for it).
NOT_AFTER = "deelwijzer_not_after"
# Last activity is written at most once a minute, not on every request.
SEEN_RESOLUTION_SECONDS = 60


def start(session) -> None:
    now = time.time()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now


def expired_reason(session) -> str | None:
    """``"absolute"``, ``"idle"``, ``"provider"`` or None for a session that may go on."""
    now = time.time()
    login_at = session.get(LOGIN_AT)
    if login_at is None or now - login_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now > session.get(NOT_AFTER, now):
        return "provider"
    if now - session.get(SEEN_AT, login_at) > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


def seconds_left(session) -> tuple[int, bool]:
    """How long this session may go on, and whether use makes that longer (only the idle
    limit moves; the 12 hours and the provider's end do not)."""
    now = time.time()
    login_at = session.get(LOGIN_AT, now)
    limits = [
        (login_at + settings.SESSION_ABSOLUTE_SECONDS - now, False),
        (session.get(SEEN_AT, login_at) + settings.SESSION_IDLE_SECONDS - now, True),
    ]
    if NOT_AFTER in session:
        limits.append((session[NOT_AFTER] - now, False))
    left, extendable = min(limits, key=lambda limit: limit[0])
    return max(0, int(left)), extendable


def touch(session) -> None:
    now = time.time()
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now


def end_sessions(user_id: int) -> int:
    """Delete every live session of this user on the server; returns how many."""
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id)
    ]
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)
