"""The browser's round trip to the provider: the authorization request (code flow with PKCE,
``state`` and ``nonce`` kept in the session by mozilla-django-oidc's helper), the callback,
and what the session keeps for logout and for its end."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.contrib.auth import authenticate, login
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import get_random_string
from django_otp import login as otp_login
from mozilla_django_oidc.utils import (
    absolutify,
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)

from deelwijzer.accounts import sessions
from deelwijzer.accounts.receivers import record
from deelwijzer.sso import discovery, services
from deelwijzer.sso.models import IdentityProvider, ProviderFactor, ProviderSession

PROVIDER_KEY = "deelwijzer_sso_provider"  # state -> provider key, for the callback
ID_TOKEN_KEY = "deelwijzer_sso_id_token"  # for RP-initiated logout (id_token_hint)
SCOPE = "openid email profile"


def callback_url(request: HttpRequest) -> str:
    return absolutify(request, reverse("sso_callback"))


def authorization_url(request: HttpRequest, provider: IdentityProvider, hint: str = "") -> str:
    meta = discovery.metadata(provider.issuer)
    state = get_random_string(32)
    nonce = get_random_string(32)
    verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": SCOPE,
        "client_id": provider.client_id,
        "redirect_uri": callback_url(request),
        "state": state,
        "nonce": nonce,
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
    }
    if hint:
        params["login_hint"] = hint
    add_state_and_verifier_and_nonce_to_session(request, state, params, verifier)
    request.session.setdefault(PROVIDER_KEY, {})[state] = provider.pk
    request.session.modified = True
    return f"{meta['authorization_endpoint']}?{urlencode(params)}"


def take_state(request: HttpRequest) -> tuple[IdentityProvider | None, dict]:
    """The provider and the kept nonce and verifier of this callback's ``state``, removed from
    the session at once: a replayed callback finds nothing."""
    state = request.GET.get("state", "")
    kept = (request.session.get("oidc_states") or {}).pop(state, None)
    provider_pk = (request.session.get(PROVIDER_KEY) or {}).pop(state, None)
    request.session.modified = True
    if kept is None or provider_pk is None:
        return None, {}
    provider = IdentityProvider.objects.filter(pk=provider_pk, enabled=True).first()
    return provider, {"nonce": kept.get("nonce"), "code_verifier": kept.get("code_verifier")}


def sign_in(request: HttpRequest, provider: IdentityProvider, kept: dict):
    """Exchange the code and validate the ID token (ProviderBackend); on success the user is
    signed in, and two-factor verified when the provider's second factor is trusted."""
    user = authenticate(request, provider=provider, **kept)
    if user is None:
        return None
    claims, id_token = request.sso_claims, request.sso_id_token  # type: ignore[attr-defined]
    login(request, user)
    trusted = services.mfa_done(provider, claims)
    record("auth.login", user, step="provider", provider_mfa=trusted)
    if trusted:
        device, _created = ProviderFactor.objects.get_or_create(
            user=user, defaults={"name": "provider", "confirmed": True}
        )
        otp_login(request, device)
    request.session[ID_TOKEN_KEY] = id_token
    if provider.limit_session and isinstance(claims.get("exp"), int | float):
        request.session[sessions.NOT_AFTER] = float(claims["exp"])
    request.session.save()
    ProviderSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"provider": provider, "user": user, "sid": str(claims.get("sid") or "")},
    )
    return user


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def provider_origins() -> list[str]:
    """Where the enabled providers' authorization endpoints are (the issuer's, if the
    provider does not answer now)."""
    found = []
    for provider in IdentityProvider.objects.filter(enabled=True):
        try:
            found.append(_origin(discovery.metadata(provider.issuer)["authorization_endpoint"]))
        except ValidationError:
            found.append(_origin(provider.issuer))
    return found


def logout_url(request: HttpRequest) -> str | None:
    """The provider's end-session URL for this session (RP-initiated logout), or None."""
    id_token = request.session.get(ID_TOKEN_KEY)
    link = ProviderSession.objects.filter(session_key=request.session.session_key).first()
    if not id_token or link is None:
        return None
    endpoint = discovery.metadata(link.provider.issuer).get("end_session_endpoint")
    if not endpoint:
        return None
    back = absolutify(request, reverse("login"))
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": back})
    return f"{endpoint}?{query}"
