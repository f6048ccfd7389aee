"""A user's active roles per organisation: what the access policy (``cases.access``) and the
organisation's own pages ask first. Here, below ``cases/``, so that ``organisations/`` needs
nothing from ``cases/``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from deelwijzer.organisations.models import Membership, Role


def memberships_of(user) -> dict[int, set[str]]:
    """The user's active roles per organisation: one query, then kept on the user object for
    the rest of the request (the access check and the menu both ask)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    found = user.__dict__.get("_deelwijzer_roles")
    if found is None:
        found = {}
        rows = Membership.objects.filter(user=user, active=True).values_list(
            "organisation_id", "role"
        )
        for organisation_id, role in rows:
            found.setdefault(organisation_id, set()).add(role)
        user.__dict__["_deelwijzer_roles"] = found
    return found


def roles_in(user, organisation_id: int) -> set[str]:
    """The active roles of a user in an organisation."""
    return memberships_of(user).get(organisation_id, set())


def has_role(user, organisation_id: int, role: str) -> bool:
    return role in roles_in(user, organisation_id)


def organisations_with_role(user, role: str) -> list[int]:
    return [org for org, roles in memberships_of(user).items() if role in roles]


# Roles of an audit event: the organisation's roles, and "team" for a professional on the
# case's team (cases.access).
ROLE_LABELS = {
    **{role.value: role.label for role in Role},
    "team": _("Teamlid (direct betrokken collega)"),
    "recipient": _("Ontvanger van een verstrekking (via de link, zonder account)"),
    "sender": _("Verzendende organisatie (overdracht)"),
    "receiver": _("Ontvangende organisatie (overdracht)"),
}


def role_label(code: str) -> str:
    if not code:
        return ""
    label = ROLE_LABELS.get(code)
    return str(label) if label is not None else code


def require_org_admin(actor, organisation) -> None:
    """Refuse (403) unless the actor is an org admin of this organisation."""
    if not has_role(actor, organisation.pk, Role.ORG_ADMIN):
        raise PermissionDenied
