"""Would sharing be lawful now? The engine answers, on the would-be case file: the case as it
is, with the decision being prepared in place of the signed-off one (R5.1, R5.2, R5.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from deelwijzer.cases.casefile import build_casefile
from deelwijzer.cases.models import Case
from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Finding


@dataclass(frozen=True)
class DecisionInput:
    share: bool | None
    consent: str
    serious_concrete_risks: list[str] = field(default_factory=list)
    only_way: bool = False
    only_way_reason: str = ""
    reasoning: str = ""


@dataclass(frozen=True)
class Verdict:
    valid: bool  # False when the would-be case file was refused (bad references)
    allowed: bool = False
    ground: str | None = None
    findings: list[Finding] = field(default_factory=list)  # the engine's step 5 findings

    def messages(self, rule: str) -> list[str]:
        return [f.message for f in self.findings if f.rule == rule]


def decision_dict(
    data: DecisionInput, *, share: bool, decided_on: date, decided_by: dict | None
) -> dict:
    """The case file's ``decision`` object for the given values."""
    return {
        "decided_on": decided_on.isoformat(),
        "decided_by": decided_by,
        "share": share,
        "consent": data.consent,
        "serious_concrete_risks": list(data.serious_concrete_risks),
        "only_way": data.only_way,
        "only_way_reason": data.only_way_reason.strip() or None,
    }


def would_be(
    case: Case,
    data: DecisionInput,
    *,
    decided_by: dict | None = None,
    casefile: dict | None = None,
) -> Verdict:
    """The engine's verdict if this were the decision, taken today by ``decided_by`` (by
    default the role the organisation's procedure names). Judged as a decision to share, so
    that the conditions still missing are always named. ``casefile``: the case as it is (a
    page passes the kept one, cases.casefile.case_casefile; changed here)."""
    casefile = casefile if casefile is not None else build_casefile(case)
    by = decided_by or {"name": None, "role": case.organisation.decision_maker_role}
    casefile["decision"] = decision_dict(
        data, share=True, decided_on=timezone.localdate(), decided_by=by
    )
    try:
        evaluation = evaluate(load_casefile(casefile))
    except CaseFileError:
        return Verdict(valid=False)
    return Verdict(
        valid=True,
        allowed=evaluation.sharing.allowed,
        ground=evaluation.sharing.ground,
        findings=[f for f in evaluation.findings if f.step == 5],
    )
