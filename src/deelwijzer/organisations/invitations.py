"""Invitations by e-mail (#21): sending, resending, revoking and accepting.

The e-mail is content-free (DESIGN.md): no name, no organisation, no case, only that an
account waits and a link that works once, until it expires. Only a hash of the link's secret
is stored; resending makes a new secret, so an older e-mail's link stops working.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.audit.services import audit_organisation
from deelwijzer.organisations.models import Invitation, Organisation
from deelwijzer.organisations.roles import require_org_admin


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def invitation_link(secret: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[secret])


def invitation_mail_text(link: str, expires_at) -> tuple[str, str]:
    """Subject and body: that an account waits, the link and until when it works."""
    until = date_format(timezone.localtime(expires_at), "j F Y H:i")
    subject = _("Je bent uitgenodigd voor Deelwijzer")
    body = _(
        "Hallo,\n\nEr is een account in Deelwijzer voor je klaargezet. Via deze link kies je "
        "hoe je inlogt:\n%(link)s\n\nDe link werkt één keer, tot %(until)s. Verwachtte je deze "
        "e-mail niet? Dan kun je hem negeren.\n\nDit bericht is automatisch verstuurd."
    ) % {"link": link, "until": until}
    return subject, body


def _mail(address: str, secret: str, expires_at) -> None:
    """After the commit: a refused or rolled-back invitation sends nothing."""
    subject, body = invitation_mail_text(invitation_link(secret), expires_at)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]), robust=True
    )


def _fresh_secret(invitation: Invitation) -> str:
    secret = secrets.token_urlsafe(32)
    invitation.secret_hash = _hash(secret)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + timedelta(days=settings.INVITATION_DAYS)
    return secret


def _audit(actor, invitation: Invitation, action: str, **detail) -> None:
    detail = {"user_id": invitation.user_id, **detail}
    audit_organisation(
        actor,
        invitation.organisation_id,
        action,
        object_type="invitation",
        object_id=invitation.pk,
        detail=detail,
    )


def invitation_send(*, actor, organisation: Organisation, user) -> Invitation:
    """The first invitation of a new account; called inside ``user_invite``'s transaction."""
    invitation = Invitation(user=user, organisation=organisation, invited_by=actor)
    secret = _fresh_secret(invitation)
    invitation.save()
    _audit(actor, invitation, "invitation.send", expires_at=invitation.expires_at.isoformat())
    _mail(user.email, secret, invitation.expires_at)
    return invitation


def _of_member(organisation: Organisation, user_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(organisation=organisation, user_id=user_id)
        .first()
    )
    if invitation is None:
        raise ValidationError({"user": [_("Deze gebruiker heeft geen uitnodiging.")]})
    if invitation.accepted_at is not None:
        raise ValidationError(
            {"user": [_("Deze uitnodiging is al gebruikt: het account is actief.")]}
        )
    return invitation


@transaction.atomic
def invitation_resend(*, actor, organisation: Organisation, user_id: int) -> Invitation:
    """A new link, working again for INVITATION_DAYS; the old link stops working. Also after a
    revocation or when the link expired."""
    require_org_admin(actor, organisation)
    invitation = _of_member(organisation, user_id)
    secret = _fresh_secret(invitation)
    invitation.revoked_at = None
    invitation.sent_count += 1
    invitation.save()
    _audit(actor, invitation, "invitation.resend", sent_count=invitation.sent_count)
    _mail(invitation.user.email, secret, invitation.expires_at)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, organisation: Organisation, user_id: int) -> Invitation:
    """The link stops working at once; resending makes a new one."""
    require_org_admin(actor, organisation)
    invitation = _of_member(organisation, user_id)
    if invitation.revoked_at is not None:
        raise ValidationError({"user": [_("Deze uitnodiging is al ingetrokken.")]})
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _audit(actor, invitation, "invitation.revoke")
    return invitation


def invitation_for_secret(secret: str) -> Invitation | None:
    """The open invitation of this link, or None (unknown, used, revoked or expired)."""
    if not secret or len(secret) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("user", "organisation")
        .filter(secret_hash=_hash(secret))
        .first()
    )
    if invitation is None or invitation.status(timezone.now()) != "open":
        return None
    if not invitation.user.is_active:
        return None
    return invitation


NOT_VALID = gettext_lazy(
    "Deze uitnodiging werkt niet meer: hij is al gebruikt, ingetrokken of verlopen. Vraag de "
    "functioneel beheerder van je organisatie om een nieuwe."
)


def _open_for_update(secret: str) -> Invitation:
    found = invitation_for_secret(secret)
    invitation = (
        Invitation.objects.select_for_update().select_related("user").filter(pk=found.pk).first()
        if found is not None
        else None
    )
    if invitation is None or invitation.status(timezone.now()) != "open":
        raise ValidationError(str(NOT_VALID))
    return invitation


def _accepted(invitation: Invitation, method: str) -> None:
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    _audit(invitation.user, invitation, "invitation.accept", method=method)


@transaction.atomic
def invitation_accept(*, secret: str, password: str):
    """The invitee chooses a password: the link is used up, the account is active."""
    invitation = _open_for_update(secret)
    user = invitation.user
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": list(exc.messages)}) from exc
    user.set_password(password)
    user.save()
    _accepted(invitation, "password")
    return user


@transaction.atomic
def invitation_accept_linked(*, user) -> None:
    """The invitee signed in through the organisation's provider for the first time: the
    invitation is used (accounts are linked, never made, by signing in)."""
    invitation = Invitation.objects.select_for_update().filter(user=user).first()
    if invitation is not None and invitation.accepted_at is None:
        _accepted(invitation, "oidc")


def member_status(user, invitation: Invitation | None, now) -> str:
    """What the user list shows: ``invited`` until the invitation is used, then ``active``
    (``expired``/``revoked`` for an invitation that no longer works). An account from before
    invitations were e-mailed counts as invited while it has no password."""
    if invitation is not None:
        status = invitation.status(now)
        return "active" if status == "accepted" else {"open": "invited"}.get(status, status)
    return "active" if user.has_usable_password() else "invited"
