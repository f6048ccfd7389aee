"""Builders for the step 4 and step 5 tests: signals, advice, conversations and risks written
directly (they belong to other steps), and the form bodies the real views take."""

from __future__ import annotations

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Signal
from tests.personas import changed_directly


def url(name: str, case, **kwargs) -> str:
    return reverse(name, kwargs={"case_id": case.public_id, **kwargs})


def add_signal(case, user, key: str, text: str, kind: str = "signal") -> Signal:
    return Signal.objects.create(
        case=case,
        key=key,
        recorded_by=user,
        kind=kind,
        observed_on=timezone.localdate() - timedelta(days=5),
        text=text,
        source_kind="own_observation",
    )


def signals(case, user) -> None:
    """One signal (s1) and one contra-signal (s2)."""
    add_signal(case, user, "s1", "Hij zei in de klas dat de mentor 'het nog zal merken'.")
    add_signal(case, user, "s2", "Hij speelt elke week trouw voetbal bij de club.", "contra_signal")


def advice(case, user, *, key: str = "a1", status: str = "answered"):
    from deelwijzer.advice.models import AdviceRequest

    answered = status == "answered"
    return AdviceRequest.objects.create(
        case=case,
        key=key,
        recorded_by=user,
        asked_by=user,
        asked_on=timezone.localdate() - timedelta(days=3),
        adviser_kind="attention_officer",
        question="Kunnen deze signalen op radicalisering wijzen?",
        original_text="Leerling uit dreigende taal.",
        request_text="Leerling uit dreigende taal.",
        status=status,
        may_indicate_radicalisation="unclear" if answered else "",
        severity="Ernstig" if answered else "",
        safety_risks="Mogelijk geweld tegen de mentor." if answered else "",
        timing="short_term" if answered else "",
        follow_up_steps="Gesprek." if answered else "",
        follow_up_by="Mentor" if answered else "",
        conversation_possible=True if answered else None,
        conversation_by="Mentor" if answered else "",
        conversation_risks="Weinig." if answered else "",
        outcome="conversation" if answered else "",
    )


def conversation(case, user, *, consent: str, key: str = "c1", days_ago: int = 1):
    from deelwijzer.conversations.models import Conversation

    return Conversation.objects.create(
        case=case,
        key=key,
        recorded_by=user,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        held_by=[user.pk],
        participants=["youth", "guardians"],
        guardian_ids=list(case.guardians.values_list("pk", flat=True)),
        purpose_explained=True,
        signals_and_concerns_described=True,
        reaction_asked=True,
        next_steps_after_reaction=True,
        reaction="Hij begreep de zorg.",
        youth_consents_to_parent_contact=True,
        youth_consents_to_sharing=consent,
    )


def risk(case, user, key: str = "r1", *, severity: str = "serious", **overrides) -> Risk:
    values = {
        "at_risk": "professional",
        "description": "Hij dreigde de mentor na schooltijd op te wachten.",
        "severity": severity,
        "timing": "short_term",
        "based_on": ["s1"],
        "advice_key": "",
    }
    values.update(overrides)
    return Risk.objects.create(case=case, key=key, recorded_by=user, **values)


def many_risks(case, user, count: int) -> None:
    start = Risk.objects.filter(case=case, version=1).count()
    Risk.objects.bulk_create(
        Risk(
            case=case, key=f"r{start + n + 1}", recorded_by=user, at_risk="surroundings",
            description=f"Risico {n}: dreigement richting school.", severity="considerable",
            timing="later", based_on=["s1"],
        )
        for n in range(count)
    )  # fmt: skip
    changed_directly(case.pk)


def risk_body(prefix: str = "risk", **overrides) -> dict:
    body = {
        "at_risk": "professional",
        "description": "Hij dreigde de mentor na schooltijd op te wachten.",
        "severity": "considerable",
        "timing": "short_term",
        "based_on": ["s1"],
        "advice_key": "",
    }
    body.update(overrides)
    body = {k: v for k, v in body.items() if v is not None}
    return {f"{prefix}-{k}" if prefix else k: v for k, v in body.items()}


def audit_actions(case) -> list[str]:
    rows = AuditEvent.objects.filter(case_id=case.pk).order_by("id")
    return list(rows.values_list("action", flat=True))


def queries_for(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


def text_of(response) -> str:
    """The page's text without tags and with collapsed white space."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
