"""The permission table for the step 4 URLs. Only the team reaches them (and a decision maker
once involved, read-only); everyone else gets 404, so that the case's existence does not leak."""

from __future__ import annotations

from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "step4": table(404, professional=200),
    "risk_add": table(404, professional=405),
    "risk_entry": table(404, professional=200),
}

# A harmless (incomplete) body: the team gets the form back with the refusal, others 404.
POST_TABLE: dict[str, dict[str, int]] = {
    "risk_add": table(404, professional=422),
    "risk_entry": table(404, professional=422),
}


def ensure_risk(personas) -> str:
    from deelwijzer.risks.models import Risk

    case = personas.case
    if not Risk.objects.filter(case=case, key="r1").exists():
        Risk.objects.create(
            case=case, key="r1", recorded_by=personas.professional, at_risk="professional",
            description="Hij dreigde de mentor op te wachten.", severity="serious",
            timing="short_term", based_on=[],
        )  # fmt: skip
    return "r1"


def url_kwargs(name: str, personas) -> dict:
    if name == "risk_entry":
        return case_kwargs(personas, key=ensure_risk(personas))
    return case_kwargs(personas)
