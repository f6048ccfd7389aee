"""Writes and audited reads of cases. The only code that changes a case's core records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseAccess, get_case, has_role
from deelwijzer.cases.models import Case, CaseStatus, Guardian, TeamMember, Youth
from deelwijzer.cases.pseudonyms import new_pseudonym
from deelwijzer.organisations.models import Membership, Organisation, Role


@dataclass(frozen=True)
class GuardianInput:
    name: str
    relation: str
    has_authority: bool = True


@dataclass(frozen=True)
class CaseInput:
    pseudonym: str
    name: str
    birth_date: date | None
    role_on_team: str
    identifiers: list[str] = field(default_factory=list)
    guardians: list[GuardianInput] = field(default_factory=list)


def case_input_errors(data: CaseInput) -> dict[str, list[str]]:
    """What is wrong with the input of a new case, per field (the form shows them all at once)."""
    errors: dict[str, list[str]] = {}
    pseudonym = data.pseudonym.strip()
    if not pseudonym:
        errors["pseudonym"] = [_("Vul een pseudoniem in, bijvoorbeeld J-7F3K.")]
    elif Case.objects.filter(pseudonym=pseudonym).exists():
        errors["pseudonym"] = [_("Dit pseudoniem is al in gebruik. Kies een ander.")]
    if not data.name.strip():
        errors["name"] = [_("Vul de naam van de jongere in.")]
    if data.birth_date is None:
        errors["birth_date"] = [
            _("Vul de geboortedatum in: de leeftijdsregels van stap 3 hangen ervan af.")
        ]
    elif data.birth_date > timezone.localdate():
        errors["birth_date"] = [_("De geboortedatum ligt in de toekomst. Controleer de datum.")]
    if not data.role_on_team.strip():
        errors["role_on_team"] = [_("Vul je eigen rol bij deze jongere in, bijvoorbeeld mentor.")]
    return errors


@transaction.atomic
def case_open(*, actor, organisation: Organisation, data: CaseInput) -> Case:
    """Open a case with the youth's identity; the actor becomes its first team member."""
    if not has_role(actor, organisation.pk, Role.PROFESSIONAL):
        raise PermissionDenied
    errors = case_input_errors(data)
    if errors:
        raise ValidationError(errors)
    case = Case.objects.create(
        organisation=organisation, pseudonym=data.pseudonym.strip(), opened_by=actor
    )
    Youth.objects.create(
        case=case,
        name=data.name.strip(),
        birth_date=data.birth_date,
        identifiers=[s.strip() for s in data.identifiers if s.strip()],
    )
    for guardian in data.guardians:
        Guardian.objects.create(
            case=case,
            name=guardian.name.strip(),
            relation=guardian.relation.strip() or _("ouder"),  # no relation given: a parent
            has_authority=guardian.has_authority,
        )
    TeamMember.objects.create(case=case, user=actor, role_on_team=data.role_on_team.strip())
    audit_record(
        actor=actor,
        action="case.open",
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        organisation_id=organisation.pk,
        role=Role.PROFESSIONAL,
        detail={"guardians": len(data.guardians), "identifiers": len(data.identifiers)},
    )
    return case


def suggest_pseudonym() -> str:
    for _attempt in range(20):
        candidate = new_pseudonym()
        if not Case.objects.filter(pseudonym=candidate).exists():
            return candidate
    raise RuntimeError("no free pseudonym found")


@transaction.atomic
def case_view(
    *, actor, case_id: int, need: str = "view", kept: bool = False
) -> tuple[Case, CaseAccess]:
    """Read a case (audited). Raises 404 when the actor has no part in it. ``kept``: see
    ``get_case``."""
    case, access = get_case(actor, case_id, need=need, kept=kept)
    case_view_record(actor=actor, case=case, access=access, need=need)
    return case, access


@transaction.atomic(savepoint=False)  # inside case_view's transaction: no savepoint of its own
def case_view_record(*, actor, case: Case, access: CaseAccess, need: str = "view") -> None:
    """Audit the read of a case the caller already has from ``get_case`` (a step page)."""
    if not getattr(access, need):
        raise Http404
    audit_record(
        actor=actor,
        action="case.view" if need != "identity" else "case.view_identity",
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=access.role,
    )


@transaction.atomic
def team_member_add(*, actor, case_id: int, user_id: int, role_on_team: str) -> TeamMember:
    case, access = get_case(actor, case_id, need="edit")
    colleague = (
        Membership.objects.filter(
            organisation_id=case.organisation_id,
            user_id=user_id,
            role=Role.PROFESSIONAL,
            active=True,
        )
        .select_related("user")
        .first()
    )
    if colleague is None:
        raise ValidationError({"user": [_("Kies een collega van je eigen organisatie.")]})
    if not role_on_team.strip():
        raise ValidationError({"role_on_team": [_("Vul de rol van deze collega in.")]})
    if case.team.filter(user_id=user_id).exists():
        raise ValidationError({"user": [_("Deze collega staat al in het team.")]})
    member = TeamMember.objects.create(
        case=case, user=colleague.user, role_on_team=role_on_team.strip()
    )
    audit_record(
        actor=actor,
        action="case.team_add",
        object_type="team_member",
        object_id=member.pk,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=access.role,
        detail={"user_id": user_id},
    )
    return member


@transaction.atomic
def case_close(*, actor, case_id: int, reason: str) -> Case:
    case, access = get_case(actor, case_id, need="edit")
    if not reason.strip():
        raise ValidationError({"reason": [_("Schrijf op waarom je de casus sluit.")]})
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"reason": [_("Deze casus is al gesloten.")]})
    case.status = CaseStatus.CLOSED
    case.closed_at = timezone.now()
    case.close_reason = reason.strip()
    case.save(update_fields=["status", "closed_at", "close_reason"])
    audit_record(
        actor=actor,
        action="case.close",
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=access.role,
        detail={"status": ["open", "closed"]},
    )
    return case
