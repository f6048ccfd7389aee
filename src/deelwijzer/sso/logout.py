"""The provider's back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider
posts a signed ``logout_token``; its signature, issuer, audience, ``iat`` and event are checked
with the same library as the ID token, and the sessions it names end at once."""

from __future__ import annotations

import jwt
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.db import transaction

from deelwijzer.audit.services import audit_organisation
from deelwijzer.sso.backend import ProviderBackend
from deelwijzer.sso.models import IdentityProvider, ProviderLink, ProviderSession

EVENT = "http://schemas.openid.net/event/backchannel-logout"


def _provider_of(token: str) -> IdentityProvider:
    unverified = jwt.decode(token, options={"verify_signature": False})
    audience = unverified.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    for provider in IdentityProvider.objects.filter(client_id__in=[str(a) for a in audiences]):
        if provider.issuer.rstrip("/") == str(unverified.get("iss", "")).rstrip("/"):
            return provider
    raise SuspiciousOperation("logout token of no provider here")


def verified_claims(token: str) -> tuple[IdentityProvider, dict]:
    try:
        provider = _provider_of(token)
        backend = ProviderBackend()
        backend.configure(provider)
        key = backend.retrieve_matching_jwk(token)
        claims = backend.decode(token, key, required=["iat", "iss", "aud", "events"])
    except jwt.PyJWTError as exc:
        raise SuspiciousOperation("logout token refused") from exc
    if EVENT not in (claims.get("events") or {}) or "nonce" in claims:
        raise SuspiciousOperation("not a logout token")
    if not claims.get("sid") and not claims.get("sub"):
        raise SuspiciousOperation("logout token names no session")
    return provider, claims


@transaction.atomic
def provider_logout(token: str) -> int:
    """End the sessions the provider's logout token names; returns how many."""
    provider, claims = verified_claims(token)
    rows = ProviderSession.objects.filter(provider=provider)
    if claims.get("sid"):
        rows = rows.filter(sid=str(claims["sid"]))
    else:
        links = ProviderLink.objects.filter(provider=provider, sub=str(claims["sub"]))
        rows = rows.filter(user_id__in=links.values("user_id"))
    keys = list(rows.values_list("session_key", flat=True))
    users = set(rows.values_list("user_id", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    for user_id in users:
        detail = {"reason": "provider_backchannel", "sessions": len(keys)}
        audit_organisation(
            None,
            provider.organisation_id,
            "auth.logout",
            object_type="user",
            object_id=user_id,
            detail=detail,
        )
    return len(keys)
