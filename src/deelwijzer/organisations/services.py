"""The org admin's writes: users, roles, settings. Never case content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_organisation
from deelwijzer.operator import operator_account
from deelwijzer.organisations import grants, hooks, invitations
from deelwijzer.organisations.models import (
    Membership,
    Organisation,
    Role,
    RoleGrant,
    Sector,
)
from deelwijzer.organisations.roles import require_org_admin


def audit_org_admin(
    actor, organisation: Organisation, action: str, object_type: str, object_id, detail
):
    """The audit row of an org admin's change (no case: organisation settings only)."""
    audit_organisation(
        actor, organisation.pk, action, object_type=object_type, object_id=object_id,
        role=Role.ORG_ADMIN, detail=detail,
    )  # fmt: skip


@dataclass(frozen=True)
class OrgList:
    """One of the organisation's own lists (its contacts, its signal list): items are never
    deleted, so what refers to one keeps it; an item no longer used is switched off.
    ``name`` prefixes the audit actions, ``object_type`` names the item in the audit trail,
    ``missing`` refuses an item that is not (or no longer) the organisation's."""

    model: Any
    name: str
    object_type: str
    missing: object

    def own(self, organisation: Organisation, pk: int):
        """The organisation's item, locked for the change (refused when it is not theirs)."""
        rows = self.model.objects.select_for_update()
        item = rows.filter(organisation=organisation, pk=pk).first()
        if item is None:
            raise ValidationError(str(self.missing))
        return item

    @transaction.atomic
    def set_active(self, *, actor, organisation: Organisation, pk: int, active: bool):
        """Switch an item on or off (the org admin only), audited as ``<name>.set_active``."""
        require_org_admin(actor, organisation)
        item = self.own(organisation, pk)
        old = item.active
        item.active = active
        item.save(update_fields=["active"])
        detail = {"active": [old, active]}
        audit_org_admin(
            actor, organisation, f"{self.name}.set_active", self.object_type, pk, detail
        )
        return item


def _clean_roles(roles: list[str]) -> list[str]:
    valid = set(Role.values)
    cleaned = sorted({r for r in roles if r in valid})
    if not cleaned:
        raise ValidationError({"roles": [_("Kies ten minste één rol.")]})
    return cleaned


