"""The writes of sign-in through a provider: the administrator's settings, binding an invited
user to their ``sub`` at the first sign-in, refusing a changed ``sub``, and releasing it.
Every one audited in its transaction. Nobody gets an account, a role or a case by signing in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import ip_address
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_organisation, audit_record
from deelwijzer.notifications.events import Kind, notify_role
from deelwijzer.organisations.invitations import invitation_accept_linked
from deelwijzer.organisations.models import Membership, Organisation, Role
from deelwijzer.organisations.roles import require_org_admin
from deelwijzer.organisations.services import audit_org_admin
from deelwijzer.sso import discovery
from deelwijzer.sso.models import IdentityProvider, MfaTrust, ProviderLink, ProviderSession

FIELDS = (
    "enabled",
    "issuer",
    "client_id",
    "client_secret",
    "allowed_domains",
    "mfa_trust",
    "acr_value",
    "limit_session",
)
MFA_METHODS = frozenset({"mfa", "otp", "hwk"})  # RFC 8176 values that mean a second factor


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


# One label of a host name (letters, digits, hyphens inside), as IDNA writes it
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _not_a_domain(domain: str) -> bool:
    try:
        ascii_name = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return True
    labels = ascii_name.split(".")
    return len(labels) < 2 or len(ascii_name) > 253 or not all(map(_LABEL.match, labels))


def _domain_problems(provider: IdentityProvider) -> list[str]:
    """A domain must be one, and no other organisation's: an e-mail domain picks the provider
    that signs its owner in, so a domain claimed twice would send one organisation's staff to
    the other's provider."""
    problems = []
    wrong = sorted(d for d in provider.domains() if _not_a_domain(d))
    if wrong:
        problems.append(
            _("Dit is geen e-maildomein: %(d)s. Schrijf het deel na de @, bijvoorbeeld school.nl.")
            % {"d": ", ".join(f"‘{d}’" for d in wrong)}
        )
    others = IdentityProvider.objects.select_for_update().exclude(
        organisation_id=provider.organisation_id
    )
    taken = sorted(provider.domains() & {d for other in others for d in other.domains()})
    if taken:
        problems.append(
            _(
                "Een andere organisatie in Deelwijzer logt al in via %(d)s. Een e-maildomein "
                "hoort bij één organisatie; neem contact op met de beheerder van Deelwijzer "
                "als dit domein van jullie is."
            )
            % {"d": ", ".join(taken)}
        )
    return problems


def _settings_errors(provider: IdentityProvider) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    parts = urlsplit(provider.issuer)
    if parts.scheme != "https" and not (parts.scheme == "http" and _loopback(parts.hostname or "")):
        errors["issuer"] = [_("De issuer-URL begint met https:// (http alleen op deze machine).")]
    if not provider.client_secret:
        errors["client_secret"] = [_("Vul het client-secret in dat de provider gaf.")]
    if not provider.domains():
        errors["allowed_domains"] = [_("Noem ten minste één e-maildomein.")]
    elif problems := _domain_problems(provider):
        errors["allowed_domains"] = problems
    if provider.mfa_trust == MfaTrust.ACR and not provider.acr_value.strip():
        errors["acr_value"] = [_("Vul de acr-waarde in die een tweede factor betekent.")]
    return errors


@transaction.atomic
def provider_configure(*, actor, organisation: Organisation, **values) -> IdentityProvider:
    """Save the organisation's provider. An empty ``client_secret`` keeps the stored one. The
    provider's discovery document must answer and name the same issuer."""
    require_org_admin(actor, organisation)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    provider = IdentityProvider.objects.filter(organisation=organisation).first()
    created = provider is None
    provider = provider or IdentityProvider(organisation=organisation)
    old = {name: getattr(provider, name) for name in FIELDS}
    for name, value in values.items():
        if name == "client_secret" and not value:
            continue  # kept
        setattr(provider, name, value.strip() if isinstance(value, str) else value)
    errors = _settings_errors(provider)
    if errors:
        raise ValidationError(errors)
    discovery.forget(provider.issuer)
    discovery.fetch(provider.issuer)
    provider.full_clean()
    provider.save()
    changed = sorted(n for n in FIELDS if old[n] != getattr(provider, n))
    audit_org_admin(  # names only: never the secret
        actor, organisation, "sso.configure", "identity_provider", provider.pk,
        {"created": created, "changed": changed},
    )  # fmt: skip
    return provider


def mfa_done(provider: IdentityProvider, claims: dict) -> bool:
    """Did the provider report a second factor that this organisation trusts?"""
    if provider.mfa_trust == MfaTrust.AMR:
        amr = claims.get("amr") or []
        return isinstance(amr, list) and bool(MFA_METHODS & {str(v) for v in amr})
    if provider.mfa_trust == MfaTrust.ACR:
        return bool(provider.acr_value) and claims.get("acr") == provider.acr_value
    return False


