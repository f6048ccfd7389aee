"""A case with one entry of each kind, made through the services (advice requests as plain
rows, as tests/advice does, so that no test here needs deduce's tables)."""

from __future__ import annotations

from datetime import date

from deelwijzer.advice.models import AdviceRequest
from deelwijzer.attachments.services import Upload, attachment_add
from deelwijzer.conversations.services import ConversationInput, conversation_record
from deelwijzer.risks.services import RiskInput, risk_add
from deelwijzer.signalling.services import (
    DiagnosisInput,
    OpinionInput,
    SignalInput,
    diagnosis_add,
    opinion_add,
    signal_add,
)

REQUEST_TEXT = "Een leerling van 15 zegt sinds kort dat muziek haram is."


def advice_row(personas, key: str, **values) -> AdviceRequest:
    return AdviceRequest.objects.create(
        case=personas.case,
        key=key,
        recorded_by=personas.professional,
        asked_by=personas.professional,
        asker_role="mentor",
        asked_on=date(2026, 11, 2),
        question="Wat nu?",
        original_text=REQUEST_TEXT + " (Yusuf Bakker)",
        request_text=REQUEST_TEXT,
        status="sent",
        **values,
    )


def case_with_entries(personas):
    """s1, o1, d1, r1, c1 on the personas' case; a1 sent to the attention officer, a2 to the
    police (answered by the team)."""
    actor, case_id = personas.professional, personas.case.pk
    signal_add(
        actor=actor,
        case_id=case_id,
        data=SignalInput(
            "signal", date(2026, 10, 2), "Zegt dat muziek haram is.", "own_observation"
        ),
    )
    opinion_add(actor=actor, case_id=case_id, data=OpinionInput("Wellicht zoekend.", ["s1"]))
    diagnosis_add(
        actor=actor,
        case_id=case_id,
        data=DiagnosisInput("ADHD", "Dr. Smit", "GZ-psycholoog", "Verklaart de onrust in de klas."),
    )
    risk_add(
        actor=actor,
        case_id=case_id,
        data=RiskInput("youth", "Kan van school wegblijven.", "limited", "later", ["s1"]),
    )
    conversation_record(
        actor=actor,
        case_id=case_id,
        data=ConversationInput(
            held_on=date(2026, 10, 12),
            participants=["youth"],
            held_by=[actor.pk],
            purpose_explained=True,
            reaction="Hij luisterde.",
        ),
    )
    advice_row(personas, "a1", adviser_kind="attention_officer")
    advice_row(personas, "a2", adviser_kind="external", external_organisation="police")
    attachment_add(  # f1: a text file on s1 (issue 19)
        actor=actor,
        case_id=case_id,
        entry_kind="signal",
        entry_key="s1",
        upload=Upload("opstel.txt", b"Opstel van de leerling.\n", "Opstel", date(2026, 10, 2)),
    )
    return personas.case
