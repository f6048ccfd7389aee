"""Bad input gets a clear Dutch message and saves nothing; no advice is needed first (R2.7)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from tests.conversations.helpers import conversation_post, step3_counts, url


def post(client_for, personas, **overrides):
    data = conversation_post(personas.case, personas.professional, **overrides)
    return client_for(personas.professional).post(
        url("step3_conversation_new", personas.case), data
    )


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"held_on": None}, "Vul de datum van het gesprek in."),
        ({"held_on": "31-02-2026"}, "Vul een geldige datum in"),
        (
            {"held_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "De datum ligt in de toekomst.",
        ),
        ({"held_on": "2001-01-01"}, "De datum ligt voor de geboortedatum"),
        ({"participants": None}, "Kies wie er bij het gesprek waren."),
        ({"participants": ["youth", "guardians"]}, "Kies welke ouders bij het gesprek waren."),
        ({"participants": ["iedereen"]}, "Selecteer een geldige keuze"),
        ({"held_by": ["999999"]}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message(personas, client_for, overrides, message):
    writes = AuditEvent.objects.exclude(action__startswith="case.").count()
    response = post(client_for, personas, **overrides)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Dit is nog niet opgeslagen" in page and message in page
    assert step3_counts(personas.case) == (0, 0, 0, 0)
    assert AuditEvent.objects.exclude(action__startswith="case.").count() == writes


def test_a_guardian_of_another_case_is_refused(personas, client_for):
    other = personas.other_case.guardians.first()
    response = post(
        client_for,
        personas,
        participants=["youth", "guardians"],
        guardian_ids=[str(other.pk)],
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_guardians_named_but_not_ticked_as_participants(personas, client_for):
    mine = personas.case.guardians.first()
    response = post(client_for, personas, guardian_ids=[str(mine.pk)])
    assert "vink dan ook" in response.content.decode()
    assert step3_counts(personas.case) == (0, 0, 0, 0)


def test_step_3_needs_no_advice_first(personas, client_for):
    """R2.7: the case has no advice at all, and the conversation is recorded."""
    response = post(client_for, personas)
    assert response.status_code == 302
    assert step3_counts(personas.case) == (1, 0, 0, 0)


def test_every_error_shows_on_the_first_post(personas, client_for):
    """A walk typed a null character in the reaction: that error showed, and the missing
    participants and the date in the future only on the next post. All at once, in one
    summary; what was typed stays and nothing is saved."""
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = post(
        client_for, personas, reaction="Hij zei\x00 niets.", participants=None, held_on=tomorrow
    )
    assert response.status_code == 422
    form = response.context["conversation_form"]
    assert set(form.errors) == {"reaction", "participants", "held_on"}
    page = response.content.decode()
    assert page.count('class="error-summary"') == 1
    assert "De datum ligt in de toekomst." in page and "Kies wie er bij het gesprek waren." in page
    assert form["held_on"].value() == tomorrow
    assert step3_counts(personas.case) == (0, 0, 0, 0)
