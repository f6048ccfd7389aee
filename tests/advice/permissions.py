"""The permission table for step 2 and the attention officer's inbox."""

from __future__ import annotations

from deelwijzer.advice.models import AdviceRequest
from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "step2": table(404, professional=200),
    "advice_compose": table(404, professional=200),
    "advice_preview": table(404, professional=200),
    "advice_send": table(404, professional=405),  # access first, then the method
    "advice_record_answer": table(404, professional=200),
    "inbox": table(403, attention_officer=200),
    "inbox_answer": table(404, attention_officer=200),
}

# POST with a harmless body: a refusal re-renders the form (200) and nothing is written.
POST_TABLE: dict[str, dict[str, int]] = {
    "advice_compose": table(404, professional=422),
    "advice_send": table(404, professional=422),
    "advice_record_answer": table(404, professional=422),
    "inbox_answer": table(404, attention_officer=422),
}

# Which request each URL needs: a draft, a sent external request, a sent one to the officer.
KEYS = {"advice_preview": "a1", "advice_send": "a1", "advice_record_answer": "a2",
        "inbox_answer": "a3"}  # fmt: skip
REQUESTS = {
    "a1": {"status": "draft", "adviser_kind": "attention_officer"},
    "a2": {"status": "sent", "adviser_kind": "external", "external_organisation": "police"},
    "a3": {"status": "sent", "adviser_kind": "attention_officer"},
}


def ensure_requests(personas) -> None:
    """The three requests of KEYS on the personas' case (made once, as plain rows)."""
    case = personas.case
    for key, values in REQUESTS.items():
        AdviceRequest.objects.get_or_create(
            case=case,
            key=key,
            version=1,
            defaults={
                "recorded_by": personas.professional,
                "asked_by": personas.professional,
                "question": "Wat nu?",
                "original_text": "Een leerling van 15 zegt dat muziek haram is.",
                "request_text": "Een leerling van 15 zegt dat muziek haram is.",
                **values,
            },
        )


def url_kwargs(name: str, personas) -> dict:
    if name in ("inbox",):
        return {}
    if name in KEYS:
        ensure_requests(personas)
        return case_kwargs(personas, key=KEYS[name])
    return case_kwargs(personas)
