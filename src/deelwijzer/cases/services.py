"""Writes and audited reads of cases. The only code that changes a case's core records."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseAccess, CaseRef, get_case, has_role
from deelwijzer.cases.identity import identity_errors, line_problems, list_problems
from deelwijzer.cases.lifecycle import (  # noqa: F401 (the writes this app offers)
    case_close,
    case_hand_over,
    case_reopen,
    team_join,
    team_member_remove,
)
from deelwijzer.cases.models import Case, Guardian, TeamMember, Youth
from deelwijzer.cases.pseudonyms import new_pseudonym, pseudonym_problems
from deelwijzer.organisations.models import Membership, Organisation, Role
from deelwijzer.procedure.limits import (
    GUARDIANS_MAX,
    IDENTIFIER_MAX,
    IDENTIFIERS_MAX,
    NAME_MAX,
    RELATION_MAX,
    ROLE_MAX,
)


@dataclass(frozen=True)
class GuardianInput:
    name: str
    relation: str
    has_authority: bool = True


@dataclass(frozen=True)
class CaseInput:
    """What opening a case needs. An empty ``pseudonym`` lets Deelwijzer make one."""

    pseudonym: str
    name: str
    birth_date: date | None
    role_on_team: str
    identifiers: list[str] = field(default_factory=list)
    guardians: list[GuardianInput] = field(default_factory=list)


def _pseudonym_problems(data: CaseInput, organisation: Organisation) -> list[str]:
    pseudonym = data.pseudonym.strip()
    problems = pseudonym_problems(
        pseudonym,
        name=data.name.strip(),
        birth_date=data.birth_date,
        guardians=[g.name.strip() for g in data.guardians],
        identifiers=[i.strip() for i in data.identifiers],
    )
    if not problems and _taken(organisation, pseudonym):
        problems = [str(PSEUDONYM_TAKEN)]
    return problems


PSEUDONYM_TAKEN = _l(
    "Je organisatie heeft al een casus met dit pseudoniem. Kies een ander, of laat het veld "
    "leeg: dan kiest Deelwijzer er een."
)


def _taken(organisation: Organisation, pseudonym: str) -> bool:
    return Case.objects.filter(organisation=organisation, pseudonym=pseudonym).exists()


def case_input_errors(data: CaseInput, organisation: Organisation) -> dict[str, list[str]]:
    """What is wrong with the input of a new case, per field (the form shows them all at once)."""
    errors: dict[str, list[str]] = {}
    if data.pseudonym.strip():
        errors["pseudonym"] = _pseudonym_problems(data, organisation)
    errors.update(identity_errors(data.name, data.birth_date))
    if not data.role_on_team.strip():
        errors["role_on_team"] = [_("Vul je eigen rol bij deze jongere in, bijvoorbeeld mentor.")]
    else:
        errors["role_on_team"] = line_problems(data.role_on_team.strip(), ROLE_MAX)
    errors["identifiers"] = list_problems(
        [i.strip() for i in data.identifiers if i.strip()], IDENTIFIERS_MAX, IDENTIFIER_MAX
    )
    errors["guardians"] = _guardian_problems(data.guardians)
    return {name: messages for name, messages in errors.items() if messages}


def _guardian_problems(guardians: list[GuardianInput]) -> list[str]:
    if len(guardians) > GUARDIANS_MAX:
        return [_("Hoogstens %(n)s ouders of verzorgers.") % {"n": GUARDIANS_MAX}]
    return [
        message
        for g in guardians
        for message in line_problems(g.name.strip(), NAME_MAX)
        + line_problems(g.relation.strip(), RELATION_MAX)
    ]


@transaction.atomic
def case_open(*, actor, organisation: Organisation, data: CaseInput) -> Case:
    """Open a case with the youth's identity; the actor becomes its first team member.

    Every path (the web form, the API, the case-file import, the demo) comes through here, so
    every path gets the same checks: the pseudonym (made by Deelwijzer when none is given,
    checked for identifiers when chosen, unique within the organisation), the lengths of
    ``procedure.limits`` and a plausible birth date.
    """
    if not has_role(actor, organisation.pk, Role.PROFESSIONAL):
        raise PermissionDenied
    errors = case_input_errors(data, organisation)
    if errors:
        raise ValidationError(errors)
    pseudonym = data.pseudonym.strip() or suggest_pseudonym(organisation, data)
    try:
        with transaction.atomic():  # a colleague took the same pseudonym a moment ago
            case = Case.objects.create(
                organisation=organisation, pseudonym=pseudonym, opened_by=actor
            )
    except IntegrityError:
        taken = _("Dit pseudoniem is net door een collega genomen. Verstuur opnieuw.")
        raise ValidationError({"pseudonym": [taken]}) from None
    Youth.objects.create(
        case=case,
        name=data.name.strip(),
        birth_date=cast(date, data.birth_date),  # case_input_errors refused an empty one
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
    detail = {
        "guardians": len(data.guardians),
        "identifiers": len(data.identifiers),
        "pseudonym": "chosen" if data.pseudonym.strip() else "generated",
    }
    audit_case(actor, case, "case.open", role=Role.PROFESSIONAL, detail=detail)
    return case


def suggest_pseudonym(organisation: Organisation, data: CaseInput) -> str:
    """A random pseudonym free in ``organisation`` and free of the identifiers in ``data`` (a
    random code could still spell a youth's initials)."""
    for _attempt in range(20):
        candidate = new_pseudonym()
        if not _pseudonym_problems(replace(data, pseudonym=candidate), organisation):
            return candidate
    raise RuntimeError("no free pseudonym found")


@transaction.atomic
def case_view(
    *, actor, case_id: CaseRef, need: str = "view", kept: bool = False
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
    audit_case(
        actor, case, "case.view" if need != "identity" else "case.view_identity", role=access.role
    )


@transaction.atomic
def team_member_add(*, actor, case_id: CaseRef, user_id: int, role_on_team: str) -> TeamMember:
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
    member = team_join(case, colleague.user, role_on_team.strip())
    audit_case(
        actor,
        case,
        "case.team_add",
        role=access.role,
        object_type="team_member",
        object_id=member.pk,
        detail={"user_id": user_id},
    )
    return member
