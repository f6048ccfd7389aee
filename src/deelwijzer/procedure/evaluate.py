"""``evaluate(casefile) -> Evaluation``: every rule, the step statuses and the sharing verdict."""

from __future__ import annotations

from datetime import date

from deelwijzer.procedure.casefile import CaseFile
from deelwijzer.procedure.evaluation import Evaluation, Finding, Status, StepStatus
from deelwijzer.procedure.rules import ALL_RULES, Context
from deelwijzer.procedure.rules.step1 import started as step1_started
from deelwijzer.procedure.rules.step5 import sharing_verdict


def evaluate(cf: CaseFile, *, today: date | None = None) -> Evaluation:
    """Judge a (valid) case file against the werkwijze.

    ``today`` stands in for the evaluation date when the file has no ``evaluated_on``.
    """
    ctx = Context(cf, today or date.today())
    findings = [f for rule in ALL_RULES for f in rule(ctx)]
    return Evaluation(
        age=ctx.age,
        steps=step_statuses(ctx, findings),
        findings=findings,
        sharing=sharing_verdict(ctx),
    )


def _started(ctx: Context) -> dict[int, bool]:
    cf = ctx.cf
    return {
        1: step1_started(ctx),
        2: bool(cf.advice),
        3: bool(cf.conversations) or cf.conversation_skipped is not None,
        4: bool(cf.risks),
        5: cf.decision is not None,
        6: bool(cf.disclosures),
    }


def _has_minimum(ctx: Context, step: int) -> bool:
    """What a step needs beyond having no blocking findings (R1.7: at least one signal)."""
    if step == 1:
        return any(s.kind == "signal" for s in ctx.cf.signals)
    return True


def step_statuses(ctx: Context, findings: list[Finding]) -> dict[int, StepStatus]:
    blocked = {f.step for f in findings if f.blocking}
    started = _started(ctx)
    decision = ctx.cf.decision
    statuses: dict[int, StepStatus] = {}
    for step in range(1, 7):
        status: Status
        if step == 6 and not started[6] and decision is not None and not decision.share:
            status = "not_applicable"
        elif not started[step]:
            status = "not_started"
        elif step in blocked or not _has_minimum(ctx, step):
            status = "incomplete"
        else:
            status = "complete"
        statuses[step] = StepStatus(step, status)
    return statuses
