"""What step 3 asks of the engine before something is recorded (pure Python, no Django).

The rules themselves stay in ``rules/step3.py``: this module only states which rule applies
at an age, and asks the engine what a would-be case file would break. Forms refuse on that
answer, so no rule is written twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from deelwijzer.procedure.casefile import CaseFile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, age_on, filled
from deelwijzer.procedure.rules.step3 import exception_gap

CONSENT_AGE = 16  # from this age on R3.3 applies instead of R3.2

__all__ = [
    "CONSENT_AGE",
    "AgeRule",
    "age_on",
    "age_rule",
    "guardians_exception_problem",
    "new_violations",
    "safety_reason_problem",
    "turns_16_on",
    "violations",
]


@dataclass(frozen=True)
class AgeRule:
    """The rule on involving the parents that applies on ``on`` (R3.2 under 16, else R3.3)."""

    on: date
    age: int
    rule: str
    turns_16_on: date

    @property
    def consent_needed(self) -> bool:
        return self.rule == "R3.3"


def turns_16_on(birth: date) -> date:
    """The first date on which ``age_on`` gives 16 (a 29 February birth: 1 March if need be)."""
    try:
        return birth.replace(year=birth.year + CONSENT_AGE)
    except ValueError:
        return date(birth.year + CONSENT_AGE, 3, 1)


def age_rule(birth: date, on: date) -> AgeRule:
    age = age_on(birth, on)
    rule = "R3.3" if age >= CONSENT_AGE else "R3.2"
    return AgeRule(on=on, age=age, rule=rule, turns_16_on=turns_16_on(birth))


def violations(cf: CaseFile, rules: Iterable[str], *, today: date) -> list[Finding]:
    """The engine's violations of ``rules`` in ``cf``."""
    wanted = frozenset(rules)
    found = evaluate(cf, today=today).findings
    return [f for f in found if f.kind == "violation" and f.rule in wanted]


def new_violations(
    before: CaseFile, after: CaseFile, rules: Iterable[str], *, concerning: str, today: date
) -> list[Finding]:
    """Violations of ``rules`` that recording would bring: those ``after`` has and ``before``
    has not, and every one about the entry ``concerning`` (the one being recorded)."""
    wanted = tuple(rules)
    old = {(f.rule, f.refs, f.message) for f in violations(before, wanted, today=today)}
    return [
        f
        for f in violations(after, wanted, today=today)
        if concerning in f.refs or (f.rule, f.refs, f.message) not in old
    ]


def guardians_exception_problem(cf: CaseFile, *, today: date) -> str | None:
    """Why the recorded R3.2 exception in ``cf`` does not hold, in the engine's words."""
    if cf.guardians_not_involved is None:
        return None
    gap = exception_gap(Context(cf, today))
    return None if gap is None else f"Stap 3 (R3.2): {gap}"


def safety_reason_problem(reason: str | None) -> str | None:
    """An R3.3 safety reason counts only when it is written out (the engine's ``filled``)."""
    if filled(reason):
        return None
    return (
        "Stap 3 (R3.3): schrijf op waarom het gesprek met de ouders zonder toestemming van de "
        "jongere nodig was voor de veiligheid van de jongere of van anderen."
    )
