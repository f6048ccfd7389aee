"""#21 left-over: `deelwijzer clear-sessions` removes expired sessions and the provider-session
links of sessions that are gone (they were kept for ever), as a daily job safe on many nodes."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.jobs.models import JobRun
from deelwijzer.sso.models import IdentityProvider, ProviderSession


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def test_expired_sessions_and_their_provider_links_go(personas):
    provider = IdentityProvider.objects.create(
        organisation=personas.organisation,
        issuer="https://id.school.invalid",
        client_id="dw",
        client_secret="s",
        allowed_domains="school.invalid",
    )
    live, expired = _session(timedelta(hours=1)), _session(-timedelta(minutes=1))
    user = personas.professional
    for key in (live, expired, "al-lang-weg"):
        ProviderSession.objects.create(provider=provider, user=user, sid="s", session_key=key)

    out = StringIO()
    call_command("clear_sessions", stdout=out)

    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert list(ProviderSession.objects.values_list("session_key", flat=True)) == [live]
    assert "1 verlopen sessie(s) en 2 koppeling(en)" in out.getvalue()
    event = AuditEvent.objects.get(action="session.clear_expired")
    assert event.detail == {"sessions": 1, "provider_sessions": 2}
    assert JobRun.objects.filter(job="clear-sessions", status="ok").count() == 1

    again = StringIO()
    call_command("clear_sessions", stdout=again)  # a second node the same day: skipped
    assert AuditEvent.objects.filter(action="session.clear_expired").count() == 1
    assert "al gedaan" in again.getvalue()
