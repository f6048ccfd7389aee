"""Four eyes on role changes (issue #17.1; ASVS 5.0 V8.2.1 and V2.3.5, separation of duties).

Nobody changes their own roles, and any change to an administrator's roles (granting a role
that reaches case content to an administrator, or making someone an administrator) waits for
a second administrator: not the one who asked, not the one whose roles change. The
installation operator can grant a role from the command line (``deelwijzer grant-role``).
Every step is audited, the approval with who asked and who approved.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_organisation
from deelwijzer.operator import operator_account
from deelwijzer.organisations import transitions
from deelwijzer.organisations.models import Membership, Organisation, Role, RoleGrant


def needs_second_admin(*, actor, user_id: int, old: list[str], new: list[str]) -> bool:
    """A change to one's own roles, or to an administrator's (before or after), needs four eyes."""
    return actor.pk == user_id or Role.ORG_ADMIN in old or Role.ORG_ADMIN in new


def roles_apply(*, organisation: Organisation, user_id: int, roles: list[str]) -> None:
    """Make ``roles`` the user's active roles here (the caller checked access and audits)."""
    current = Membership.objects.filter(organisation=organisation, user_id=user_id)
    first = current.first()
    job_title = first.job_title if first is not None else ""
    current.exclude(role__in=roles).delete()
    for role in roles:
        Membership.objects.update_or_create(
            user_id=user_id,
            organisation=organisation,
            role=role,
            defaults={"active": True, "job_title": job_title},
        )


def _audit(actor, organisation: Organisation, action: str, grant: RoleGrant, **detail) -> None:
    detail = {
        "grant_id": grant.pk,
        "old": grant.old_roles,
        "new": grant.roles,
        "requested_by": grant.requested_by_id,
        **detail,
    }
    audit_organisation(
        actor,
        organisation.pk,
        action,
        object_type="user",
        object_id=grant.user_id,
        role=Role.ORG_ADMIN,
        detail=detail,
    )


def role_grant_request(
    *, actor, organisation: Organisation, user_id: int, old: list[str], roles: list[str]
) -> RoleGrant:
    """File the change for a second administrator (the caller checked the actor is an admin)."""
    if pending_for(organisation, user_id):
        raise ValidationError(
            {
                "roles": [
                    _(
                        "Voor deze gebruiker wacht al een rolwijziging op goedkeuring. Laat een "
                        "andere beheerder die eerst goedkeuren of afwijzen (Gebruikers)."
                    )
                ]
            }
        )
    grant = RoleGrant.objects.create(
        organisation=organisation, user_id=user_id, old_roles=old, roles=roles, requested_by=actor
    )
    _audit(actor, organisation, "role_grant.request", grant)
    return grant


def pending_for(organisation: Organisation, user_id: int) -> RoleGrant | None:
    """The change of the user's roles that waits for a second administrator, if any."""
    return RoleGrant.objects.filter(
        organisation=organisation, user_id=user_id, status=RoleGrant.Status.PENDING
    ).first()


def _withdraw_invitation(organisation: Organisation, grant: RoleGrant) -> None:
    """A rejected invitation of an administrator: the roles that never began go."""
    Membership.objects.filter(
        organisation=organisation, user_id=grant.user_id, active=False
    ).delete()
    if not Membership.objects.filter(user_id=grant.user_id, active=True).exists():
        get_user_model().objects.filter(pk=grant.user_id).update(is_active=False)


def _labels(roles: list[str]) -> list[str]:
    return [str(Role(r).label) if r in Role.values else r for r in roles]


