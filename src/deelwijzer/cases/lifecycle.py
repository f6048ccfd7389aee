"""A case's life: closing, reopening, and who is on its team (removal, handover).

Closing makes the case read-only everywhere (cases.access.ensure_open); reopening is the only
write a closed case takes. Each change is kept as a ``CaseChange`` (who, when, why; the reason
encrypted) and audited in the same transaction, the audit event holding ids only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseAccess, CaseRef, get_case
from deelwijzer.cases.models import Case, CaseChange, CaseStatus, TeamMember
from deelwijzer.cases.transitions import ensure_transition
from deelwijzer.organisations.models import Membership, Role


def _record(actor, case: Case, access: CaseAccess, kind: str, reason: str, **ids) -> None:
    record_change(actor, case, kind, reason, role=access.role, **ids)


def record_change(actor, case: Case, kind: str, reason: str, *, role: str, **ids) -> None:
    """Keep the change with its reason, and audit it (ids only) in the same transaction."""
    about = ids.get("user_id") or ids.get("to_user_id")
    change = CaseChange.objects.create(
        case=case, kind=kind, reason=reason, changed_by=actor, about_id=about
    )
    audit_case(
        actor,
        case,
        f"case.{kind}",
        object_type="case_change",
        object_id=change.pk,
        role=role,
        detail=ids,
    )


def _reason(reason: str, message: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": [message]})
    return reason.strip()


def _locked(case: Case) -> None:
    """Serialise changes of the case's status and team with each other."""
    Case.objects.select_for_update().filter(pk=case.pk).first()


@transaction.atomic
def case_close(*, actor, case_id: CaseRef, reason: str) -> Case:
    """Close the case (team only). From then on nothing can be added or changed."""
    case, access = get_case(actor, case_id, need="edit")  # CaseClosed if closed already
    ensure_transition(case, CaseStatus.CLOSED)
    reason = _reason(reason, _("Schrijf op waarom je de casus sluit."))
    _locked(case)
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.close_reason = reason
    case.save(update_fields=["status", "closed_at", "close_reason"])
    _record(actor, case, access, CaseChange.Kind.CLOSE, reason, status=["open", "closed"])
    return case


@transaction.atomic
def case_reopen(*, actor, case_id: CaseRef, reason: str) -> Case:
    """Reopen a closed case (team only), so that the team can work on it again."""
    case, access = get_case(actor, case_id, need="view")
    ensure_transition(case, CaseStatus.OPEN)
    if not access.reopen:
        raise PermissionDenied(_("Alleen het team van de casus kan hem heropenen."))
    reason = _reason(reason, _("Schrijf op waarom je de casus heropent."))
    _locked(case)
    case.status = CaseStatus.OPEN
    case.closed_at = None  # the retention period runs from the next closing (cases.retention)
    case.close_reason = ""
    case.save(update_fields=["status", "closed_at", "close_reason"])
    _record(actor, case, access, CaseChange.Kind.REOPEN, reason, status=["closed", "open"])
    return case


def team_join(case: Case, user, role_on_team: str) -> TeamMember:
    """Put ``user`` on the team (back on it, if they were on it before) with this role."""
    member, _created = TeamMember.everyone.update_or_create(
        case=case, user=user, defaults={"role_on_team": role_on_team, "removed_at": None}
    )
    return member


def _take_off(member: TeamMember) -> None:
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])


def _member(case: Case, user_id: int) -> TeamMember:
    member = case.team.filter(user_id=user_id).select_related("user").first()
    if member is None:
        raise ValidationError({"user": [_("Deze persoon staat niet in het team van de casus.")]})
    return member


@transaction.atomic
def team_member_remove(*, actor, case_id: CaseRef, user_id: int, reason: str) -> None:
    """Take a colleague off the team; they lose access to the case at once. The team is never
    left empty: hand the case over instead (``case_hand_over``)."""
    case, access = get_case(actor, case_id, need="edit")
    _locked(case)
    member = _member(case, user_id)
    reason = _reason(reason, _("Schrijf op waarom deze collega uit het team gaat."))
    if case.team.count() == 1:
        raise ValidationError(
            {"user": [_("Dit is het laatste teamlid. Draag de casus eerst over aan een collega.")]}
        )
    _take_off(member)
    _record(actor, case, access, CaseChange.Kind.TEAM_REMOVE, reason, user_id=user_id)


def _colleague(case: Case, user_id: int | None):
    found = (
        Membership.objects.filter(
            organisation_id=case.organisation_id, user_id=user_id, role=Role.PROFESSIONAL
        )
        .filter(active=True, user__is_active=True)
        .select_related("user")
        .first()
        if user_id is not None
        else None
    )
    if found is None:
        raise ValidationError({"user": [_("Kies een collega van je eigen organisatie.")]})
    return found.user


@transaction.atomic
def case_hand_over(
    *, actor, case_id: CaseRef, user_id: int | None, role_on_team: str, reason: str
) -> TeamMember:
    """Hand the case over to a colleague (a mentor who leaves): the colleague joins the team
    with the actor's role, and the actor leaves it and loses access."""
    case, access = get_case(actor, case_id, need="edit")
    _locked(case)
    errors = {}
    try:
        colleague = _colleague(case, user_id)
        if colleague.pk == actor.pk:
            raise ValidationError({"user": [_("Kies een andere collega dan jezelf.")]})
    except ValidationError as error:
        errors.update(error.message_dict)
    if not role_on_team.strip():
        errors["role_on_team"] = [_("Vul de rol van de collega bij deze jongere in.")]
    if not reason.strip():
        errors["reason"] = [_("Schrijf op waarom je de casus overdraagt.")]
    if errors:
        raise ValidationError(errors)
    own = _member(case, actor.pk)
    member = team_join(case, colleague, role_on_team.strip())
    _take_off(own)
    ids = {"from_user_id": actor.pk, "to_user_id": colleague.pk}
    _record(actor, case, access, CaseChange.Kind.HANDOVER, reason.strip(), **ids)
    return member
