"""Form bodies and small shortcuts for the step 1 tests (the real views are always used)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from deelwijzer.audit.models import AuditEvent

OBSERVED = (date.today() - timedelta(days=3)).isoformat()


def url(name: str, case, **kwargs) -> str:
    return reverse(name, kwargs={"case_id": case.public_id, **kwargs})


def signal_body(text="Hij gooide op maandag zijn tas tegen de deur.", **overrides) -> dict:
    body = {
        "kind": "signal",
        "observed_on": OBSERVED,
        "text": text,
        "source_kind": "own_observation",
        "source_name": "",
        "source_role": "",
    }
    body.update(overrides)
    return {f"signal-{k}": v for k, v in body.items()}


def opinion_body(about=("s1",), text="Misschien speelt er iets thuis.") -> dict:
    return {"opinion-text": text, "opinion-about": list(about)}


def diagnosis_body(**overrides) -> dict:
    body = {
        "text": "ADHD",
        "established_by_name": "Dr. M. Visser",
        "established_by_role": "GZ-psycholoog",
        "relevance": "Verklaart deels het impulsieve gedrag in signaal s1.",
    }
    body.update(overrides)
    return {f"diagnosis-{k}": v for k, v in body.items()}


def add_signal(client, case, **overrides):
    return client.post(url("signal_add", case), signal_body(**overrides))


def audit_actions(case) -> list[str]:
    return list(
        AuditEvent.objects.filter(case_id=case.pk).order_by("id").values_list("action", flat=True)
    )
