"""Step 4 writes and audited reads. Keyword-only; access and audit through cases.entries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from deelwijzer.advice.models import AdviceRequest, RequestStatus
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import Correction, entry_correct, entry_create
from deelwijzer.cases.models import Case
from deelwijzer.risks.models import CONTENT_FIELDS, AtRisk, Risk, Severity, Timing
from deelwijzer.signalling.models import Signal


@dataclass(frozen=True)
class RiskInput:
    at_risk: str
    description: str
    severity: str
    timing: str
    based_on: list[str] = field(default_factory=list)
    advice_key: str = ""


def _value(values: Mapping, name: str) -> Any:
    if isinstance(Risk._meta.get_field(name), models.JSONField):
        return list(values.get(name) or [])
    return values.get(name) or ""


def risk_input(values: Mapping) -> RiskInput:
    """A ``RiskInput`` from any mapping of the content fields (a form's cleaned data, an API
    payload, a case-file item): what is missing or empty becomes empty."""
    return RiskInput(**{name: _value(values, name) for name in CONTENT_FIELDS})


def key_number(key: str) -> int:
    digits = "".join(ch for ch in key if ch.isdigit())
    return int(digits) if digits else 0


def signal_keys(case: Case) -> set[str]:
    """Keys of the case's signals and contra-signals (a key outlives its corrections)."""
    return set(Signal.objects.filter(case=case, is_current=True).values_list("key", flat=True))


def advice_keys(case: Case) -> set[str]:
    """Keys of the advice requests that are part of the case file (sent or answered)."""
    rows = AdviceRequest.objects.filter(
        case=case, is_current=True, status__in=(RequestStatus.SENT, RequestStatus.ANSWERED)
    )
    return set(rows.values_list("key", flat=True))


def _choice_errors(data: RiskInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.at_risk not in AtRisk.values:
        errors["at_risk"] = [_("Stap 4 (R4.2): kies voor wie of wat dit een risico is.")]
    if not data.description.strip():
        errors["description"] = [
            _("Stap 4 (R4.1): beschrijf het risico concreet: wat kan er gebeuren, en met wie?")
        ]
    if data.severity not in Severity.values:
        errors["severity"] = [_("Stap 4 (R4.1): kies hoe ernstig het risico is.")]
    if data.timing not in Timing.values:
        errors["timing"] = [
            _("Stap 4 (R4.1): kies of het risico op korte termijn of later speelt.")
        ]
    return errors


def risk_input_errors(case: Case, data: RiskInput) -> dict[str, list[str]]:
    """What the risk's input lacks or gets wrong, by field (empty: nothing). Only reads: a
    page also asks it for a post its form refused, to show every error at once."""
    errors = _choice_errors(data)
    if not data.based_on:
        errors["based_on"] = [
            _("Stap 4 (R4.1): kies de signalen of contrasignalen waarop deze inschatting rust.")
        ]
    elif set(data.based_on) - signal_keys(case):
        errors["based_on"] = [_("Kies signalen van deze casus.")]
    if data.advice_key and data.advice_key not in advice_keys(case):
        errors["advice_key"] = [_("Kies een verstuurde of beantwoorde adviesvraag van deze casus.")]
    return errors


def _risk_values(case: Case, data: RiskInput) -> dict:
    if errors := risk_input_errors(case, data):
        raise ValidationError(errors)
    return {
        **{name: getattr(data, name) for name in CONTENT_FIELDS},
        "description": data.description.strip(),
        "based_on": sorted(set(data.based_on), key=key_number),
    }


@transaction.atomic
def risk_add(*, actor, case_id: CaseRef, data: RiskInput) -> Risk:
    case, _access = get_case(actor, case_id, need="edit")
    values = _risk_values(case, data)
    return entry_create(actor=actor, case_id=case.pk, model=Risk, values=values, action="risk.add")


@transaction.atomic
def risk_reassess(
    *, actor, case_id: CaseRef, key: str, data: RiskInput, correction: Correction
) -> Risk:
    """A reassessment: a new version of the risk; the earlier one stays (and the diff shows)."""
    case, _access = get_case(actor, case_id, need="edit")
    values = _risk_values(case, data)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=Risk,
        key=key,
        values=values,
        correction=correction,
        action="risk.reassess",
    )