def set_password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_set", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def password_link_by_operator(*, username: str, reason: str) -> str:
    """A new one-time link to choose a password, for a functional administrator who never
    chose one (``create-organisation``'s link expired or was lost): "Wachtwoord vergeten?"
    mails only accounts that have a password, and nobody else could invite them. Whoever has
    a password uses that page; an invited user gets a new invitation from their administrator.
    Audited with the reason in each of the user's organisations."""
    user = operator_account(username, reason)
    if user.has_usable_password():
        raise ValidationError(
            _("%(u)s heeft al een wachtwoord: een nieuw kiezen gaat met 'Wachtwoord vergeten?' "
              "op de inlogpagina.") % {"u": user.username}
        )  # fmt: skip
    admin_of = list(
        Membership.objects.filter(user=user, role=Role.ORG_ADMIN, active=True)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    if not user.is_active or not admin_of:
        raise ValidationError(
            _("%(u)s is geen functioneel beheerder: vraag de beheerder van de organisatie om "
              "een nieuwe uitnodiging.") % {"u": user.username}
        )  # fmt: skip
    for organisation_id in sorted(admin_of):
        audit_organisation(
            None,
            organisation_id,
            "auth.password_link",
            object_type="user",
            object_id=user.pk,
            purpose="cli",
            detail={"reason": reason.strip()[:500]},
        )
    return set_password_link(user)


@transaction.atomic
def user_invite(
    *,
    actor,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    roles: list[str],
    job_title: str = "",
):
    """Create an account without a password and e-mail the invitation (#21): the invitee
    chooses how to sign in through its link. A new administrator's roles wait, inactive, for a
    second administrator (grants)."""
    require_org_admin(actor, organisation)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": [_("Vul een geldig e-mailadres in.")]}) from exc
    if not first_name.strip() or not last_name.strip():
        raise ValidationError({"first_name": [_("Vul voor- en achternaam in.")]})
    roles = _clean_roles(roles)
    User = get_user_model()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError({"email": [_("Er is al een account met dit e-mailadres.")]})
    user = User(
        username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    user.set_unusable_password()
    user.save()
    four_eyes = Role.ORG_ADMIN in roles
    for role in roles:
        Membership.objects.create(
            user=user,
            organisation=organisation,
            role=role,
            job_title=job_title.strip(),
            active=not four_eyes,
        )
    audit_org_admin(actor, organisation, "user.invite", "user", user.pk, {"roles": roles})
    invitations.invitation_send(actor=actor, organisation=organisation, user=user)
    if four_eyes:
        grants.role_grant_request(
            actor=actor, organisation=organisation, user_id=user.pk, old=[], roles=roles
        )
    return user


@transaction.atomic
def membership_set_roles(
    *, actor, organisation: Organisation, user_id: int, roles: list[str]
) -> RoleGrant | None:
    """Change a user's roles; a change that needs four eyes (grants.needs_second_admin) is
    filed for a second administrator instead, and that pending grant is returned."""
    require_org_admin(actor, organisation)
    roles = _clean_roles(roles)
    current = Membership.objects.filter(organisation=organisation, user_id=user_id)
    if not current.exists():
        raise ValidationError({"roles": [_("Deze gebruiker hoort niet bij je organisatie.")]})
    old = sorted(current.filter(active=True).values_list("role", flat=True))
    if old == roles:
        return None
    if grants.needs_second_admin(actor=actor, user_id=user_id, old=old, new=roles):
        return grants.role_grant_request(
            actor=actor, organisation=organisation, user_id=user_id, old=old, roles=roles
        )
    grants.roles_apply(organisation=organisation, user_id=user_id, roles=roles)
    audit_org_admin(
        actor,
        organisation,
        "user.roles",
        "user",
        user_id,
        {"old": old, "new": roles, "approved_by": actor.pk},
    )
    return None


@transaction.atomic
def user_set_active(*, actor, organisation: Organisation, user_id: int, active: bool):
    """(De)activate a user's access to this organisation; a fully inactive user is disabled."""
    require_org_admin(actor, organisation)
    if actor.pk == user_id:
        raise ValidationError({"user": [_("Je kunt je eigen account niet uitschakelen.")]})
    if active and grants.pending_for(organisation, user_id):
        raise ValidationError(
            {
                "user": [
                    _(
                        "Voor deze gebruiker wacht een rolwijziging op een tweede beheerder. "
                        "Laat die eerst goedkeuren of afwijzen."
                    )
                ]
            }
        )
    memberships = Membership.objects.filter(organisation=organisation, user_id=user_id)
    if not memberships.exists():
        raise ValidationError({"user": [_("Deze gebruiker hoort niet bij je organisatie.")]})
    for membership in memberships:
        membership.active = active
        membership.save(update_fields=["active"])
    user = get_user_model().objects.get(pk=user_id)
    still_active = Membership.objects.filter(user_id=user_id, active=True).exists()
    if user.is_active != still_active:
        user.is_active = still_active
        user.save(update_fields=["is_active"])  # ends every session (accounts.receivers)
        if not still_active:
            hooks.user_disabled(actor=actor, user=user)  # the API's tokens, revoked
    action = "user.activate" if active else "user.deactivate"
    audit_org_admin(actor, organisation, action, "user", user_id, {"active": active})


SETTINGS_FIELDS = (
    "name",
    "sector",
    "decision_maker_role",
    "has_attention_officer",
    "retention_months",
    "delivery_days",
    "delivery_code_channel",
)


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **values) -> Organisation:
    require_org_admin(actor, organisation)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    old = {name: getattr(organisation, name) for name in values}
    for name, value in values.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=list(values))
    changed = {k: [old[k], values[k]] for k in values if old[k] != values[k]}
    audit_org_admin(
        actor, organisation, "organisation.update", "organisation", organisation.pk, changed
    )
    return organisation


def _founding_errors(name: str, sector: str, email: str, password: str | None, user) -> dict:
    errors: dict[str, list[str]] = {}
    longest = cast(int, Organisation._meta.get_field("name").max_length)  # a CharField
    if not name:
        errors["name"] = [_("Geef de organisatie een naam.")]
    elif len(name) > longest:
        errors["name"] = [_("De naam is te lang (hooguit %(n)s tekens).") % {"n": longest}]
    elif Organisation.objects.filter(name__iexact=name).exists():
        errors["name"] = [_("Er is al een organisatie met de naam %(name)s.") % {"name": name}]
    if sector not in Sector.values:
        errors["sector"] = [_("Kies een sector uit: %(s)s.") % {"s": ", ".join(Sector.values)}]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("%(email)s is geen geldig e-mailadres.") % {"email": email}]
    else:
        if (
            get_user_model()
            .objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
            .exists()
        ):
            errors["email"] = [_("Er is al een account met dit e-mailadres.")]
    if password is not None:
        try:
            validate_password(password, user=user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
    return errors


@transaction.atomic
def organisation_create(
    *,
    name: str,
    sector: str,
    admin_email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
):
    """A new organisation with its first functional administrator (from the command line, by
    the operator). Without a password the account gets none: the administrator chooses one
    through a set-password link. Two-factor enrolment follows at the first sign-in."""
    name, email = name.strip(), admin_email.strip().lower()
    user = get_user_model()(
        username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    errors = _founding_errors(name, sector, email, password, user)
    if errors:
        raise ValidationError(errors)
    organisation = Organisation.objects.create(name=name, sector=sector)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=Role.ORG_ADMIN)
    detail = {"sector": sector, "admin_user_id": user.pk, "password_set": password is not None}
    audit_organisation(None, organisation.pk, "organisation.create", purpose="cli", detail=detail)
    return organisation, user