def _refuse(provider: IdentityProvider, reason: str, user=None) -> None:
    audit_organisation(
        user,
        provider.organisation_id,
        "sso.refused",
        object_type="identity_provider",
        object_id=provider.pk,
        outcome=Outcome.FAILURE,
        detail={"reason": reason},
    )


def refuse_token(provider: IdentityProvider) -> None:
    """The code exchange or the ID token failed its checks (signature, aud, iss, exp, nonce)."""
    _refuse(provider, "token_invalid")


def _member(provider: IdentityProvider, user_id: int) -> bool:
    return Membership.objects.filter(
        organisation_id=provider.organisation_id, user_id=user_id, active=True
    ).exists()


def _invited_by_email(provider: IdentityProvider, claims: dict):
    email = str(claims.get("email") or "").strip().lower()
    verified = claims.get("email_verified") is True or claims.get("xms_edov") is True
    if not email or not verified:
        return None, "email_not_verified"
    if email.rpartition("@")[2] not in provider.domains():
        return None, "domain_not_allowed"
    user = (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .filter(memberships__organisation_id=provider.organisation_id, memberships__active=True)
        .distinct()
        .first()
    )
    return user, "" if user is not None else "not_invited"


def _tell_admins(provider: IdentityProvider) -> None:
    """A content-free e-mail to the organisation's administrators; the users page says who."""
    notify_role(
        kind=Kind.SIGN_IN_REFUSED,
        organisation_id=provider.organisation_id,
        role=Role.ORG_ADMIN,
        actor=None,
    )


@transaction.atomic
def provider_sign_in(*, provider: IdentityProvider, claims: dict):
    """The user these (validated) claims sign in as, or None (refused and audited): bound on
    ``sub``; else an invited member matched on a verified e-mail of an allowed domain, whose
    ``sub`` is then bound. An account bound to another ``sub`` is refused, and marked for the
    administrator."""
    sub = str(claims.get("sub") or "")
    link = ProviderLink.objects.select_related("user").filter(provider=provider, sub=sub).first()
    if link is not None:
        if link.user.is_active and _member(provider, link.user_id):
            return link.user
        _refuse(provider, "disabled", link.user)
        return None
    user, reason = _invited_by_email(provider, claims)
    if user is None:
        _refuse(provider, reason)
        return None
    bound = ProviderLink.objects.select_for_update().filter(provider=provider, user=user).first()
    if bound is not None:
        bound.refused_sub, bound.refused_at = sub[:255], timezone.now()
        bound.save(update_fields=["refused_sub", "refused_at"])
        _refuse(provider, "sub_changed", user)
        _tell_admins(provider)
        return None
    link = ProviderLink.objects.create(provider=provider, user=user, sub=sub[:255])
    audit_organisation(
        user, provider.organisation_id, "sso.link", object_type="provider_link", object_id=link.pk
    )
    invitation_accept_linked(user=user)
    return user


@transaction.atomic
def provider_link_release(*, actor, organisation: Organisation, user_id: int) -> None:
    """The administrator checked a changed account at the provider: the old binding goes, and
    the next sign-in binds the new ``sub`` (matched on the e-mail again)."""
    require_org_admin(actor, organisation)
    link = ProviderLink.objects.filter(provider__organisation=organisation, user_id=user_id).first()
    if link is None:
        raise ValidationError({"user": [_("Deze gebruiker is niet gekoppeld aan de provider.")]})
    link.delete()
    audit_org_admin(actor, organisation, "sso.unlink", "user", user_id, {})


def refused_links(organisation: Organisation) -> dict[int, ProviderLink]:
    """User key -> their link, for users whose sign-in was refused for a changed ``sub``."""
    rows = ProviderLink.objects.filter(
        provider__organisation=organisation, refused_at__isnull=False
    )
    return {link.user_id: link for link in rows}


@dataclass(frozen=True)
class Cleared:
    sessions: int
    provider_sessions: int


@transaction.atomic
def sessions_clear_expired() -> Cleared:
    """Remove sessions past their expiry and the provider-session links whose session is gone
    (ended, expired, or ended on another node); counts only in the audit event."""
    sessions, _rows = Session.objects.filter(expire_date__lte=timezone.now()).delete()
    live = Session.objects.values("session_key")
    provider_sessions, _rows = ProviderSession.objects.exclude(session_key__in=live).delete()
    cleared = Cleared(sessions=sessions, provider_sessions=provider_sessions)
    audit_record(
        actor=None,
        action="session.clear_expired",
        object_type="session",
        purpose="maintenance",
        detail={"sessions": sessions, "provider_sessions": provider_sessions},
    )
    return cleared
