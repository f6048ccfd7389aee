"""Step 5's part of the case file: the signed-off decision in force (null otherwise).

Drafts, submitted and returned decisions are not decisions yet: the engine never sees them.
"""

from __future__ import annotations

from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.decisions.services import decision_input, signed_off_decision
from deelwijzer.decisions.verdict import decision_dict


def signed_off_dict(decision: SharingDecision, risk_ids: set[str]) -> dict:
    data = decision_input(decision)
    by = decision.decided_by
    out = decision_dict(
        data,
        share=decision.share,
        decided_on=decision.decided_on or decision.recorded_at.date(),
        decided_by={"name": by.display_name() if by else None, "role": decision.decided_role},
    )
    # a reference the file cannot resolve would make the whole file invalid: leave it out
    out["serious_concrete_risks"] = [r for r in out["serious_concrete_risks"] if r in risk_ids]
    return out


def contribute(case: Case, data: dict) -> None:
    decision = signed_off_decision(case)
    risk_ids = {r["id"] for r in data.get("risks") or []}
    data["decision"] = signed_off_dict(decision, risk_ids) if decision else None
