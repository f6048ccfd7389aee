"""The step 3 page and the case file cost the same number of queries for 5 or 200
conversations; the contribution is a valid case file with only current versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from deelwijzer.cases.entries import Correction, entry_correct
from deelwijzer.conversations.models import (
    Conversation,
    ConversationSkipped,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
)
from deelwijzer.interchange.casefile import build_casefile, guardian_id, team_id
from deelwijzer.procedure.casefile import load_casefile
from tests.conversations.helpers import advice_request, url
from tests.personas import changed_directly


def add_conversations(case, user, count: int) -> None:
    """``count`` conversations, every third one corrected once (so with two versions)."""
    guardian = case.guardians.first()
    start = Conversation.objects.filter(case=case, version=1).count()
    rows = [
        Conversation(
            case=case,
            key=f"c{start + n + 1}",
            recorded_by=user,
            held_on=timezone.localdate() - timedelta(days=n % 300),
            held_by=[user.pk],
            participants=["youth", "guardians"],
            guardian_ids=[guardian.pk],
            purpose_explained=True,
            reaction=f"Reactie {n}",
            youth_consents_to_parent_contact=True,
        )
        for n in range(count)
    ]
    Conversation.objects.bulk_create(rows)
    changed_directly(case.pk)
    for row in rows[::3]:
        entry_correct(
            actor=user,
            case_id=case.pk,
            model=Conversation,
            key=row.key,
            values={"reaction": row.reaction + " (verbeterd)"},
            correction=Correction("Verbeterd.", 1),
            action="conversation.correct",
        )


def queries_for(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["step3", "case_detail"])
def test_page_queries_do_not_grow_with_the_conversations(personas, client_for, page):
    client = client_for(personas.professional)
    target = url(page, personas.case)
    add_conversations(personas.case, personas.professional, 5)
    client.get(target)  # warm caches (content types, sessions)
    few = queries_for(lambda: client.get(target))
    add_conversations(personas.case, personas.professional, 195)
    response = client.get(target)
    many = queries_for(lambda: client.get(target))
    assert Conversation.current(personas.case).count() == 200
    assert response.status_code == 200
    assert few == many


def test_correction_page_queries_do_not_grow(personas, client_for):
    client = client_for(personas.professional)
    add_conversations(personas.case, personas.professional, 5)
    target = url("step3_conversation_correct", personas.case, key="c1")
    client.get(target)
    few = queries_for(lambda: client.get(target))
    add_conversations(personas.case, personas.professional, 195)
    client.get(target)  # the evaluation kept for the case is built again after the change
    assert queries_for(lambda: client.get(target)) == few


def test_the_contribution_is_a_valid_case_file_with_current_versions_only(personas):
    case, user = personas.case, personas.professional
    add_conversations(case, user, 4)
    advice_request(case, user)
    ConversationSkipped.objects.create(
        case=case, key="cs1", recorded_by=user, reason="Te riskant.", advice_key="a1"
    )
    GuardiansNotInvolved.objects.create(
        case=case, key="gn1", recorded_by=user, ground="contrary_to_good_care", reason="Zorg."
    )
    GuardiansWithoutConsent.objects.create(case=case, key="gw1", recorded_by=user, reason="Eerst.")
    entry_correct(
        actor=user,
        case_id=case.pk,
        model=GuardiansWithoutConsent,
        key="gw1",
        values={"reason": "Daarna."},
        correction=Correction("Preciezer.", 1),
        action="guardians_without_consent.correct",
    )
    data = build_casefile(case)
    cf = load_casefile(data)  # raises when the contribution breaks the contract
    assert [c.id for c in cf.conversations] == ["c4", "c3", "c2", "c1"]  # by date held
    first = next(c for c in data["conversations"] if c["id"] == "c1")
    guardian = case.guardians.first()
    assert first == {
        "id": "c1",
        "held_on": timezone.localdate().isoformat(),
        "held_by": [team_id(user.pk)],
        "participants": ["youth", "guardians"],
        "guardian_ids": [guardian_id(guardian.pk)],
        "purpose_explained": True,
        "signals_and_concerns_described": False,
        "reaction_asked": False,
        "next_steps_after_reaction": False,
        "reaction": "Reactie 0 (verbeterd)",
        "youth_consents_to_parent_contact": True,
        "youth_consents_to_sharing": "not_asked",
    }
    assert data["conversation_skipped"] == {"reason": "Te riskant.", "advice_id": "a1"}
    assert data["guardians_not_involved"] == {
        "ground": "contrary_to_good_care",
        "reason": "Zorg.",
        "advice_id": None,
    }
    assert data["guardians_without_consent"] == {"reason": "Daarna."}


def test_an_empty_case_contributes_nothing(personas):
    data = build_casefile(personas.case)
    load_casefile(data)
    assert data["conversations"] == []
    assert data["conversation_skipped"] is None
    assert data["guardians_not_involved"] is None
    assert data["guardians_without_consent"] is None


def test_the_contribution_costs_the_same_queries_for_5_or_200(personas):
    from deelwijzer.conversations.casefile import contribute

    add_conversations(personas.case, personas.professional, 5)
    few = queries_for(lambda: contribute(personas.case, {}))
    add_conversations(personas.case, personas.professional, 195)
    assert queries_for(lambda: contribute(personas.case, {})) == few
