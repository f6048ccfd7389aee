"""The one access policy: what may this user do with this case, and may they see who it is.

Every view, API endpoint and service asks here. A case the user has no part in is a 404,
so that its existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404

from deelwijzer.cases.models import Case, CaseChange, CaseStatus, TeamMember
from deelwijzer.organisations.models import Organisation, Role
from deelwijzer.organisations.roles import has_role as has_role
from deelwijzer.organisations.roles import memberships_of as memberships_of
from deelwijzer.organisations.roles import organisations_with_role, roles_in

# a case as callers name it: the integer key inside, the public id from URLs and the API (#17.15)
CaseRef = int | UUID


@dataclass(frozen=True)
class CaseAccess:
    view: bool = False  # read case content (steps, entries)
    edit: bool = False  # record entries for steps 1-4 and 6
    identity: bool = False  # see name, birth date and identifiers
    decide: bool = False  # take the step 5 decision (sign off)
    role: str = ""  # the role in which the user acts on this case
    closed: bool = False  # the case is closed: read-only for everyone
    reopen: bool = False  # may reopen it (the team, who could edit it were it open)

    @property
    def any(self) -> bool:
        return self.view


NO_ACCESS = CaseAccess()

# What a user asks for in order to change a case; a closed case refuses them all (CaseClosed).
WRITE_NEEDS = frozenset({"edit", "decide"})


class RemovedFromTeam(Http404):
    """A former team member asking for the case: a 404 as for anyone else off the team (the
    API answers it so), which the web shows as a page that says so, with what a post had typed
    (taken off the team while writing; cases.middleware)."""

    def __init__(self, case: Case, removed_at, change: CaseChange | None = None):
        super().__init__(f"no longer on the team of case {case.pk}")
        self.case = case
        self.removed_at = removed_at
        # how: taken off by a colleague (``changed_by``) or handed over (to ``about``)
        self.change = change


def _refused(user, case: Case) -> Http404:
    """The 404 for a user without the access asked for: a former team member's says so."""
    if getattr(user, "is_authenticated", False):
        former = TeamMember.everyone.filter(case=case, user=user, removed_at__isnull=False)
        removed_at = former.values_list("removed_at", flat=True).first()
        if removed_at is not None:
            return RemovedFromTeam(case, removed_at, _how_removed(user, case))
    return Http404()


def _how_removed(user, case: Case) -> CaseChange | None:
    """The change that took ``user`` off the team: a colleague's (who to ask) or their own
    handover (to whom). Names only; the reason, case content, is not read."""
    Kind = CaseChange.Kind
    return (
        CaseChange.objects.filter(case=case)
        .filter(Q(kind=Kind.TEAM_REMOVE, about=user) | Q(kind=Kind.HANDOVER, changed_by=user))
        .select_related("changed_by", "about")
        .defer("reason")
        .order_by("-changed_at", "-id")
        .first()
    )


class CaseClosed(Exception):
    """A write to a closed case. The web shows it as a 409 page and the API as a 409 problem,
    both with the reason and the way back (reopening, for the team)."""

    def __init__(self, case: Case):
        super().__init__(f"case {case.pk} is closed")
        self.case = case


def ensure_open(case: Case) -> None:
    """The one guard every write to a case passes through (``get_case`` for a write need)."""
    if case.status == CaseStatus.CLOSED:
        raise CaseClosed(case)


def is_on_team(user, case: Case) -> bool:
    known = getattr(case, "user_on_team", None)  # annotated by get_case
    if known is not None:
        return known
    return case.team.filter(user=user).exists()


def case_access(user, case: Case) -> CaseAccess:
    """What the user may do with the case as it is: a closed case only to read."""
    return _as_it_is(access_if_open(user, case), case)


def _as_it_is(access: CaseAccess, case: Case) -> CaseAccess:
    if case.status == CaseStatus.CLOSED and access.view:
        return replace(access, edit=False, decide=False, closed=True, reopen=access.edit)
    return access


