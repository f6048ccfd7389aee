"""The case file, format ``deelwijzer-casefile/1``, as typed Python objects.

Field names are exactly the JSON field names of CASEFILE.md. Dates are ``datetime.date``.
``load_casefile`` validates (schema and meaning) before it builds anything, so every object
it returns satisfies the contract; ``dump_casefile`` gives the exact JSON back.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

FORMAT = "deelwijzer-casefile/1"


class CaseFileError(ValueError):
    """The case file is not valid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Organisation:
    attention_officer: bool
    decision_maker_role: str


@dataclass(frozen=True)
class Youth:
    pseudonym: str
    birth_date: date
    name: str | None = None
    identifiers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Guardian:
    id: str
    has_authority: bool
    name: str | None = None
    relation: str | None = None


@dataclass(frozen=True)
class TeamMember:
    id: str
    name: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Source:
    kind: str  # "own_observation" | "other"
    name: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Signal:
    id: str
    kind: str  # "signal" | "contra_signal"
    text: str
    observed_on: date | None = None
    recorded_by: str | None = None
    source: Source | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FollowUp:
    date: date
    text: str


@dataclass(frozen=True)
class Opinion:
    id: str
    text: str
    status: str  # "open" | "confirmed" | "refuted"
    about: list[str] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)


@dataclass(frozen=True)
class EstablishedBy:
    name: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    id: str
    text: str
    established_by: EstablishedBy | None = None
    relevance: str | None = None


@dataclass(frozen=True)
class Adviser:
    kind: str  # "team_member" | "attention_officer" | "external"
    member: str | None = None
    organisation: str | None = None
    name: str | None = None

    @property
    def outside_team(self) -> bool:
        return self.kind != "team_member"


@dataclass(frozen=True)
class AdviceAnswers:
    may_indicate_radicalisation: str | None = None  # "yes" | "no" | "unclear"
    severity: str | None = None
    safety_risks: str | None = None
    timing: str | None = None  # "short_term" | "later" | "none"
    follow_up_steps: str | None = None
    follow_up_by: str | None = None
    conversation_possible: bool | None = None
    conversation_by: str | None = None
    conversation_risks: str | None = None


@dataclass(frozen=True)
class Advice:
    id: str
    adviser: Adviser
    asked_on: date | None = None
    asked_by: str | None = None
    identifies_youth: bool = False
    request_text: str | None = None
    answers: AdviceAnswers | None = None
    # "no_follow_up" | "extra_attention" | "conversation" | "more_advice"
    outcome: str | None = None


@dataclass(frozen=True)
class Conversation:
    id: str
    held_on: date
    participants: list[str]  # "youth" | "guardians"
    held_by: list[str] = field(default_factory=list)
    guardian_ids: list[str] = field(default_factory=list)
    purpose_explained: bool | None = None
    signals_and_concerns_described: bool | None = None
    reaction_asked: bool | None = None
    next_steps_after_reaction: bool | None = None
    reaction: str | None = None
    youth_consents_to_parent_contact: bool | None = None
    youth_consents_to_sharing: str = "not_asked"  # "given" | "refused" | "not_asked"


@dataclass(frozen=True)
class ConversationSkipped:
    reason: str | None = None
    advice_id: str | None = None


@dataclass(frozen=True)
class GuardiansNotInvolved:
    ground: str  # "unsafe_per_advice" | "contrary_to_good_care"
    reason: str | None = None
    advice_id: str | None = None


@dataclass(frozen=True)
class GuardiansWithoutConsent:
    reason: str | None = None


@dataclass(frozen=True)
class Risk:
    id: str
    at_risk: str | None = None
    description: str | None = None
    severity: str | None = None  # "limited" | "considerable" | "serious"
    timing: str | None = None  # "short_term" | "later"
    based_on: list[str] = field(default_factory=list)
    advice_id: str | None = None


@dataclass(frozen=True)
class DecidedBy:
    name: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class ConsentRecord:
    """A statement of the young person on sharing made after step 3 (R5.1): when, how, and
    who recorded it. Optional in format 1: files without it stay valid."""

    recorded_on: date
    how: str  # "in_conversation" | "in_writing"
    note: str | None = None
    recorded_by: str | None = None


@dataclass(frozen=True)
class Decision:
    share: bool
    consent: str  # "given" | "refused" | "not_asked"
    decided_on: date | None = None
    decided_by: DecidedBy | None = None
    serious_concrete_risks: list[str] = field(default_factory=list)
    only_way: bool | None = None
    only_way_reason: str | None = None
    consent_record: ConsentRecord | None = None


@dataclass(frozen=True)
class Recipient:
    organisation: str  # "police" | "municipality_aoov" | "veiligheidshuis" | "other"
    name: str | None = None


@dataclass(frozen=True)
class TaskDivision:
    professional: str | None = None
    recipient: str | None = None


@dataclass(frozen=True)
class Feedback:
    possible: bool | None = None
    due_on: date | None = None
    received_on: date | None = None


@dataclass(frozen=True)
class Disclosure:
    id: str
    shared_on: date | None = None
    recipient: Recipient | None = None
    items: list[str] = field(default_factory=list)
    purpose: str | None = None
    steps_taken: str | None = None
    task_division: TaskDivision | None = None
    feedback: Feedback | None = None


