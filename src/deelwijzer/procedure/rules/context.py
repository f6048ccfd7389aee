"""What every rule may look at: the case file, indexes by id, dates and derived facts.

Everything here is computed once per evaluation, so the rules stay linear in the file's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Protocol

from deelwijzer.procedure.casefile import (
    Advice,
    CaseFile,
    ConsentRecord,
    Conversation,
    Risk,
    Signal,
)
from deelwijzer.procedure.evaluation import Finding, Kind


def filled(text: str | None) -> bool:
    """A text counts as given only when it holds more than white space."""
    return text is not None and text.strip() != ""


def age_on(birth: date, on: date) -> int:
    """Whole years between the birth date and ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def dutch_date(on: date) -> str:
    """``on`` as people read it: "24 november 2026" (the one style for users, #16.9)."""
    return f"{on.day} {MONTHS[on.month - 1]} {on.year}"


def finding(rule: str, kind: Kind, message: str, *refs: str) -> Finding:
    step = rule[1]
    return Finding(rule, kind, f"Stap {step} ({rule}): {message}", tuple(refs))


def quoted(ids: Iterable[str]) -> str:
    return ", ".join(ids)


@dataclass(frozen=True)
class ConsentStatement:
    """What the young person said about sharing, and where it is recorded: a conversation
    (``conversation_id``), the decision's own record (``record``), or neither (not asked, or
    a decision that repeats the conversations)."""

    value: str  # "given" | "refused" | "not_asked"
    on: date | None = None
    conversation_id: str | None = None
    record: ConsentRecord | None = None


@dataclass
class Context:
    cf: CaseFile
    today: date
    _language: dict[str, list[LanguageFinding]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def evaluated_on(self) -> date:
        return self.cf.evaluated_on or self.today

    @cached_property
    def advice_by_id(self) -> dict[str, Advice]:
        return {a.id: a for a in self.cf.advice}

    @cached_property
    def risk_by_id(self) -> dict[str, Risk]:
        return {r.id: r for r in self.cf.risks}

    @cached_property
    def signal_by_id(self) -> dict[str, Signal]:
        return {s.id: s for s in self.cf.signals}

    @cached_property
    def texts_by_id(self) -> dict[str, str]:
        """The text of every object that can be shared, by id."""
        cf = self.cf
        texts: dict[str, str] = {s.id: s.text for s in cf.signals}
        texts.update((o.id, o.text) for o in cf.opinions)
        texts.update((d.id, d.text) for d in cf.diagnoses)
        texts.update((r.id, r.description or "") for r in cf.risks)
        return texts

    @cached_property
    def opinion_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.cf.opinions)

    @cached_property
    def risk_basis(self) -> frozenset[str]:
        """Ids that some risk rests on (R6.3)."""
        return frozenset(ref for r in self.cf.risks for ref in r.based_on)

    @cached_property
    def conversations_by_date(self) -> list[Conversation]:
        return sorted(self.cf.conversations, key=lambda c: c.held_on)

    def age_at(self, conversation: Conversation | None = None) -> int:
        on = conversation.held_on if conversation else self.evaluated_on
        return age_on(self.cf.youth.birth_date, on)

    @cached_property
    def age(self) -> int:
        """Age at the most recent conversation, else at the evaluation date."""
        latest = self.conversations_by_date[-1] if self.cf.conversations else None
        return self.age_at(latest)

    @cached_property
    def conversation_consent(self) -> ConsentStatement:
        """The young person's latest statement on sharing in a conversation (step 3)."""
        said = [c for c in self.conversations_by_date if c.youth_consents_to_sharing != "not_asked"]
        if not said:
            return ConsentStatement("not_asked")
        latest = said[-1]
        return ConsentStatement(latest.youth_consents_to_sharing, latest.held_on, latest.id)

    @cached_property
    def consent_statement(self) -> ConsentStatement:
        """The statement on sharing that counts now (R5.1): the latest of the conversations'
        and the decision's. The decision's counts only when it repeats what the conversations
        recorded, or when it carries its own record (date, how): a change of mind is a fact
        with a date, not a choice in a form. An unrecorded refusal still counts (it can only
        make sharing harder; R5.1 reports the missing record). On the same date the decision
        counts last, and an undated decision counts as the latest word."""
        said = self.conversation_consent
        decision = self.cf.decision
        if decision is None or decision.consent == "not_asked":
            return said
        record = decision.consent_record
        if record is not None:
            own = ConsentStatement(decision.consent, record.recorded_on, None, record)
        elif decision.consent in (said.value, "refused"):
            own = ConsentStatement(decision.consent, decision.decided_on or date.max)
        else:
            return said  # an unrecorded consent does not count (finding R5.1)
        if said.on is not None and said.on > (own.on or date.max):
            return said
        return own

    @property
    def consent(self) -> str:
        """The young person's statement on sharing that counts: given, refused or not_asked."""
        return self.consent_statement.value

    def language(self, text: str) -> list[LanguageFinding]:
        """The language checker's findings on ``text`` (R1.1, R1.2, R1.4), once per text."""
        found = self._language.get(text)
        if found is None:
            found = self._language[text] = list(check_language(text))
        return found


class LanguageFinding(Protocol):
    """What the engine reads of a language checker finding (read-only)."""

    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def hint(self) -> str: ...


def check_language(text: str) -> list[LanguageFinding]:
    """Ask the language checker; without it (not installed yet) there is nothing to report."""
    try:
        from deelwijzer.procedure.language import check_text
    except ImportError:
        return []
    return list(check_text(text))


Rule = Callable[[Context], Iterable[Finding]]