def access_if_open(user, case: Case) -> CaseAccess:
    roles = roles_in(user, case.organisation_id)
    if Role.PROFESSIONAL in roles and is_on_team(user, case):
        decide = Role.DECISION_MAKER in roles
        return CaseAccess(view=True, edit=True, identity=True, decide=decide, role="team")
    if Role.DECISION_MAKER in roles and case.decision_maker_involved_at is not None:
        return CaseAccess(view=True, identity=True, decide=True, role=Role.DECISION_MAKER)
    return NO_ACCESS


# Whether the user is on the case's team, asked in the case's own query. Written out: Django
# builds an Exists() subquery anew on every request, which cost as much as the rest of the query.
_ON_TEAM_SQL = (
    'EXISTS (SELECT 1 FROM "{team}" WHERE "{team}"."case_id" = "{case}"."id"'
    ' AND "{team}"."user_id" = %s AND "{team}"."removed_at" IS NULL)'
)


def _on_team(user) -> RawSQL:
    sql = _ON_TEAM_SQL.format(team=TeamMember._meta.db_table, case=Case._meta.db_table)
    return RawSQL(sql, [user.pk], output_field=BooleanField())


def case_key(case_id: int | UUID | str, *, through: str = "") -> Q:
    """How to find a case: by the public id that URLs and the API carry (#17.15), or by the
    integer key that only code inside the app holds. A text that is no UUID finds nothing.
    ``through``: the path to the case from another model, e.g. ``"case__"``."""
    if isinstance(case_id, int) and not isinstance(case_id, bool):
        return Q(**{f"{through}pk": case_id})
    try:
        public = case_id if isinstance(case_id, UUID) else UUID(str(case_id))
    except ValueError:
        return Q(**{f"{through}pk__in": []})
    return Q(**{f"{through}public_id": public})


def get_case(
    user, case_id: int | UUID | str, *, need: str = "view", kept: bool = False
) -> tuple[Case, CaseAccess]:
    """The case and the user's access to it, or 404 when the user may not ``need`` it, or
    CaseClosed when ``need`` is a write and the case is closed.

    ``kept``: the kept case file and evaluation (cases.snapshots) come along in the same query,
    for a page that only reads; one that writes first must not use them afterwards.
    """
    # the youth comes along: nearly every caller builds the case file or shows the identity
    related = ("organisation", "youth", "snapshot") if kept else ("organisation", "youth")
    found = (
        Case.objects.select_related(*related)
        .annotate(user_on_team=_on_team(user))
        .filter(case_key(case_id))
        .order_by()  # one row by its key: no ORDER BY for .first() to compile
    )[:1]
    case = next(iter(found), None)
    if case is None:
        raise Http404
    access = access_if_open(user, case)
    if not getattr(access, need):
        raise _refused(user, case)
    if need in WRITE_NEEDS:
        ensure_open(case)
    return case, _as_it_is(access, case)


def cases_for(user):
    """The cases on whose team the user is, in organisations where they are a professional.
    The roles are the ones the request read already (``memberships_of``); one team row per
    case and user (``unique_team_member``), so no case comes twice."""
    return Case.objects.filter(
        team__user=user,
        team__removed_at__isnull=True,
        organisation_id__in=organisations_with_role(user, Role.PROFESSIONAL),
    ).select_related("organisation")


def open_case_ids_for(user) -> list[int]:
    """The ids of the open cases on whose team the user is (``cases_for``), read once and
    passed on as a list: as a subquery, the team join was compiled and planned again in every
    query that used it."""
    return list(cases_for(user).filter(status=CaseStatus.OPEN).values_list("pk", flat=True))


def organisation_for(user, role: str) -> Organisation:
    """The organisation in which the user holds ``role`` (the first, if several); 403 if none."""
    ids = organisations_with_role(user, role)
    if not ids:
        raise PermissionDenied
    return Organisation.objects.get(pk=sorted(ids)[0])


def active_roles(user) -> set[str]:
    """The user's active roles in any organisation (for the menu and its counts)."""
    return set().union(*memberships_of(user).values())
