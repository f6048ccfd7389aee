"""Step 4's part of the case file: the current version of every risk, in key order.

Two queries whatever the number of risks (the risks; nothing else is needed).
"""

from __future__ import annotations

from deelwijzer.cases.models import Case
from deelwijzer.risks.models import Risk
from deelwijzer.risks.services import key_number


def risk_dict(risk: Risk, known: set[str]) -> dict:
    return {
        "id": risk.key,
        "at_risk": risk.at_risk or None,
        "description": risk.description,
        "severity": risk.severity or None,
        "timing": risk.timing or None,
        # a reference the file cannot resolve would make the whole file invalid: leave it out
        "based_on": [ref for ref in risk.based_on if ref in known],
        "advice_id": risk.advice_key if risk.advice_key in known else None,
    }


def _known_ids(data: dict) -> set[str]:
    groups = ("signals", "opinions", "diagnoses", "advice", "conversations")
    return {item["id"] for group in groups for item in data.get(group) or []}


def contribute(case: Case, data: dict) -> None:
    known = _known_ids(data)
    risks = sorted(Risk.current(case).order_by(), key=lambda r: key_number(r.key))
    data["risks"] = [risk_dict(r, known) for r in risks]
