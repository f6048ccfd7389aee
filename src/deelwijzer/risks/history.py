"""What a reassessment changed: a field-by-field comparison of two versions of a risk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db import models
from django.utils.translation import gettext as _

from deelwijzer.cases.models import Case
from deelwijzer.risks.models import AtRisk, Risk, Severity, Timing
from deelwijzer.risks.services import key_number

TRACKED = ("at_risk", "description", "severity", "timing", "based_on", "advice_key")
_LABELS = {
    "at_risk": AtRisk,
    "severity": Severity,
    "timing": Timing,
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class VersionRow:
    entry: Risk
    changes: list[Change] = field(default_factory=list)  # against the version before it


@dataclass
class RiskRow:
    current: Risk
    versions: list[VersionRow]  # newest first; versions[0].entry is current

    @property
    def key(self) -> str:
        return self.current.key

    @property
    def latest_changes(self) -> list[Change]:
        return self.versions[0].changes

    @property
    def earlier(self) -> list[VersionRow]:
        return self.versions[1:]


def shown(entry: Risk, name: str) -> str:
    """A field's value as the page shows it."""
    value = getattr(entry, name)
    if name in _LABELS:
        choices = _LABELS[name]
        return str(choices(value).label) if value in choices.values else value
    if name == "based_on":
        return ", ".join(value) or _("geen")
    if name == "advice_key":
        return value or _("geen advies")
    return str(value)


def label(name: str) -> str:
    return str(cast(models.Field, Risk._meta.get_field(name)).verbose_name)


def changes_between(old: Risk, new: Risk) -> list[Change]:
    return [
        Change(name, label(name), shown(old, name), shown(new, name))
        for name in TRACKED
        if getattr(old, name) != getattr(new, name)
    ]


def version_rows(versions: list[Risk]) -> list[VersionRow]:
    """Versions (oldest first in) as rows, newest first, each with what it changed."""
    rows = [VersionRow(versions[0])]
    for before, after in zip(versions, versions[1:], strict=False):
        rows.append(VersionRow(after, changes_between(before, after)))
    return rows[::-1]


def risk_rows(case: Case) -> list[RiskRow]:
    """Every risk of the case with its versions and their changes, in one query."""
    by_key: dict[str, list[Risk]] = {}
    for entry in Risk.objects.filter(case=case).select_related("recorded_by").order_by("version"):
        by_key.setdefault(entry.key, []).append(entry)
    return [
        RiskRow(current=by_key[key][-1], versions=version_rows(by_key[key]))
        for key in sorted(by_key, key=key_number)
    ]
