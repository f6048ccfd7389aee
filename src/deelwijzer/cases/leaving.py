"""Leaving the organisation (#21): before a user is disabled, every case on whose team they
are goes to a colleague, chosen per case or all at once. A case is never left without a team:
where the leaver is the last member, a colleague must take it over.

The administrator acts here without access to the cases' content: the page shows a case's
pseudonym and status only, and the service touches the team, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.cases.lifecycle import record_change, team_join
from deelwijzer.cases.models import Case, CaseChange, TeamMember
from deelwijzer.organisations.models import Membership, Organisation, Role
from deelwijzer.organisations.roles import require_org_admin
from deelwijzer.organisations.services import user_set_active

LEAVE_REASON = "Vertrokken uit de organisatie; overgedragen door de functioneel beheerder."


@dataclass(frozen=True)
class LeaverCase:
    """A case of the leaver, as the administrator sees it: no content."""

    pk: int
    public_id: UUID
    pseudonym: str
    status: str
    role_on_team: str
    others: int  # how many others stay on the team

    @property
    def needs_colleague(self) -> bool:
        return self.others == 0


def leaver_cases(*, actor, organisation: Organisation, user_id: int) -> list[LeaverCase]:
    """The cases of this organisation on whose team the user is now."""
    require_org_admin(actor, organisation)
    rows = (
        TeamMember.objects.filter(user_id=user_id, case__organisation=organisation)
        .select_related("case")
        .order_by("case__pseudonym")
    )
    return [
        LeaverCase(
            pk=m.case_id,
            public_id=m.case.public_id,
            pseudonym=m.case.pseudonym,
            status=m.case.get_status_display(),
            role_on_team=m.role_on_team,
            others=TeamMember.objects.filter(case_id=m.case_id).exclude(user_id=user_id).count(),
        )
        for m in rows
    ]


def successors(organisation: Organisation, leaver_id: int) -> list[tuple[UUID, str]]:
    """(public id, name) of who can take a case over: the organisation's active
    professionals, the leaver excepted."""
    rows = (
        Membership.objects.filter(
            organisation=organisation, role=Role.PROFESSIONAL, active=True, user__is_active=True
        )
        .exclude(user_id=leaver_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    return [(m.user.public_id, m.user.display_name()) for m in rows]


def _hand_over(actor, case_id: int, leaver_id: int, to_user, role_on_team: str) -> None:
    case = Case.objects.select_for_update().get(pk=case_id)
    if not case.team.filter(user=to_user).exists():  # already on it: keeps their own role
        team_join(case, to_user, role_on_team)
    TeamMember.objects.filter(case=case, user_id=leaver_id).update(removed_at=timezone.now())
    _record(actor, case, CaseChange.Kind.HANDOVER, from_user_id=leaver_id, to_user_id=to_user.pk)


def _take_off(actor, case_id: int, leaver_id: int) -> None:
    case = Case.objects.select_for_update().get(pk=case_id)
    TeamMember.objects.filter(case=case, user_id=leaver_id).update(removed_at=timezone.now())
    _record(actor, case, CaseChange.Kind.TEAM_REMOVE, user_id=leaver_id)


def _record(actor, case: Case, kind: str, **ids) -> None:
    record_change(actor, case, kind, LEAVE_REASON, role=Role.ORG_ADMIN, leaving=True, **ids)


def _plan(cases: list[LeaverCase], choices: dict[int, int | None], allowed: Mapping[int, object]):
    """Check the choices: a colleague who may take cases, and none stranded. Returns
    [(case, user or None)]; raises one ValidationError naming every case refused."""
    plan, stranded, wrong = [], [], []
    for case in cases:
        to = choices.get(case.pk)
        if to is not None and to not in allowed:
            wrong.append(case.pseudonym)
        elif to is None and case.needs_colleague:
            stranded.append(case.pseudonym)
        else:
            plan.append((case, allowed.get(to) if to is not None else None))
    errors = []
    if stranded:
        errors.append(
            _(
                "Kies een collega voor %(cases)s: daar staat verder niemand in het team, en een "
                "casus blijft nooit zonder team achter."
            )
            % {"cases": ", ".join(stranded)}
        )
    if wrong:
        errors.append(
            _("Kies voor %(cases)s een actieve beroepskracht van je organisatie.")
            % {"cases": ", ".join(wrong)}
        )
    if errors:
        raise ValidationError({"handover": errors})
    return plan


@transaction.atomic
def user_leave(
    *, actor, organisation: Organisation, user_id: int, handovers: dict[int, int | None]
) -> int:
    """Disable a user who leaves: each of their cases goes to the colleague chosen for it
    (``handovers``: case key -> user key, or None to only take the leaver off a team that
    keeps others), then their access ends (every session and API token, at once). Nothing is
    saved if one case would be left without a team. Returns how many cases changed hands."""
    require_org_admin(actor, organisation)
    cases = leaver_cases(actor=actor, organisation=organisation, user_id=user_id)
    allowed = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            organisation=organisation, role=Role.PROFESSIONAL, active=True, user__is_active=True
        )
        .exclude(user_id=user_id)
        .select_related("user")
    }
    plan = _plan(cases, handovers, allowed)
    user_set_active(actor=actor, organisation=organisation, user_id=user_id, active=False)
    for case, to_user in plan:
        if to_user is None:
            _take_off(actor, case.pk, user_id)
        else:
            _hand_over(actor, case.pk, user_id, to_user, case.role_on_team)
    return sum(1 for _case, to_user in plan if to_user is not None)
