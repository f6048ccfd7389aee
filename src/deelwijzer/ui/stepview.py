"""What every step page shares: the audited read, the engine's findings, the guidance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import case_view_record
from deelwijzer.interchange.casefile import case_evaluation
from deelwijzer.procedure.evaluation import Evaluation, Finding
from deelwijzer.ui.steps import STEPS

STEP_URL_NAMES = {1: "step1", 2: "step2", 3: "step3", 4: "step4", 5: "step5", 6: "step6"}
STATUS_LABELS = {
    "complete": _("klaar"),
    "incomplete": _("nog niet klaar"),
    "not_started": _("nog niet begonnen"),
    "not_applicable": _("niet van toepassing"),
    # for a status hook (step 5: the engine sees signed-off decisions; these name the one
    # being prepared)
    "in_preparation": _("besluit in voorbereiding"),
    "waiting_sign_off": _("wacht op aftekenen"),
    "returned": _("teruggestuurd door de beslisser"),
}
TO_DO = frozenset({"not_started", "incomplete", "in_preparation", "waiting_sign_off", "returned"})
KIND_LABELS = {"violation": _("niet toegestaan"), "missing": _("ontbreekt"), "warning": _("let op")}


def step_url(case_id: UUID, step: int, key: str = "") -> str:
    """The page of ``step`` of the case (by its public id), at the entry ``key`` if given."""
    url = reverse(STEP_URL_NAMES[step], kwargs={"case_id": case_id})
    return f"{url}#{key}" if key else url


def _step_url_if_any(case_id: UUID, step: int) -> str | None:
    try:
        return step_url(case_id, step)
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


def shown(case_id: UUID, finding: Finding) -> ShownFinding:
    url = _step_url_if_any(case_id, finding.step)
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


# Status hooks: a step app whose work the engine does not see yet (step 5: a decision still
# being prepared) names the status to show for its step. Registered in its AppConfig.ready(),
# so that this kit imports no step app.
StatusHook = Callable[[Case, str], str]
_STATUS_HOOKS: dict[int, StatusHook] = {}


def register_status_hook(step: int, hook: StatusHook) -> None:
    """``hook(case, engine_status)`` gives the status shown for ``step`` (a key of
    ``STATUS_LABELS``)."""
    _STATUS_HOOKS[step] = hook


def shown_statuses(case: Case, evaluation: Evaluation | None) -> dict[int, str]:
    """The statuses the registered hooks show instead of the engine's, per step."""
    return {
        step: hook(case, evaluation.steps[step].status if evaluation else "not_started")
        for step, hook in _STATUS_HOOKS.items()
    }


def step_rows(
    case_id: UUID, evaluation: Evaluation | None, *, statuses: Mapping[int, str] | None = None
) -> list[StepRow]:
    """``statuses``: the status to show where a step app knows more than the engine
    (``shown_statuses``)."""
    rows = []
    for step in STEPS:
        status: str = evaluation.steps[step.number].status if evaluation else "not_started"
        status = (statuses or {}).get(step.number, status)
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
                _step_url_if_any(case_id, step.number),
                findings,
            )
        )
    return rows


def next_thing(rows: list[StepRow]) -> StepRow | None:
    """The first step with a violation, else a decision the decision maker sent back (they
    asked the team something), else the first one not yet complete."""
    for row in rows:
        if any(f.kind == "violation" for f in row.findings):
            return row
    for row in rows:
        if row.status == "returned":
            return row
    for row in rows:
        if row.status in TO_DO:
            return row
    return None


def all_done(rows: list[StepRow]) -> bool:
    """Every step is klaar (step 6 may be "niet van toepassing" after a decision not to
    share): nothing is left to do in the six steps, so "Wat nu" says so."""
    return all(row.status in {"complete", "not_applicable"} for row in rows)


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
    rows = step_rows(case.public_id, evaluation, statuses=shown_statuses(case, evaluation))
    base = {
        "case": case,
        "access": access,
        "evaluation": evaluation,
        "step": rows[step - 1],
        "steps": rows,
    }
    return render(request, template, {**base, **(context or {})})
