"""The permission table for step 1 (signalling) and the org admin's signal list."""

from __future__ import annotations

from uuid import UUID

from tests.permissions import case_kwargs, table

# Step 1 content: only the professional on the team; everyone else gets 404 (nothing leaks).
CASE_PAGE = table(404, professional=200)
CASE_POST_ONLY = table(404, professional=405)

GET_TABLE: dict[str, dict[str, int]] = {
    "step1": CASE_PAGE,
    "signal_add": CASE_POST_ONLY,
    "signal_entry": CASE_PAGE,
    "opinion_add": CASE_POST_ONLY,
    "opinion_entry": CASE_PAGE,
    "opinion_follow_up": CASE_POST_ONLY,
    "diagnosis_add": CASE_POST_ONLY,
    "diagnosis_entry": CASE_PAGE,
    "no_contra_signals": CASE_POST_ONLY,
    "step1_check_text": CASE_POST_ONLY,
    "signal_list": table(403, org_admin=200),
    "signal_list_item": table(403, org_admin=405),
}

# With the harmless body {"active": "1"}: the professional's post is refused on the form
# (200, nothing saved) or redirected with a message (302).
POST_TABLE: dict[str, dict[str, int]] = {
    "signal_add": table(404, professional=422),
    "signal_entry": table(404, professional=422),
    "opinion_add": table(404, professional=422),
    "opinion_entry": table(404, professional=422),
    "opinion_follow_up": table(404, professional=422),
    "diagnosis_add": table(404, professional=422),
    "diagnosis_entry": table(404, professional=422),
    "no_contra_signals": table(404, professional=302),
    "step1_check_text": table(404, professional=200),
    "signal_list": table(403, org_admin=422),
    "signal_list_item": table(403, org_admin=302),
}


def ensure_entries(personas) -> None:
    """One signal, opinion and diagnosis on the personas' case, for the entry URLs."""
    from deelwijzer.signalling.models import Diagnosis, Opinion, Signal

    case, by = personas.case, personas.professional
    if not Signal.objects.filter(case=case, key="s1").exists():
        Signal.objects.create(
            case=case, key="s1", recorded_by=by, kind="signal", observed_on="2025-01-06",
            text="Hij gooide zijn tas tegen de deur.", source_kind="own_observation",
        )  # fmt: skip
        Opinion.objects.create(case=case, key="o1", recorded_by=by, text="Wellicht thuis iets.",
                               about=["s1"])  # fmt: skip
        Diagnosis.objects.create(
            case=case, key="d1", recorded_by=by, text="ADHD", established_by_name="Dr. Visser",
            established_by_role="GZ-psycholoog", relevance="Verklaart het impulsieve gedrag.",
        )  # fmt: skip


def ensure_list_item(personas) -> UUID:
    from deelwijzer.signalling.models import SignalListItem

    item, _created = SignalListItem.objects.get_or_create(
        organisation=personas.organisation, label="Uitspraken"
    )
    return item.public_id


def url_kwargs(name: str, personas) -> dict:
    if name == "signal_list":
        return {}
    if name == "signal_list_item":
        return {"item_id": ensure_list_item(personas)}
    ensure_entries(personas)
    keys = {"signal_entry": "s1", "opinion_entry": "o1", "opinion_follow_up": "o1",
            "diagnosis_entry": "d1"}  # fmt: skip
    if name in keys:
        return case_kwargs(personas, key=keys[name])
    return case_kwargs(personas)
