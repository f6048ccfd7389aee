"""Correcting the youth's and the parents' data, in versions (who, when, why).

``Youth`` and ``Guardian`` hold the newest data, so everything that reads them (the age rules,
the pseudonymiser, the documents) uses the correction at once; ``IdentityVersion`` keeps every
version, encrypted like the rows themselves. The audit event of a correction moves the case's
revision on, so the kept evaluation is built again (cases.snapshots). A parent keeps their id
(conversations refer to it); a correction can add a parent, not remove one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import CORRECTION_NOTE_MISSING, Correction, changed_meanwhile
from deelwijzer.cases.models import Case, Guardian, IdentityVersion
from deelwijzer.inputs import hidden_characters
from deelwijzer.procedure.limits import (
    AGE_MAX_YEARS,
    AGE_MIN_YEARS,
    GUARDIANS_MAX,
    IDENTIFIER_MAX,
    IDENTIFIERS_MAX,
    NAME_MAX,
)


@dataclass(frozen=True)
class GuardianData:
    id: int | None  # None: a parent not known before
    name: str
    relation: str = ""
    has_authority: bool = True


@dataclass(frozen=True)
class IdentityInput:
    name: str
    birth_date: date | None
    identifiers: list[str] = field(default_factory=list)
    guardians: list[GuardianData] = field(default_factory=list)


def age_on(birth_date: date, day: date) -> int:
    """Whole years between ``birth_date`` and ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def line_problems(value: str, limit: int) -> list[str]:
    """What is wrong with a name or a line: too long, or an invisible control character in it
    (the API's input and the case file's reach the service without a form's checks)."""
    problems = []
    if len(value) > limit:
        problems.append(
            _("Dit is %(n)s tekens lang; hoogstens %(limit)s past. Kort het in.")
            % {"n": len(value), "limit": limit}
        )
    if hidden := hidden_characters(value):
        problems.append(hidden)
    return problems


def birth_date_problems(birth_date: date | None, opened_on: date) -> list[str]:
    """A youth-domain case: the youth is AGE_MIN_YEARS to AGE_MAX_YEARS old when it opens."""
    if birth_date is None:
        return [_("Vul de geboortedatum in: de leeftijdsregels van stap 3 hangen ervan af.")]
    if birth_date > opened_on:
        return [_("De geboortedatum ligt in de toekomst. Controleer de datum.")]
    age = age_on(birth_date, opened_on)
    if AGE_MIN_YEARS <= age <= AGE_MAX_YEARS:
        return []
    return [
        _(
            "Met deze geboortedatum is de jongere nu %(age)s jaar. Deelwijzer is voor jongeren "
            "van %(min)s tot en met %(max)s jaar, en stap 3 rekent met de leeftijd: controleer "
            "de datum."
        )
        % {"age": age, "min": AGE_MIN_YEARS, "max": AGE_MAX_YEARS}
    ]


def identity_errors(
    name: str, birth_date: date | None, opened_on: date | None = None
) -> dict[str, list[str]]:
    """The checks on the youth's name and birth date, when opening a case and correcting it
    (``opened_on``: the day the case opened; today for a new case)."""
    errors = {
        "name": line_problems(name.strip(), NAME_MAX)
        if name.strip()
        else [_("Vul de naam van de jongere in.")],
        "birth_date": birth_date_problems(birth_date, opened_on or timezone.localdate()),
    }
    return {field: messages for field, messages in errors.items() if messages}


def _guardian_errors(case: Case, guardians: list[GuardianData]) -> dict[str, list[str]]:
    known = set(case.guardians.values_list("pk", flat=True))
    given = [g.id for g in guardians if g.id is not None]
    if not set(given) <= known or len(given) != len(set(given)):
        return {"guardians": [_("Kies alleen ouders die bij deze casus horen, elk één keer.")]}
    texts = [text for g in guardians for text in (g.name, g.relation)]
    if hidden := next((found for text in texts if (found := hidden_characters(text))), ""):
        return {"guardians": [hidden]}
    if any(not g.name.strip() for g in guardians if g.id is not None):
        return {
            "guardians": [
                _(
                    "Vul bij elke ouder een naam in. Een ouder weghalen kan niet: gesprekken "
                    "verwijzen ernaar. Zet 'heeft gezag' uit als dat niet (meer) zo is."
                )
            ]
        }
    return {}


