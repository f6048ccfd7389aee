"""Step 1 writes and audited reads. The rules come from ``procedure.signalling_checks``.

Every function is keyword-only, checks access through ``cases.access`` (via the entry helpers)
and records its audit event in the same transaction. Nothing is overwritten: corrections make
a new version, follow-up notes are added, the "no contra-signals" statement is withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import Correction, entry_correct, entry_create
from deelwijzer.cases.models import Case
from deelwijzer.procedure import signalling_checks as checks
from deelwijzer.signalling.models import (
    Diagnosis,
    Opinion,
    OpinionStatus,
    Signal,
    SignalKind,
    SignalListItem,
    SourceKind,
)

# R1.4 on a diagnosis, in the service's words; the form marks these fields required and says
# the same when one is left empty.
DIAGNOSIS_BY_MISSING = gettext_lazy(
    "Stap 1 (R1.4): een diagnose leg je alleen vast als een bevoegde beroepskracht haar "
    "stelde. Vul de naam en de rol in van wie haar vaststelde."
)
DIAGNOSIS_RELEVANCE_MISSING = gettext_lazy(
    "Stap 1 (R1.4): schrijf op waarom deze diagnose ertoe doet voor de signalen; zonder "
    "relevantie wordt ze niet vastgelegd."
)


@dataclass(frozen=True)
class SignalInput:
    kind: str
    observed_on: date | None
    text: str
    source_kind: str
    source_name: str = ""
    source_role: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OpinionInput:
    text: str
    about: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DiagnosisInput:
    text: str
    established_by_name: str = ""
    established_by_role: str = ""
    relevance: str = ""


# --- checks ----------------------------------------------------------------------------------


def date_problem(case: Case, on: date | None, what: str) -> str | None:
    """A date must be given, not in the future and not before the youth's birth."""
    if on is None:
        return _("Vul de datum in (%(what)s).") % {"what": what}
    if on > timezone.localdate():
        return _("Deze datum ligt in de toekomst. Controleer de datum.")
    if on < case.youth.birth_date:
        return _("Deze datum ligt voor de geboortedatum van de jongere. Controleer de datum.")
    return None


def allowed_tags(case: Case, keep: list[str] | None = None) -> set[str]:
    """The active labels of the organisation's signal list, plus labels an entry already has."""
    labels = SignalListItem.objects.filter(organisation_id=case.organisation_id, active=True)
    return set(labels.values_list("label", flat=True)) | set(keep or [])


def signal_input_errors(
    case: Case, data: SignalInput, keep_tags: list[str] | None = None
) -> dict[str, list[str]]:
    """What the signal's input lacks or gets wrong, by field (empty: nothing); ``keep_tags``:
    the labels the signal already has. Only reads: a page also asks it for a post its form
    refused, to show every error at once."""
    errors: dict[str, list[str]] = {}
    if data.kind not in SignalKind.values:
        errors["kind"] = [_("Kies of dit een signaal of een contrasignaal is.")]
    if problem := date_problem(case, data.observed_on, _("wanneer het gebeurde")):
        errors["observed_on"] = [problem]
    if not data.text.strip():
        errors["text"] = [_("Beschrijf wat je zag of hoorde.")]
    if data.source_kind not in SourceKind.values:
        errors["source_kind"] = [_("Kies of je het zelf waarnam of dat het van iemand komt.")]
    elif checks.blocking(
        checks.signal_source_findings(data.source_kind, data.source_name, data.source_role)
    ):
        errors["source_name"] = [
            _(
                "Stap 1 (R1.3): dit komt van iemand anders. Vul in wie het vertelde "
                "(naam) en in welke rol, bijvoorbeeld 'Sanne de Vries, mentor'."
            )
        ]
    unknown = sorted(set(data.tags) - allowed_tags(case, keep_tags))
    if unknown:
        errors["tags"] = [
            _("Deze labels staan niet op de signalenlijst: %(labels)s.")
            % {"labels": ", ".join(unknown)}
        ]
    return errors


def _signal_values(case: Case, data: SignalInput, keep_tags: list[str] | None) -> dict:
    if errors := signal_input_errors(case, data, keep_tags):
        raise ValidationError(errors)
    own = data.source_kind == SourceKind.OWN_OBSERVATION
    return {
        "kind": data.kind,
        "observed_on": data.observed_on,
        "text": data.text.strip(),
        "source_kind": data.source_kind,
        "source_name": "" if own else data.source_name.strip(),
        "source_role": "" if own else data.source_role.strip(),
        "tags": sorted(set(data.tags)),
    }


