"""#21: the ID token is validated by the library (mozilla-django-oidc, PyJWT) with the
organisation's provider's settings. Tokens signed here: a tampered one is refused whatever
was changed (signature, audience, issuer, expiry, nonce, algorithm)."""

from __future__ import annotations

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation

from deelwijzer.sso import discovery
from deelwijzer.sso.backend import ProviderBackend
from deelwijzer.sso.models import IdentityProvider

ISSUER = "https://login.example.invalid"
CLIENT = "deelwijzer-client"
KID = "key-1"


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


OURS, OTHER = _key(), _key()


def _jwk(private) -> dict:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    return {**jwk, "kid": KID, "alg": "RS256", "use": "sig"}


@pytest.fixture
def backend(monkeypatch):
    meta = {
        "issuer": ISSUER,
        "token_endpoint": ISSUER + "/token",
        "jwks_uri": ISSUER + "/jwks",
        "authorization_endpoint": ISSUER + "/auth",
    }
    monkeypatch.setattr(discovery, "metadata", lambda issuer: meta)
    monkeypatch.setattr(
        ProviderBackend, "retrieve_matching_jwk", lambda self, t: jwt.PyJWK(_jwk(OURS))
    )
    found = ProviderBackend()
    provider = IdentityProvider(issuer=ISSUER, client_id=CLIENT, client_secret="s")
    found.configure(provider)
    return found


def _token(key=OURS, algorithm="RS256", **changes) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": CLIENT,
        "sub": "abc",
        "iat": now,
        "exp": now + 300,
        "nonce": "n-1",
        "email": "nina@school.invalid",
    }
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": KID})


def test_a_good_token_passes(backend):
    assert backend.verify_token(_token(), nonce="n-1")["sub"] == "abc"


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: _token(key=OTHER), id="wrong signature"),
        pytest.param(lambda: _token(aud="someone-else"), id="wrong aud"),
        pytest.param(lambda: _token(iss="https://evil.invalid"), id="wrong iss"),
        pytest.param(lambda: _token(exp=int(time.time()) - 120), id="expired"),
        pytest.param(lambda: _token(exp=None), id="no exp"),
        pytest.param(lambda: _token(nonce="n-0"), id="replayed nonce"),
        pytest.param(lambda: _token(nonce=None), id="no nonce"),
        pytest.param(
            lambda: _token(key="a-shared-secret-of-32-bytes-long!", algorithm="HS256"), id="HS256"
        ),
    ],
)
def test_a_tampered_token_is_refused(backend, token):
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(token(), nonce="n-1")


def test_an_unsigned_token_is_refused(backend):
    unsigned = jwt.encode({"iss": ISSUER, "aud": CLIENT, "sub": "abc"}, None, algorithm="none")
    with pytest.raises(SuspiciousOperation):
        backend.verify_token(unsigned, nonce=None)


def test_a_password_sign_in_passes_the_backend_by(rf):
    assert ProviderBackend().authenticate(rf.get("/"), username="a", password="b") is None