def _admins(organisation: Organisation) -> set[int]:
    """The active administrators of the organisation whose accounts are active."""
    return set(
        Membership.objects.filter(
            organisation=organisation, role=Role.ORG_ADMIN, active=True, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def has_decider(grant: RoleGrant, admins: set[int]) -> bool:
    """Whether an administrator is left who may decide on the change: neither the one who
    asked for it nor the one whose roles change."""
    return bool(admins - {grant.requested_by_id, grant.user_id})


def nobody_to_decide(organisation: Organisation, grant: RoleGrant) -> bool:
    return not has_decider(grant, _admins(organisation))


# What an administrator alone in the organisation can do: the operator gives the role.
NO_SECOND_ADMIN = _l(
    "Je organisatie heeft geen andere functioneel beheerder die dit kan goedkeuren. Vraag de "
    "technisch beheerder van Deelwijzer (wie de installatie beheert) om de rol te geven; "
    "ook dat komt in de audittrail."
)


def pending_grants(organisation: Organisation) -> list[RoleGrant]:
    """The changes that wait for a second administrator, with the roles in Dutch and whether
    anyone is left to decide on each (``no_decider``)."""
    found = list(
        RoleGrant.objects.filter(organisation=organisation, status=RoleGrant.Status.PENDING)
        .select_related("user", "requested_by")
        .order_by("requested_at")
    )
    admins = _admins(organisation) if found else set()
    for grant in found:
        grant.old_labels, grant.new_labels = _labels(grant.old_roles), _labels(grant.roles)
        grant.no_decider = not has_decider(grant, admins)
    return found


def _pending_grant(organisation: Organisation, grant_id: int, to_status: str) -> RoleGrant:
    rows = RoleGrant.objects.select_for_update().filter(pk=grant_id, organisation=organisation)
    grant = rows.first()
    if grant is None:
        raise ValidationError(str(transitions.DECIDED))
    transitions.ensure_transition(grant, to_status)
    return grant


@transaction.atomic
def role_grant_decide(*, actor, organisation: Organisation, grant_id: int, approve: bool):
    """A second administrator approves (the roles are applied) or rejects a pending change."""
    from deelwijzer.organisations.services import require_org_admin

    require_org_admin(actor, organisation)
    status = RoleGrant.Status.APPROVED if approve else RoleGrant.Status.REJECTED
    grant = _pending_grant(organisation, grant_id, status)
    if actor.pk in {grant.requested_by_id, grant.user_id}:
        raise ValidationError(
            _(
                "Een andere beheerder moet deze wijziging beoordelen: je eigen aanvraag of een "
                "wijziging van je eigen rollen keur je niet zelf goed of af (vier ogen)."
            )
        )
    if approve:
        roles_apply(organisation=organisation, user_id=grant.user_id, roles=grant.roles)
    elif not grant.old_roles:
        _withdraw_invitation(organisation, grant)
    grant.status = status
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    action = "role_grant.approve" if approve else "role_grant.reject"
    _audit(actor, organisation, action, grant, decided_by=actor.pk)
    return grant


def _operator_organisation(user, username: str, organisation_name: str | None):
    own = list(Organisation.objects.filter(memberships__user=user).distinct().order_by("name"))
    names = ", ".join(f"'{o.name}'" for o in own)
    if not own:
        raise ValidationError(_("%(u)s hoort bij geen organisatie.") % {"u": username})
    if organisation_name:
        wanted = organisation_name.strip().casefold()
        found = [o for o in own if o.name.casefold() == wanted]
        if not found:  # the operator walk: it said to use the option that was used
            raise ValidationError(
                _("%(u)s hoort niet bij een organisatie '%(o)s'; wel bij: %(n)s.")
                % {"u": username, "o": organisation_name, "n": names}
            )
        return found[0]
    if len(own) > 1:
        raise ValidationError(
            _("%(u)s hoort bij meer organisaties (%(n)s); noem er één met --organisation.")
            % {"u": username, "n": names}
        )
    return own[0]


@transaction.atomic
def role_grant_by_operator(
    *, username: str, role: str, reason: str, organisation_name: str | None = None
) -> RoleGrant:
    """The installation operator grants a role from the command line (no second admin)."""
    problems = []
    if role not in Role.values:
        problems.append(_("Kies een rol uit: %(r)s.") % {"r": ", ".join(Role.values)})
    user = operator_account(username, reason, problems)
    organisation = _operator_organisation(user, username, organisation_name)
    old = sorted(
        Membership.objects.filter(organisation=organisation, user=user, active=True).values_list(
            "role", flat=True
        )
    )
    roles = sorted({*old, role})
    roles_apply(organisation=organisation, user_id=user.pk, roles=roles)
    waiting = RoleGrant.objects.filter(
        organisation=organisation, user=user, status=RoleGrant.Status.PENDING
    )
    closed = list(waiting.values_list("pk", flat=True))  # the operator's grant replaces them
    waiting.update(status=RoleGrant.Status.REJECTED, decided_at=timezone.now())
    grant = RoleGrant.objects.create(
        organisation=organisation,
        user=user,
        old_roles=old,
        roles=roles,
        requested_by=None,
        reason=reason.strip()[:500],
        status=RoleGrant.Status.APPROVED,
        decided_at=timezone.now(),
    )
    detail = {
        "grant_id": grant.pk,
        "old": old,
        "new": roles,
        "approved_by": "operator",
        "reason": reason.strip(),
        "closed_pending": closed,
    }
    audit_organisation(
        None,
        organisation.pk,
        "role_grant.operator",
        object_type="user",
        object_id=user.pk,
        purpose="cli",
        detail=detail,
    )
    return grant
