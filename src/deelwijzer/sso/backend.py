"""The ID token's checks, by mozilla-django-oidc and PyJWT, for the organisation's provider.

mozilla-django-oidc reads one provider from the settings; here the endpoints and the client
come from the organisation's ``IdentityProvider`` (discovery), set on the backend for the one
``authenticate`` call. The library exchanges the code (with the PKCE verifier), fetches the
provider's keys (JWKS), checks the signature and algorithm, and the nonce; PyJWT, which it
calls, checks ``exp``. Its own call leaves ``aud`` and ``iss`` unchecked, so ``_verify_jws``
passes them to the same ``jwt.decode``: the token must be meant for this client, from this
issuer, and carry ``exp`` and ``iat``.
"""

from __future__ import annotations

import jwt
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from deelwijzer.sso import discovery, services
from deelwijzer.sso.models import IdentityProvider

LEEWAY_SECONDS = 30
SIGN_ALGORITHM = "RS256"  # what Entra ID, Google and node-oidc-provider sign ID tokens with


class ProviderBackend(OIDCAuthenticationBackend):
    """Signs in only when called with ``provider=`` (the callback view); any other
    ``authenticate()`` (a password) passes it by."""

    def __init__(self, *args, **kwargs):  # the settings-driven __init__ needs a fixed provider
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()
        self.provider: IdentityProvider | None = None

    def configure(self, provider: IdentityProvider) -> None:
        meta = discovery.metadata(provider.issuer)
        self.provider = provider
        self.issuer = meta["issuer"]
        self.OIDC_OP_TOKEN_ENDPOINT = meta["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = meta.get("userinfo_endpoint", "")
        self.OIDC_OP_JWKS_ENDPOINT = meta["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        provider = kwargs.pop("provider", None)
        if provider is None or request is None:
            return None
        self.configure(provider)
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("ID token algorithm not allowed")
        try:
            return self.decode(payload, key, required=["exp", "iat", "iss", "aud", "sub"])
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {type(exc).__name__}") from exc

    def decode(self, token: str, key, *, required: list[str]) -> dict:
        """A token of the configured provider (ID token, logout token): signed with ``key`` in
        the one allowed algorithm, for our client id, from its issuer, in date (with
        ``LEEWAY_SECONDS``), with every claim in ``required``. Raises ``jwt.PyJWTError``."""
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": required},
        )

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, with the userinfo endpoint's where the token lacks them
        (Entra ID puts e-mail in the token; some providers only in userinfo)."""
        if payload.get("email") or not self.OIDC_OP_USER_ENDPOINT:
            return payload
        extra = super().get_userinfo(access_token, id_token, payload)
        if str(extra.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo is about someone else")
        return {**extra, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        assert self.provider is not None
        claims = self.get_userinfo(access_token, id_token, payload)
        self.request.sso_claims = claims  # for the callback view: amr/acr, exp, sid
        self.request.sso_id_token = id_token  # kept for RP-initiated logout
        return services.provider_sign_in(provider=self.provider, claims=claims)

    def get_user(self, user_id):
        try:
            return self.UserModel.objects.get(pk=user_id)
        except self.UserModel.DoesNotExist:
            return None
