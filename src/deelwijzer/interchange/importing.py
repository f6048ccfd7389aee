"""Importing a case file (``deelwijzer-casefile/1``): a valid file opens a new case.

The file is validated first (schema and meaning, ``procedure.validation``); every problem is
reported, none is fixed silently. Then each part goes through the same service the web app
uses, in one transaction, so every refusal the app would give is a problem too, named by its
JSON path. If anything is refused, nothing is kept. The step apps' parts go through the
sections they register (``interchange.registry``), in step order.

What is imported: the young person, the parents, step 1 (signals, the R1.5 statement,
opinions with their follow-up notes, diagnoses) and step 4 (risks). What is not: advice,
conversations and their statements, the decision and disclosures. Those record acts of other
people (an adviser, the decision maker, a recipient) that must happen in Deelwijzer to be
accounted for; the result says how many were left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import has_role
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import PSEUDONYM_TAKEN, CaseInput, GuardianInput, case_open
from deelwijzer.inputs import hidden_characters
from deelwijzer.interchange.registry import ImportStep, sections
from deelwijzer.organisations.models import Organisation, Role
from deelwijzer.procedure.casefile import CaseFileError
from deelwijzer.procedure.limits import NAME_MAX, PSEUDONYM_MAX, RELATION_MAX, ROLE_MAX, TEXT_MAX
from deelwijzer.procedure.validation import validate_casefile

NOT_IMPORTED = (
    "advice",
    "conversations",
    "conversation_skipped",
    "guardians_not_involved",
    "guardians_without_consent",
    "decision",
    "disclosures",
)


@dataclass
class ImportResult:
    case: Case
    imported: dict[str, int] = field(default_factory=dict)
    not_imported: dict[str, int] = field(default_factory=dict)


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, path: str, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                where = path if name == "__all__" else f"{path} ({name})"
                self.lines.extend(f"{where}: {message}" for message in messages)
        else:
            self.lines.extend(f"{path}: {message}" for message in error.messages)


def _text_problems(value: Any, path: str = "$") -> list[str]:
    """Strings the database cannot hold (NUL, lone surrogates) or no page can show (the other
    control characters, which every form and the API refuse), with their path."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _text_problems(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _text_problems(v, f"{path}[{i}]")]
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return [f"{path}: " + _("bevat tekens die geen geldige tekst zijn.")]
        if refused := hidden_characters(value):  # a NUL, a bell: what no form lets through
            return [f"{path}: {refused}"]
    return []


def _get(data: Any, *path: Any) -> Any:
    for step in path:
        if isinstance(step, int):
            data = data[step] if isinstance(data, list) and step < len(data) else None
        else:
            data = data.get(step) if isinstance(data, dict) else None
    return data


def _items(data: Any, group: str) -> list:
    value = _get(data, group)
    return value if isinstance(value, list) else []


def _length_problems(data: Any) -> list[str]:
    """Texts longer than ``procedure.limits`` allows (the schema sets no length): the short
    fields by name, every other text against ``TEXT_MAX``."""
    limits = [("$.youth.pseudonym", _get(data, "youth", "pseudonym"), PSEUDONYM_MAX),
              ("$.youth.name", _get(data, "youth", "name"), NAME_MAX)]  # fmt: skip
    for i, _g in enumerate(_items(data, "guardians")):
        limits.append((f"$.guardians[{i}].name", _get(data, "guardians", i, "name"), NAME_MAX))
        relation = _get(data, "guardians", i, "relation")
        limits.append((f"$.guardians[{i}].relation", relation, RELATION_MAX))
    for i, _t in enumerate(_items(data, "team")):
        limits.append((f"$.team[{i}].role", _get(data, "team", i, "role"), ROLE_MAX))
    for i, _s in enumerate(_items(data, "signals")):
        for name in ("name", "role"):
            value = _get(data, "signals", i, "source", name)
            limits.append((f"$.signals[{i}].source.{name}", value, NAME_MAX))
    for i, _d in enumerate(_items(data, "diagnoses")):
        for name in ("name", "role"):
            value = _get(data, "diagnoses", i, "established_by", name)
            limits.append((f"$.diagnoses[{i}].established_by.{name}", value, NAME_MAX))
    named = {path for path, _value, _limit in limits}
    limits += [(path, value, TEXT_MAX) for path, value in _strings(data) if path not in named]
    return [
        f"{path}: "
        + _("te lang: %(found)s tekens, hoogstens %(n)s.") % {"n": limit, "found": len(value)}
        for path, value, limit in limits
        if isinstance(value, str) and len(value) > limit
    ]


