"""Builders for the step 3 tests: cases of a chosen age, form posts, advice requests."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from deelwijzer.cases.services import GuardianInput
from deelwijzer.conversations.models import (
    Conversation,
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
from tests.conftest import open_case


def years_before(on: date, years: int) -> date:
    return on.replace(year=on.year - years)


def case_aged(personas, pseudonym: str, *, turned_16_days_ago: int):
    """A case whose youth turned 16 ``turned_16_days_ago`` days ago (negative: in the future)."""
    today = timezone.localdate()
    birth = years_before(today - timedelta(days=turned_16_days_ago), 16)
    return open_case(
        personas.professional,
        personas.organisation,
        pseudonym,
        birth_date=birth,
        guardians=[
            GuardianInput("Fatima Bakker", "moeder", True),
            GuardianInput("Karim Bakker", "vader", True),
        ],
    )


def url(name: str, case, **extra) -> str:
    return reverse(name, kwargs={"case_id": case.public_id, **extra})


def conversation_post(case, user, **overrides) -> dict:
    """A complete, lawful conversation with the youth only, held today by ``user``."""
    data = {
        "held_on": timezone.localdate().isoformat(),
        "participants": ["youth"],
        "held_by": [str(user.public_id)],
        "purpose_explained": "on",
        "signals_and_concerns_described": "on",
        "reaction_asked": "on",
        "next_steps_after_reaction": "on",
        "reaction": "Ik snap dat je je zorgen maakt, maar ik zeg alleen wat ik denk.",
        "youth_consents_to_parent_contact": "not_asked",
        "youth_consents_to_sharing": "not_asked",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def with_parents(case, user, **overrides) -> dict:
    pks = [str(pk) for pk in case.guardians.values_list("pk", flat=True)]
    return conversation_post(
        case, user, participants=["youth", "guardians"], guardian_ids=pks, **overrides
    )


def step3_counts(case) -> tuple[int, ...]:
    return tuple(
        model.objects.filter(case=case).count()
        for model in (
            Conversation,
            ConversationSkipped,
            GuardiansNotInvolved,
            GuardiansWithoutConsent,
        )
    )


def advice_request(case, user, *, key: str = "a1", conversation_possible: bool | None = False):
    """An answered advice request of ``case`` (step 2's model, written directly)."""
    from deelwijzer.advice.models import AdviceRequest

    return AdviceRequest.objects.create(
        case=case,
        key=key,
        recorded_by=user,
        asked_by=user,
        asked_on=timezone.localdate() - timedelta(days=3),
        adviser_kind="attention_officer",
        question="Kunnen deze signalen op radicalisering wijzen?",
        original_text="Leerling laat filmpjes zien.",
        request_text="Leerling laat filmpjes zien.",
        status="answered",
        may_indicate_radicalisation="unclear",
        severity="Onduidelijk",
        safety_risks="Mogelijk geweld tegen de mentor.",
        timing="short_term",
        follow_up_steps="Eerst meer advies.",
        follow_up_by="Aandachtsfunctionaris",
        conversation_possible=conversation_possible,
        conversation_by="",
        conversation_risks="Een gesprek kan tot impulsief geweld leiden.",
        outcome="more_advice",
    )


def findings(page: str, rule: str) -> list[str]:
    """The engine's findings of ``rule`` as a page shows them."""
    return re.findall(rf'<li class="finding \w+"><strong>{re.escape(rule)} ', page)