@dataclass(frozen=True)
class CaseFile:
    organisation: Organisation
    youth: Youth
    format: str = FORMAT
    evaluated_on: date | None = None
    guardians: list[Guardian] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    no_contra_signals_known: bool = False
    opinions: list[Opinion] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    conversation_skipped: ConversationSkipped | None = None
    guardians_not_involved: GuardiansNotInvolved | None = None
    guardians_without_consent: GuardiansWithoutConsent | None = None
    risks: list[Risk] = field(default_factory=list)
    decision: Decision | None = None
    disclosures: list[Disclosure] = field(default_factory=list)


# --- building objects from validated JSON -------------------------------------------------

# For each dataclass: which fields hold a nested object (or a list of them), and which dates.
_NESTED: dict[type, dict[str, type]] = {
    CaseFile: {
        "organisation": Organisation,
        "youth": Youth,
        "guardians": Guardian,
        "team": TeamMember,
        "signals": Signal,
        "opinions": Opinion,
        "diagnoses": Diagnosis,
        "advice": Advice,
        "conversations": Conversation,
        "conversation_skipped": ConversationSkipped,
        "guardians_not_involved": GuardiansNotInvolved,
        "guardians_without_consent": GuardiansWithoutConsent,
        "risks": Risk,
        "decision": Decision,
        "disclosures": Disclosure,
    },
    Signal: {"source": Source},
    Opinion: {"follow_ups": FollowUp},
    Diagnosis: {"established_by": EstablishedBy},
    Advice: {"adviser": Adviser, "answers": AdviceAnswers},
    Decision: {"decided_by": DecidedBy, "consent_record": ConsentRecord},
    Disclosure: {"recipient": Recipient, "task_division": TaskDivision, "feedback": Feedback},
}
_DATE_FIELDS = frozenset(
    {
        "evaluated_on",
        "birth_date",
        "observed_on",
        "date",
        "asked_on",
        "held_on",
        "decided_on",
        "recorded_on",
        "shared_on",
        "due_on",
        "received_on",
    }
)


def _build(cls: type, data: dict[str, Any]) -> Any:
    nested = _NESTED.get(cls, {})
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        value = data.get(f.name)
        if value is None:
            continue  # absent or null: the dataclass default applies
        if f.name in nested:
            sub = nested[f.name]
            if isinstance(value, list):
                value = [_build(sub, v) for v in value]
            else:
                value = _build(sub, value)
        elif f.name in _DATE_FIELDS:
            value = date.fromisoformat(value)
        elif isinstance(value, list):
            value = list(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def load_casefile(data: Any, *, today: date | None = None, schema: bool = True) -> CaseFile:
    """Validate ``data`` (parsed JSON) and build the case file; raise ``CaseFileError``.

    ``schema=False`` skips the JSON Schema pass (types, required fields, allowed values) for
    data the app built itself from its own validated records; the checks of meaning (unique
    ids, references, dates) still run. Every outside input keeps the full check.
    """
    from deelwijzer.procedure.validation import validate_casefile

    problems = validate_casefile(data, today=today, schema=schema)
    if problems:
        raise CaseFileError(problems)
    return build_casefile(data)


def build_casefile(data: dict[str, Any]) -> CaseFile:
    """Build objects from data that is already known to be valid (no checks here)."""
    built: CaseFile = _build(CaseFile, data)
    return built


# --- back to JSON ---------------------------------------------------------------------------


# Objects whose fields depend on their kind: fields that do not apply are left out.
_VARIANTS = (Source, Adviser)
# Optional fields added to format 1 after its publication: left out when null.
_ADDED_OPTIONAL: dict[type, tuple[str, ...]] = {Decision: ("consent_record",)}


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, _VARIANTS):  # as CASEFILE.md writes them: {"kind": "…"} alone
            out = {k: v for k, v in out.items() if v is not None}
        for name in _ADDED_OPTIONAL.get(type(value), ()):
            if out[name] is None:  # written only when present: older readers never see it
                del out[name]
        return out
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def dump_casefile(cf: CaseFile) -> dict[str, Any]:
    """The case file as JSON data in format ``deelwijzer-casefile/1`` (every field written)."""
    out: dict[str, Any] = _dump(cf)
    out["format"] = FORMAT
    return {key: out[key] for key in _TOP_LEVEL_ORDER}


_TOP_LEVEL_ORDER = (
    "format",
    "evaluated_on",
    "organisation",
    "youth",
    "guardians",
    "team",
    "signals",
    "no_contra_signals_known",
    "opinions",
    "diagnoses",
    "advice",
    "conversations",
    "conversation_skipped",
    "guardians_not_involved",
    "guardians_without_consent",
    "risks",
    "decision",
    "disclosures",
)


def index_by_id(cf: CaseFile) -> dict[str, object]:
    """Every object with an id, by id (ids are unique within a valid file)."""
    index: dict[str, object] = {}
    for group in (
        cf.guardians,
        cf.team,
        cf.signals,
        cf.opinions,
        cf.diagnoses,
        cf.advice,
        cf.conversations,
        cf.risks,
        cf.disclosures,
    ):
        for obj in group:
            index[obj.id] = obj
    return index
