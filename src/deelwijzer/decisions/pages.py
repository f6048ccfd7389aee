"""What the step 5 page shows: the risks to choose from, every decision with all its
versions, the one being prepared and the one in force. A constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import OPEN_STATUSES, DecisionStatus, SharingDecision
from deelwijzer.decisions.services import open_decision
from deelwijzer.risks.models import Risk
from deelwijzer.risks.services import key_number
from deelwijzer.ui.views import short


@dataclass
class DecisionRow:
    key: str
    versions: list[SharingDecision] = field(default_factory=list)  # newest first

    @property
    def current(self) -> SharingDecision:
        return self.versions[0]


@dataclass
class DecisionPage:
    risks: list[Risk]
    rows: list[DecisionRow]  # newest decision first

    def _latest(self, statuses) -> SharingDecision | None:
        found = [r.current for r in self.rows if r.current.status in statuses]
        return max(found, key=lambda d: (d.recorded_at, d.pk)) if found else None

    @property
    def open(self) -> SharingDecision | None:
        return self._latest(OPEN_STATUSES)

    @property
    def signed_off(self) -> SharingDecision | None:
        return self._latest((DecisionStatus.SIGNED_OFF,))

    def risk_choices(self) -> list[tuple[str, str]]:
        return [
            (r.key, f"{r.key} – {r.get_severity_display()}, {r.get_at_risk_display()}: "
                    f"{short(r.description)}")
            for r in self.risks
        ]  # fmt: skip


def decision_page(case: Case) -> DecisionPage:
    risks = sorted(Risk.current(case), key=lambda r: key_number(r.key))
    by_key: dict[str, DecisionRow] = {}
    versions = (
        SharingDecision.objects.filter(case=case)
        .select_related("recorded_by", "submitted_by", "decided_by", "consent_recorded_by")
        .order_by("-version")
    )
    for entry in versions:
        by_key.setdefault(entry.key, DecisionRow(entry.key)).versions.append(entry)
    rows = sorted(by_key.values(), key=lambda r: key_number(r.key), reverse=True)
    return DecisionPage(risks, rows)


def step5_status(status: str, open_status: str | None) -> str:
    """Step 5 as the case stands: a submitted decision waits for sign-off; a draft (or one
    sent back) is being prepared when none was signed off yet. ``status``: the engine's (it
    sees signed-off decisions only); ``open_status``: the decision being prepared, if any."""
    if open_status == "submitted":
        return "waiting_sign_off"
    if open_status in {"draft", "returned"} and status == "not_started":
        return "in_preparation"
    return status


def shown_step5_status(case: Case, status: str) -> str:
    """The status hook of step 5 (ui.stepview.register_status_hook)."""
    decision = open_decision(case)
    return step5_status(status, decision.status if decision is not None else None)
