"""The API's errors: every one ``application/problem+json`` with the status the document
names (issue #17 items 9 and 12)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from deelwijzer.signalling.models import Signal
from deelwijzer.signalling.services import SignalInput, signal_correct
from tests.api.data import case_with_entries
from tests.api.helpers import ApiClient, token_for
from tests.concurrency import second_while_first_holds

SIGNAL = {"observed_on": "2026-10-05", "text": "Zegt dat hij niet meer naar muziekles gaat."}


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def _first_correction(personas):
    def correct():
        signal_correct(
            actor=personas.professional,
            case_id=personas.case.pk,
            key="s1",
            data=SignalInput("signal", date(2026, 10, 3), "Eerst gecorrigeerd.", "own_observation"),
            note="De datum klopte niet.",
            expected_version=1,
        )

    return correct


@pytest.mark.django_db(transaction=True)
def test_the_loser_of_a_concurrent_correction_gets_409(personas, client):
    case_with_entries(personas)
    api = ApiClient(client, token_for(personas.professional))
    body = {**SIGNAL, "correction_note": "Tekst aangevuld.", "expected_version": 1}
    response = second_while_first_holds(
        _first_correction(personas),
        lambda: api.put(f"/cases/{personas.case.pk}/signals/s1", body),
    )
    problem = _problem(response, 409)
    assert "intussen" in problem["detail"] and "bestaat niet" not in problem["detail"]
    assert Signal.objects.filter(key="s1", is_current=True).get().text == "Eerst gecorrigeerd."
