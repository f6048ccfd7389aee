"""The provider's metadata from ``<issuer>/.well-known/openid-configuration`` (OpenID Connect
Discovery 1.0), kept for an hour in Django's cache. The document must name the same issuer."""

from __future__ import annotations

import requests
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10
KEPT_SECONDS = 60 * 60
NEEDED = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def _url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def fetch(issuer: str) -> dict:
    """The metadata, fetched now; a ValidationError in Dutch when it cannot be used."""
    try:
        response = requests.get(_url(issuer), timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ValidationError(
            {"issuer": [_("De gegevens van de provider zijn niet op te halen van %(url)s.")
                        % {"url": _url(issuer)}]}
        ) from exc  # fmt: skip
    if not isinstance(metadata, dict) or metadata.get("issuer", "").rstrip("/") != issuer.rstrip(
        "/"
    ):
        raise ValidationError(
            {"issuer": [_("De provider noemt een andere issuer dan ingevuld; controleer de URL.")]}
        )
    missing = [name for name in NEEDED if not metadata.get(name)]
    if missing:
        raise ValidationError(
            {"issuer": [_("De provider mist: %(m)s.") % {"m": ", ".join(missing)}]}
        )
    return metadata


def metadata(issuer: str) -> dict:
    key = "sso:discovery:" + issuer
    found = cache.get(key)
    if found is None:
        found = fetch(issuer)
        cache.set(key, found, KEPT_SECONDS)
    return found


def forget(issuer: str) -> None:
    cache.delete("sso:discovery:" + issuer)
