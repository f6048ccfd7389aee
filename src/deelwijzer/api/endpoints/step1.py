"""Step 1: signals and contra-signals, opinions (with follow-up notes), diagnoses, and the
statement that no contra-signals are known. Thin: the signalling services decide."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.http import Http404
from ninja import Router, Schema, Status

from deelwijzer.api.entries import current_entries
from deelwijzer.api.pages import PageNumber, page_of
from deelwijzer.api.schemas import CORRECT, READ, WRITE, EntryMeta, correction_of, entry_meta
from deelwijzer.api.types import (
    CaseId,
    EntryKey,
    Flag,
    Key,
    Line120,
    Line200,
    OneOf,
    Text,
    Version,
)
from deelwijzer.cases.entries import entry_read
from deelwijzer.inputs import input_from
from deelwijzer.signalling import notes, services
from deelwijzer.signalling.models import (
    Diagnosis,
    FollowUp,
    Opinion,
    OpinionStatus,
    Signal,
    SignalKind,
    SourceKind,
)

router = Router(tags=["stap 1: signalen"])


class SignalIn(Schema):
    kind: Annotated[str, OneOf(SignalKind)] = "signal"
    observed_on: date | None
    text: Text
    source_kind: Annotated[str, OneOf(SourceKind)] = "own_observation"
    source_name: Line200 = ""
    source_role: Line200 = ""
    tags: list[Line120] = []


class Correction(Schema):
    correction_note: Text
    expected_version: Version


class SignalCorrectIn(SignalIn, Correction):
    pass


class SignalOut(EntryMeta):
    kind: Annotated[str, OneOf(SignalKind)]
    observed_on: date
    text: str
    source_kind: Annotated[str, OneOf(SourceKind)]
    source_name: str
    source_role: str
    tags: list[str]


class OpinionIn(Schema):
    text: Text
    about: list[Key] = []


class OpinionCorrectIn(OpinionIn, Correction):
    pass


class FollowUpOut(Schema):
    date: date
    text: str


class OpinionOut(EntryMeta):
    text: str
    about: list[str]
    status: Annotated[str, OneOf(OpinionStatus)]
    follow_ups: list[FollowUpOut]


class FollowUpIn(Schema):
    status: Annotated[str, OneOf(OpinionStatus)]
    date: date | None
    text: Text
    expected_version: Version


class DiagnosisIn(Schema):
    text: Text
    established_by_name: Line200 = ""
    established_by_role: Line200 = ""
    relevance: Text = ""


class DiagnosisCorrectIn(DiagnosisIn, Correction):
    pass


class DiagnosisOut(EntryMeta):
    text: str
    established_by_name: str
    established_by_role: str
    relevance: str


class NoContraIn(Schema):
    none_known: Flag


class NoContraOut(Schema):
    none_known: bool


SignalPage = page_of(SignalOut, "SignalPage")
OpinionPage = page_of(OpinionOut, "OpinionPage")
DiagnosisPage = page_of(DiagnosisOut, "DiagnosisPage")


def signal_out(s: Signal) -> dict:
    return {**entry_meta(s), **s.content(), "tags": list(s.tags or [])}


def opinion_out(o: Opinion) -> dict:
    follow_ups = FollowUp.objects.filter(case_id=o.case_id, opinion_key=o.key).order_by("date")
    return {
        **entry_meta(o),
        **o.content(),
        "about": list(o.about or []),
        "follow_ups": [{"date": n.date, "text": n.text} for n in follow_ups],
    }


def diagnosis_out(d: Diagnosis) -> dict:
    return {**entry_meta(d), **d.content()}


def signal_input(p: SignalIn) -> services.SignalInput:
    return input_from(services.SignalInput, p)


def diagnosis_input(p: DiagnosisIn) -> services.DiagnosisInput:
    return services.DiagnosisInput(
        text=p.text,
        established_by_name=p.established_by_name,
        established_by_role=p.established_by_role,
        relevance=p.relevance,
    )


# --- signals ---------------------------------------------------------------------------------


@router.get(
    "/cases/{uuid:case_id}/signals", response={200: SignalPage, **READ}, url_name="api_signals"
)
def signals_list(request, case_id: CaseId, page: int = PageNumber):
    """De signalen en contrasignalen van de casus (huidige versies)."""
    return current_entries(request, case_id, Signal, page, signal_out)


@router.post("/cases/{uuid:case_id}/signals", response={201: SignalOut, **WRITE})
def signal_add(request, case_id: CaseId, payload: SignalIn):
    """Leg een signaal of contrasignaal vast (R1.1-R1.3, R1.6)."""
    entry = services.signal_add(actor=request.auth, case_id=case_id, data=signal_input(payload))
    return Status(201, signal_out(entry))


@router.get(
    "/cases/{uuid:case_id}/signals/{key}", response={200: SignalOut, **READ}, url_name="api_signal"
)
def signal_read(request, case_id: CaseId, key: EntryKey):
    """Eén signaal, de huidige versie (gelogd)."""
    _case, _access, versions = entry_read(
        actor=request.auth, case_id=case_id, model=Signal, key=key
    )
    if not versions:
        raise Http404
    return signal_out(versions[-1])


@router.put("/cases/{uuid:case_id}/signals/{key}", response={200: SignalOut, **CORRECT})
def signal_correct(request, case_id: CaseId, key: EntryKey, payload: SignalCorrectIn):
    """Corrigeer een signaal: een nieuwe versie; de vorige blijft bewaard. 409 als iemand
    anders het intussen corrigeerde (``expected_version`` is dan niet meer de huidige)."""
    entry = services.signal_correct(
        actor=request.auth,
        case_id=case_id,
        key=key,
        data=signal_input(payload),
        correction=correction_of(payload),
    )
    return signal_out(entry)


# --- opinions --------------------------------------------------------------------------------


@router.get(
    "/cases/{uuid:case_id}/opinions", response={200: OpinionPage, **READ}, url_name="api_opinions"
)
def opinions_list(request, case_id: CaseId, page: int = PageNumber):
    """De meningen en veronderstellingen, met hun vervolgaantekeningen (R1.2)."""
    return current_entries(request, case_id, Opinion, page, opinion_out)


@router.post("/cases/{uuid:case_id}/opinions", response={201: OpinionOut, **WRITE})
def opinion_add(request, case_id: CaseId, payload: OpinionIn):
    """Leg een mening vast, apart van de feiten (R1.2)."""
    data = services.OpinionInput(text=payload.text, about=list(payload.about))
    entry = services.opinion_add(actor=request.auth, case_id=case_id, data=data)
    return Status(201, opinion_out(entry))


@router.put(
    "/cases/{uuid:case_id}/opinions/{key}",
    response={200: OpinionOut, **CORRECT},
    url_name="api_opinion",
)
def opinion_correct(request, case_id: CaseId, key: EntryKey, payload: OpinionCorrectIn):
    """Corrigeer een mening (nieuwe versie; 409 bij een verouderde ``expected_version``)."""
    entry = services.opinion_correct(
        actor=request.auth,
        case_id=case_id,
        key=key,
        data=services.OpinionInput(text=payload.text, about=list(payload.about)),
        correction=correction_of(payload),
    )
    return opinion_out(entry)


@router.post(
    "/cases/{uuid:case_id}/opinions/{key}/follow-ups",
    response={201: OpinionOut, **CORRECT},
    url_name="api_opinion_follow_up",
)
def opinion_follow_up(request, case_id: CaseId, key: EntryKey, payload: FollowUpIn):
    """Een vervolgaantekening met datum; met een nieuwe status (bevestigd, ontkracht) krijgt
    de mening een nieuwe versie (R1.2)."""
    notes.opinion_follow_up(
        actor=request.auth,
        case_id=case_id,
        key=key,
        status=payload.status,
        on=payload.date,
        text=payload.text,
        expected_version=payload.expected_version,
    )
    current = Opinion.objects.select_related("recorded_by").get(
        case__public_id=case_id, key=key, is_current=True
    )
    return Status(201, opinion_out(current))


# --- diagnoses -------------------------------------------------------------------------------


@router.get(
    "/cases/{uuid:case_id}/diagnoses",
    response={200: DiagnosisPage, **READ},
    url_name="api_diagnoses",
)
def diagnoses_list(request, case_id: CaseId, page: int = PageNumber):
    """De diagnoses (R1.4)."""
    return current_entries(request, case_id, Diagnosis, page, diagnosis_out)


@router.post("/cases/{uuid:case_id}/diagnoses", response={201: DiagnosisOut, **WRITE})
def diagnosis_add(request, case_id: CaseId, payload: DiagnosisIn):
    """Leg een diagnose vast: alleen met wie haar stelde en haar relevantie (R1.4)."""
    data = diagnosis_input(payload)
    entry = services.diagnosis_add(actor=request.auth, case_id=case_id, data=data)
    return Status(201, diagnosis_out(entry))


@router.put(
    "/cases/{uuid:case_id}/diagnoses/{key}",
    response={200: DiagnosisOut, **CORRECT},
    url_name="api_diagnosis",
)
def diagnosis_correct(request, case_id: CaseId, key: EntryKey, payload: DiagnosisCorrectIn):
    """Corrigeer een diagnose (nieuwe versie; 409 bij een verouderde ``expected_version``)."""
    entry = services.diagnosis_correct(
        actor=request.auth,
        case_id=case_id,
        key=key,
        data=diagnosis_input(payload),
        correction=correction_of(payload),
    )
    return diagnosis_out(entry)


# --- "geen contrasignalen bekend" (R1.5) -----------------------------------------------------


@router.put(
    "/cases/{uuid:case_id}/no-contra-signals",
    response={200: NoContraOut, **WRITE},
    url_name="api_no_contra_signals",
)
def no_contra_signals(request, case_id: CaseId, payload: NoContraIn):
    """Verklaar dat er geen contrasignalen bekend zijn (``none_known: true``) of trek die
    verklaring in (``false``) (R1.5)."""
    notes.no_contra_signals_set(actor=request.auth, case_id=case_id, known=not payload.none_known)
    return {"none_known": payload.none_known}
