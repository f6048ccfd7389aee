"""A case ready for step 6: signals, a contra-signal, an opinion, a serious risk, a signed-off
decision to share (with consent), and a police contact. Rows made directly: the subject of
these tests is step 6, not the earlier steps."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

TICKED_SIGNAL = "Hij liet in de klas een filmpje van een aanslag zien en juichte erbij."
UNTICKED_SIGNAL = "Hij vertelde over een ruzie met zijn oom over de moskee in Zwolle."
CONTRA_SIGNAL = "Hij speelt elke zaterdag in het voetbalteam en is daar geliefd."
OPINION = "Wellicht zoekt hij vooral erkenning bij oudere jongens."
RISK = "Hij dreigde de mentor na schooltijd op te wachten met een mes."


def make_entries(personas) -> None:
    from deelwijzer.risks.models import Risk
    from deelwijzer.signalling.models import Opinion, Signal

    case, by = personas.case, personas.professional
    observed = timezone.localdate() - timedelta(days=10)
    for key, kind, text in (
        ("s1", "signal", TICKED_SIGNAL),
        ("s2", "signal", UNTICKED_SIGNAL),
        ("s3", "contra_signal", CONTRA_SIGNAL),
    ):
        Signal.objects.create(
            case=case, key=key, recorded_by=by, kind=kind, observed_on=observed, text=text,
            source_kind="own_observation",
        )  # fmt: skip
    Opinion.objects.create(case=case, key="o1", recorded_by=by, text=OPINION, about=["s1"])
    Risk.objects.create(
        case=case, key="r1", recorded_by=by, at_risk="professional", description=RISK,
        severity="serious", timing="short_term", based_on=["s1"],
    )  # fmt: skip


def sign_off_decision(personas, *, share: bool = True):
    from deelwijzer.decisions.models import SharingDecision

    case = personas.case
    return SharingDecision.objects.create(
        case=case, key="b1", recorded_by=personas.decision_maker, share=share, consent="given",
        serious_concrete_risks=["r1"], reasoning="De jongere stemt in met delen met de politie.",
        status="signed_off", submitted_by=personas.professional, submitted_at=timezone.now(),
        decided_by=personas.decision_maker, decided_role=case.organisation.decision_maker_role,
        decided_on=timezone.localdate(), consent_on=timezone.localdate(),
        consent_how="in_writing", consent_note="Schriftelijk, aan de mentor.",
    )  # fmt: skip


def make_contact(personas, **overrides):
    from deelwijzer.disclosures.models import Contact

    values = {"kind": "police", "name": "Wijkagent Noord", "department": "Basisteam Zwolle"}
    values.update(overrides)
    return Contact.objects.create(organisation=personas.organisation, **values)


def ready_case(personas, *, decision: bool = True):
    make_entries(personas)
    if decision:
        sign_off_decision(personas)
    return make_contact(personas)


def share_body(contact, *, action: str = "share", **overrides) -> dict:
    body = {
        "contact": str(contact.public_id),
        "item_s1": "on",
        "purpose_s1": "",
        "risk_s1": "r1",
        "item_o1": "on",
        "purpose_o1": "Laat zien hoe de school het gedrag nu duidt.",
        "item_r1": "on",
        "risk_r1": "r1",
        "identity": ["name"],
        "steps_taken": "Advies gevraagd, gesprek gevoerd, risico getaxeerd.",
        "task_professional": "De mentor blijft dagelijks in contact met de jongere.",
        "task_recipient": "De wijkagent spreekt de jongere aan.",
        "feedback_possible": "yes",
        "feedback_due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "action": action,
        "confirm": "on",
    }
    body.update(overrides)
    return body


def step6_url(personas, name: str = "disclosure_new", **kwargs) -> str:
    return reverse(name, kwargs={"case_id": personas.case.public_id, **kwargs})