def opinion_input_errors(case: Case, data: OpinionInput) -> dict[str, list[str]]:
    """What the opinion's input lacks or gets wrong, by field (empty: nothing). Only reads."""
    errors: dict[str, list[str]] = {}
    if not data.text.strip():
        errors["text"] = [_("Schrijf de mening of veronderstelling op.")]
    known = set(Signal.objects.filter(case=case, version=1).values_list("key", flat=True))
    if not known:  # a colleague's page, or the API: there is nothing to choose yet
        errors["about"] = [
            _(
                "Stap 1 (R1.2): deze casus heeft nog geen signaal, en een mening gaat altijd "
                "over een signaal. Leg eerst het signaal vast; je tekst staat er nog."
            )
        ]
    elif not data.about:
        errors["about"] = [_("Kies ten minste één signaal waar deze mening over gaat.")]
    elif set(data.about) - known:
        errors["about"] = [_("Kies signalen van deze casus.")]
    return errors


def _opinion_values(case: Case, data: OpinionInput) -> dict:
    if errors := opinion_input_errors(case, data):
        raise ValidationError(errors)
    return {"text": data.text.strip(), "about": sorted(set(data.about), key=_key_number)}


def diagnosis_input_errors(data: DiagnosisInput) -> dict[str, list[str]]:
    """What the diagnosis's input lacks (R1.4), by field (empty: nothing)."""
    errors: dict[str, list[str]] = {}
    if not data.text.strip():
        errors["text"] = [_("Beschrijf de diagnose.")]
    findings = checks.diagnosis_findings(
        data.text, data.established_by_name, data.established_by_role, data.relevance
    )
    if checks.blocking(findings, "violation"):
        for name in ("established_by_name", "established_by_role"):
            value = getattr(data, name)
            if not value.strip():
                errors[name] = [str(DIAGNOSIS_BY_MISSING)]
    if checks.blocking(findings, "missing"):
        errors["relevance"] = [str(DIAGNOSIS_RELEVANCE_MISSING)]
    return errors


def _diagnosis_values(data: DiagnosisInput) -> dict:
    if errors := diagnosis_input_errors(data):
        raise ValidationError(errors)
    return {
        "text": data.text.strip(),
        "established_by_name": data.established_by_name.strip(),
        "established_by_role": data.established_by_role.strip(),
        "relevance": data.relevance.strip(),
    }


def _key_number(key: str) -> int:
    digits = key[1:]
    return int(digits) if digits.isdigit() else 0


# --- signals, opinions, diagnoses ---------------------------------------------------------------


def _case_for_edit(actor, case_id: CaseRef) -> Case:
    case, _access = get_case(actor, case_id, need="edit")
    return case


@transaction.atomic
def signal_add(*, actor, case_id: CaseRef, data: SignalInput) -> Signal:
    case = _case_for_edit(actor, case_id)
    values = _signal_values(case, data, None)
    return entry_create(
        actor=actor, case_id=case.pk, model=Signal, values=values, action="signal.add"
    )


@transaction.atomic
def signal_correct(
    *, actor, case_id: CaseRef, key: str, data: SignalInput, correction: Correction
) -> Signal:
    case = _case_for_edit(actor, case_id)
    current = Signal.current(case).filter(key=key).first()
    values = _signal_values(case, data, current.tags if current else None)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=Signal,
        key=key,
        values=values,
        correction=correction,
        action="signal.correct",
    )


@transaction.atomic
def opinion_add(*, actor, case_id: CaseRef, data: OpinionInput) -> Opinion:
    case = _case_for_edit(actor, case_id)
    values = {**_opinion_values(case, data), "status": OpinionStatus.OPEN}
    return entry_create(
        actor=actor, case_id=case.pk, model=Opinion, values=values, action="opinion.add"
    )


@transaction.atomic
def opinion_correct(
    *, actor, case_id: CaseRef, key: str, data: OpinionInput, correction: Correction
) -> Opinion:
    case = _case_for_edit(actor, case_id)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=Opinion,
        key=key,
        values=_opinion_values(case, data),
        correction=correction,
        action="opinion.correct",
    )


@transaction.atomic
def diagnosis_add(*, actor, case_id: CaseRef, data: DiagnosisInput) -> Diagnosis:
    case = _case_for_edit(actor, case_id)
    return entry_create(
        actor=actor,
        case_id=case.pk,
        model=Diagnosis,
        values=_diagnosis_values(data),
        action="diagnosis.add",
    )


@transaction.atomic
def diagnosis_correct(
    *, actor, case_id: CaseRef, key: str, data: DiagnosisInput, correction: Correction
) -> Diagnosis:
    case = _case_for_edit(actor, case_id)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=Diagnosis,
        key=key,
        values=_diagnosis_values(data),
        correction=correction,
        action="diagnosis.correct",
    )