def list_problems(items: list[str], count: int, length: int) -> list[str]:
    """Too many listed identifiers, one too long, or one with a hidden character."""
    if len(items) > count:
        found = {"n": count, "found": len(items)}
        return [_("Hoogstens %(n)s gegevens; nu zijn het er %(found)s.") % found]
    return [
        _("Elk gegeven is hoogstens %(n)s tekens lang: ‘%(start)s…’ is langer.")
        % {"n": length, "start": item[:20]}
        for item in items
        if len(item) > length
    ] + [hidden for item in items if (hidden := hidden_characters(item))][:1]


def _counts_errors(case: Case, data: IdentityInput) -> dict[str, list[str]]:
    """The limits a new case has, for the data as corrected (the API walk: a correction took
    31 identifiers and 11 parents, and the case's own case file no longer imported)."""
    errors: dict[str, list[str]] = {}
    identifiers = [s.strip() for s in data.identifiers if s.strip()]
    if found := list_problems(identifiers, IDENTIFIERS_MAX, IDENTIFIER_MAX):
        errors["identifiers"] = found
    known = set(case.guardians.values_list("pk", flat=True))
    added = [g for g in data.guardians if g.id is None and g.name.strip()]
    if len(known) + len(added) > GUARDIANS_MAX:
        errors["guardians"] = [_("Hoogstens %(n)s ouders of verzorgers.") % {"n": GUARDIANS_MAX}]
    return errors


def _state(case: Case) -> dict:
    youth = case.youth
    return {
        "name": youth.name,
        "birth_date": youth.birth_date,
        "identifiers": list(youth.identifiers),
        "guardians": [
            {"id": g.pk, "name": g.name, "relation": g.relation, "has_authority": g.has_authority}
            for g in case.guardians.order_by("pk")
        ],
    }


def identity_versions(case: Case) -> list[IdentityVersion]:
    return list(case.identity_versions.select_related("recorded_by"))


def current_version(case: Case) -> int:
    """The number of the data as they are now: 1 until the first correction."""
    last = case.identity_versions.order_by("-version").values_list("version", flat=True).first()
    return last or 1


def _keep(case: Case, version: int, state: dict, actor, at, note: str) -> IdentityVersion:
    return IdentityVersion.objects.create(
        case=case, version=version, recorded_by=actor, recorded_at=at, correction_note=note,
        **state,
    )  # fmt: skip


def _apply(case: Case, data: IdentityInput) -> None:
    youth = case.youth
    youth.name = data.name.strip()
    youth.birth_date = data.birth_date
    youth.identifiers = [s.strip() for s in data.identifiers if s.strip()]
    youth.save(update_fields=["name", "birth_date", "identifiers"])
    rows = {g.pk: g for g in case.guardians.all()}
    for given in data.guardians:
        if given.id is None and not given.name.strip():
            continue  # an empty line for a new parent: nothing to add
        row = (rows.get(given.id) if given.id is not None else None) or Guardian(case=case)
        row.name = given.name.strip()
        row.relation = given.relation.strip() or _("ouder")
        row.has_authority = given.has_authority
        row.save()


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])


@transaction.atomic
def case_identity_correct(
    *, actor, case_id: CaseRef, data: IdentityInput, correction: Correction
) -> IdentityVersion:
    """Correct the youth's and the parents' data: a new version, the case evaluated anew."""
    case, access = get_case(actor, case_id, need="edit")  # identity comes with edit
    Case.objects.select_for_update().filter(pk=case.pk).first()
    version = current_version(case)
    if version != correction.expected_version:
        raise changed_meanwhile()
    errors = identity_errors(
        data.name, data.birth_date, timezone.localtime(case.opened_at).date()
    ) | _guardian_errors(case, data.guardians)
    errors = _counts_errors(case, data) | errors
    note = correction.note.strip()
    if not note:
        errors["correction_note"] = [str(CORRECTION_NOTE_MISSING)]
    if errors:
        raise ValidationError(errors)
    before = _state(case)
    if version == 1:  # the data as the case was opened become version 1
        _keep(case, 1, before, case.opened_by, case.opened_at, "")
    _apply(case, data)
    after = _state(case)
    kept = _keep(case, version + 1, after, actor, timezone.now(), note)
    detail = {"version": kept.version, "changed": _changed(before, after)}
    kind = "identity_version"
    audit_case(
        actor,
        case,
        "case.identity_correct",
        role=access.role,
        object_type=kind,
        object_id=kept.pk,
        detail=detail,
    )
    return kept
