"""What every step page shares: the audited read, the engine's findings, the guidance."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.casefile import case_evaluation
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import case_view_record
from deelwijzer.decisions.services import open_decision
from deelwijzer.procedure.evaluation import Evaluation, Finding
from deelwijzer.web.steps import STEPS

STEP_URL_NAMES = {1: "step1", 2: "step2", 3: "step3", 4: "step4", 5: "step5", 6: "step6"}
STATUS_LABELS = {
    "complete": _("klaar"),
    "incomplete": _("nog niet klaar"),
    "not_started": _("nog niet begonnen"),
    "not_applicable": _("niet van toepassing"),
    # step 5 only: the engine sees signed-off decisions; these name the one being prepared
    "in_preparation": _("besluit in voorbereiding"),
    "waiting_sign_off": _("wacht op aftekenen"),
}
TO_DO = frozenset({"not_started", "incomplete", "in_preparation", "waiting_sign_off"})
KIND_LABELS = {"violation": _("niet toegestaan"), "missing": _("ontbreekt"), "warning": _("let op")}


def step_url(case_id: int, step: int) -> str | None:
    try:
        return reverse(STEP_URL_NAMES[step], kwargs={"case_id": case_id})
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class ShownFinding:
    rule: str
    kind: str
    kind_label: str
    message: str
    refs: tuple[str, ...]
    url: str | None


def shown(case_id: int, finding: Finding) -> ShownFinding:
    url = step_url(case_id, finding.step)
    if url and finding.refs:
        url = f"{url}#{finding.refs[0]}"
    return ShownFinding(
        finding.rule,
        finding.kind,
        str(KIND_LABELS[finding.kind]),
        finding.message,
        finding.refs,
        url,
    )


@dataclass(frozen=True)
class StepRow:
    number: int
    title: str
    summary: str
    rules: str
    status: str
    status_label: str
    url: str | None
    findings: list[ShownFinding]


def _step5_status(status: str, open_status: str | None) -> str:
    """Step 5 as the case stands: a submitted decision waits for sign-off; a draft (or one
    sent back) is being prepared when none was signed off yet."""
    if open_status == "submitted":
        return "waiting_sign_off"
    if open_status in {"draft", "returned"} and status == "not_started":
        return "in_preparation"
    return status


def step_rows(
    case_id: int, evaluation: Evaluation | None, *, decision_status: str | None = None
) -> list[StepRow]:
    """``decision_status``: the status of the step 5 decision being prepared, if any."""
    rows = []
    for step in STEPS:
        status = evaluation.steps[step.number].status if evaluation else "not_started"
        if step.number == 5:
            status = _step5_status(status, decision_status)
        findings = [
            shown(case_id, f)
            for f in (evaluation.findings if evaluation else [])
            if f.step == step.number
        ]
        rows.append(
            StepRow(
                step.number,
                str(step.title),
                str(step.summary),
                step.rules,
                status,
                str(STATUS_LABELS[status]),
                step_url(case_id, step.number),
                findings,
            )
        )
    return rows


def next_thing(rows: list[StepRow]) -> StepRow | None:
    """The first step with a violation, else the first one not yet complete."""
    for row in rows:
        if any(f.kind == "violation" for f in row.findings):
            return row
    for row in rows:
        if row.status in TO_DO:
            return row
    return None


def all_done(rows: list[StepRow]) -> bool:
    """Every step is klaar (step 6 may be "niet van toepassing" after a decision not to
    share): nothing is left to do in the six steps, so "Wat nu" says so."""
    return all(row.status in {"complete", "not_applicable"} for row in rows)


def open_decision_status(case: Case) -> str | None:
    decision = open_decision(case)
    return decision.status if decision is not None else None


def step_page(
    request: HttpRequest,
    *,
    case: Case,
    access: CaseAccess,
    step: int,
    template: str,
    context: dict | None = None,
    need: str = "view",
) -> HttpResponse:
    """Render a step page: the audited read, this step's findings and its guidance.

    ``case`` and ``access`` come from the step's own view (``get_case`` with the ``need`` it
    asked for); the read is audited here, without reading the case again."""
    case_view_record(actor=request.user, case=case, access=access, need=need)
    evaluation = case_evaluation(case)
    rows = step_rows(case.pk, evaluation, decision_status=open_decision_status(case))
    base = {
        "case": case,
        "access": access,
        "evaluation": evaluation,
        "step": rows[step - 1],
        "steps": rows,
    }
    return render(request, template, {**base, **(context or {})})
