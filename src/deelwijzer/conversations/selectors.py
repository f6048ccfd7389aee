"""What the step 3 pages read: entries with their earlier versions, names resolved, and the
age rule that applies.

A fixed number of queries whatever the number of conversations: every version of every
conversation in one query, the team and the guardians once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from deelwijzer.attachments.selectors import live_by_entry
from deelwijzer.cases.models import Case
from deelwijzer.conversations.models import Conversation
from deelwijzer.procedure.conversation_checks import AgeRule, age_rule


@dataclass
class Shown:
    """The current version of an entry and its earlier versions (newest first)."""

    current: Any  # an entry of one of the step's models
    earlier: list = field(default_factory=list)
    files: list = field(default_factory=list)  # attachments still there (thumbnails)


@dataclass(frozen=True)
class People:
    team: list
    guardians: list

    @property
    def team_names(self) -> dict[int, str]:
        return {m.user_id: m.user.display_name() for m in self.team}

    @property
    def guardian_names(self) -> dict[int, str]:
        return {g.pk: f"{g.name} ({g.relation})" for g in self.guardians}

    @property
    def with_authority(self) -> list:
        return [g for g in self.guardians if g.has_authority]


def people(case: Case) -> People:
    return People(list(case.team.select_related("user")), list(case.guardians.all()))


def _grouped(rows) -> list[Shown]:
    by_key: dict[str, list] = defaultdict(list)
    for row in rows:
        by_key[row.key].append(row)
    shown = []
    for versions in by_key.values():
        versions.sort(key=lambda v: v.version, reverse=True)
        current = next((v for v in versions if v.is_current), versions[0])
        shown.append(Shown(current, [v for v in versions if v is not current]))
    return shown


def name_people(versions, who: People) -> None:
    """Give each version of a conversation the names of who held it and of the parents."""
    names, guardians = who.team_names, who.guardian_names
    for version in versions:
        version.held_by_names = [names.get(pk, _("oud-teamlid")) for pk in version.held_by]
        version.guardian_names = [guardians.get(pk, "?") for pk in version.guardian_ids]


def conversations(case: Case, who: People) -> list[Shown]:
    rows = Conversation.objects.filter(case=case).select_related("recorded_by")
    shown = _grouped(rows)
    files = live_by_entry(case, "conversation")
    for item in shown:
        item.files = files.get(item.current.key, [])
        name_people((item.current, *item.earlier), who)
    shown.sort(key=lambda s: (s.current.held_on, int(s.current.key[1:])))
    return shown


def _statements(model, case: Case) -> list[Shown]:
    rows = model.objects.filter(case=case).select_related("recorded_by", "withdrawn_by")
    shown = _grouped(rows)
    shown.sort(key=lambda s: (s.current.recorded_at, s.current.pk))
    return shown


def statement(model, case: Case) -> Shown | None:
    """The case's statement of this kind that stands, with its earlier versions (None: not
    recorded, or withdrawn)."""
    standing = [s for s in _statements(model, case) if s.current.withdrawn_at is None]
    return standing[-1] if standing else None


def withdrawn_statements(model, case: Case) -> list[Shown]:
    """The case's withdrawn statements of this kind, oldest first: who withdrew each, when and
    why is on its current version."""
    return [s for s in _statements(model, case) if s.current.withdrawn_at is not None]


def rule_for(case: Case, on: date) -> AgeRule:
    return age_rule(case.youth.birth_date, on)


def exceptions_that_apply(case: Case, rule: AgeRule, shown: list[Shown]) -> set[str]:
    """Which parent exceptions can apply: R3.2 for a conversation under 16, R3.3 for one at
    16 or over; judged on the date looked at and on every recorded conversation."""
    birth = case.youth.birth_date
    rules = {rule.rule} | {age_rule(birth, s.current.held_on).rule for s in shown}
    return rules
