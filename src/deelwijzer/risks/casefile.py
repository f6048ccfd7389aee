"""Step 4's part of the case file: the current version of every risk, in key order.

Export: two queries whatever the number of risks (the risks; nothing else is needed).
Import: each risk through ``risk_add``. Registered in ``RisksConfig.ready()``.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models

from deelwijzer.cases.models import Case
from deelwijzer.interchange.registry import ImportStep
from deelwijzer.risks.models import CONTENT, Risk
from deelwijzer.risks.services import key_number, risk_add, risk_input

CASEFILE_FIELDS = tuple(c.name for c in CONTENT if c.casefile)


def risk_dict(risk: Risk, known: set[str]) -> dict:
    """The content fields the contract has (an unmade choice as null), the references by
    their ids."""
    item: dict[str, Any] = {"id": risk.key}
    for name in CASEFILE_FIELDS:
        value = getattr(risk, name)
        has_choices = cast(models.Field, Risk._meta.get_field(name)).choices
        item[name] = value or None if has_choices else value
    # a reference the file cannot resolve would make the whole file invalid: leave it out
    item["based_on"] = [ref for ref in risk.based_on if ref in known]
    del item["advice_key"]
    item["advice_id"] = risk.advice_key if risk.advice_key in known else None
    return item


def _known_ids(data: dict) -> set[str]:
    groups = ("signals", "opinions", "diagnoses", "advice", "conversations")
    return {item["id"] for group in groups for item in data.get(group) or []}


def contribute(case: Case, data: dict) -> None:
    known = _known_ids(data)
    risks = sorted(Risk.current(case).order_by(), key=lambda r: key_number(r.key))
    data["risks"] = [risk_dict(r, known) for r in risks]


def import_section(step: ImportStep) -> None:
    """Every risk; ``based_on`` through the keys step 1's import gave."""
    step.imported["risks"] = step.add_each(
        "risks",
        lambda risk: risk_input(
            {
                **risk,
                "based_on": [step.keys.get(ref, ref) for ref in risk.get("based_on") or []],
                "advice_key": "",  # advice is not imported (see interchange.importing)
            }
        ),
        risk_add,
    )
