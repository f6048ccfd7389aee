"""Creating, revoking and checking API tokens. Creation and revocation are audited.

A token is ``dw_`` plus 43 characters of ``secrets.token_urlsafe`` (256 bits). The database
keeps its SHA-256 and its first characters (to recognise it in the list); the token itself is
shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.api.models import ApiToken
from deelwijzer.audit.services import audit_record

TOKEN_PREFIX = "dw_"
SHOWN_PREFIX = 10  # characters kept for display: "dw_" and 7 of the secret
MAX_ACTIVE = 20
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _audit(actor, action: str, token: ApiToken) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="api_token",
        object_id=token.pk,
        detail={"prefix": token.prefix},
    )


def token_name_problems(name: str) -> list[str]:
    """What is wrong with a token's name (nothing: an empty list)."""
    name = name.strip()
    if not name:
        return [_("Geef de sleutel een naam, bijvoorbeeld het systeem dat hem gebruikt.")]
    if len(name) > 100:
        return [_("De naam is te lang (hoogstens 100 tekens).")]
    return []


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor; returns it with the secret, which is not kept anywhere."""
    if problems := token_name_problems(name):
        raise ValidationError({"name": problems})
    name = name.strip()
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(
            _("Je hebt al %(n)s actieve sleutels. Trek eerst een sleutel in die je niet meer "
              "gebruikt.") % {"n": MAX_ACTIVE}
        )  # fmt: skip
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=secret[:SHOWN_PREFIX], secret_hash=token_hash(secret)
    )
    _audit(actor, "api_token.create", token)
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens (404 for anyone else's). It stops working at once."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if token is None:
        raise Http404
    if token.revoked_at is not None:
        raise ValidationError(_("Deze sleutel is al ingetrokken."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    _audit(actor, "api_token.revoke", token)
    return token


def tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def token_user(secret: str):
    """The active user of an active token, or None. Marks the token as used."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=token_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_tokens_revoke_all(*, actor, user) -> int:
    """Revoke every active token of a user who was disabled (#21), inside the disabling
    service's transaction (registered in ``ApiConfig.ready``); returns how many."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    now = timezone.now()
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        _audit(actor, "api_token.revoke", token)
    return len(tokens)
