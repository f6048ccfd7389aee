"""What a reassessment changed: a field-by-field comparison of two versions of a risk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db import models

from deelwijzer.cases.models import Case
from deelwijzer.risks.models import CONTENT, CONTENT_FIELDS, Risk
from deelwijzer.risks.services import key_number

_EMPTY = {c.name: c.empty for c in CONTENT}


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
    """A field's value as the page shows it: a choice by its label, keys joined, and the
    declared wording when there is no value."""
    value = getattr(entry, name)
    choices = cast(models.Field, Risk._meta.get_field(name)).flatchoices
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, list):
        value = ", ".join(value)
    return str(value or _EMPTY[name])


def label(name: str) -> str:
    return str(cast(models.Field, Risk._meta.get_field(name)).verbose_name)


def changes_between(old: Risk, new: Risk) -> list[Change]:
    return [
        Change(name, label(name), shown(old, name), shown(new, name))
        for name in CONTENT_FIELDS
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