def _strings(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def _role_on_team(actor, data: dict, given: str) -> str:
    if given.strip():
        return given
    name = actor.display_name()
    for member in data.get("team") or []:
        if member.get("name") == name and member.get("role"):
            return member["role"]
    return ""


def _open(
    actor, organisation, data: dict, role: str, problems: _Problems, own_pseudonym: bool
) -> Case | None:
    youth = data["youth"]
    case_input = CaseInput(
        pseudonym="" if own_pseudonym else youth["pseudonym"],  # "": one of its own
        name=youth.get("name") or "",
        birth_date=date.fromisoformat(youth["birth_date"]),
        role_on_team=role,
        identifiers=list(youth.get("identifiers") or []),
        guardians=[
            GuardianInput(g.get("name") or "", g.get("relation") or "", g["has_authority"])
            for g in data.get("guardians") or []
        ],
    )
    try:
        return case_open(actor=actor, organisation=organisation, data=case_input)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                if message == str(PSEUDONYM_TAKEN):  # no field to leave empty in a file
                    message = _(
                        "Je organisatie heeft al een casus met dit pseudoniem. Zet een ander "
                        "pseudoniem in het bestand (youth.pseudonym)."
                    )
                problems.lines.append(f"{OPEN_PATHS.get(name, f'$.youth ({name})')}: {message}")
        return None


# Where a refusal of opening the case points: in the file, or (the importer's own role, not
# in the file) at the query parameter beside it
OPEN_PATHS = {
    "pseudonym": "$.youth.pseudonym",
    "name": "$.youth.name",
    "birth_date": "$.youth.birth_date",
    "identifiers": "$.youth.identifiers",
    "guardians": "$.guardians",
    "role_on_team": "role_on_team",
    "__all__": "$.youth",
}


@transaction.atomic
def casefile_import(
    *,
    actor,
    organisation: Organisation,
    data: Any,
    role_on_team: str = "",
    own_pseudonym: bool = False,
) -> ImportResult:
    """Open a case from a case file. Raises ``CaseFileError`` with every problem.
    ``own_pseudonym``: the new case gets a pseudonym of its own instead of the file's (a
    transfer: the receiver's case is not named as the sender's)."""
    if not has_role(actor, organisation.pk, Role.PROFESSIONAL):
        raise PermissionDenied
    problems = _Problems()
    problems.lines = _text_problems(data) or validate_casefile(data) + _length_problems(data)
    if problems.lines:
        raise CaseFileError(problems.lines)
    role = _role_on_team(actor, data, role_on_team)
    case = _open(actor, organisation, data, role, problems, own_pseudonym)
    if case is None:
        raise CaseFileError(problems.lines)
    result = ImportResult(case=case)
    step = ImportStep(actor=actor, case=case, data=data, problems=problems)
    for section in sections():
        if section.import_ is not None:
            section.import_(step)
    result.imported = step.imported
    if problems.lines:
        raise CaseFileError(problems.lines)  # rolls the whole import back
    result.not_imported = _left_out(data)
    detail = {"imported": result.imported, "not_imported": result.not_imported}
    audit_case(actor, case, "case.import", role=Role.PROFESSIONAL, detail=detail)
    return result


def _left_out(data: dict) -> dict[str, int]:
    counts = {}
    for part in NOT_IMPORTED:
        value = data.get(part)
        count = len(value) if isinstance(value, list) else int(value is not None)
        if count:
            counts[part] = count
    return counts
