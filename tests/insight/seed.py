"""An organisation with known counts for the statistics (issue #22), written with the ORM:
the figures are what is tested here, not the services that record entries.

Groups of cases (all opened today, every one with a signal observed 30 days ago):
  A: 10 cases through step 6 (advice to the attention officer answered "conversation" after
     10 days, a conversation with the youth after 20, a serious risk to the youth, a signed-off
     decision to share with consent after 24, shared with the police on consent after 25;
     5 of them have feedback back in time, 5 wait for it);
  B: 6 cases to step 4 (advice to the police sent, a conversation with youth and parents, a
     limited risk to the family, later);
  E: 2 cases to step 4 with a returned decision (advice to the attention officer sent, a
     conversation with the youth, a considerable risk to the youth, short term);
  C: 5 cases with a signal only, the personas' case among them.
A case of the other organisation has a signal too: it counts nowhere.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from deelwijzer.advice.models import AdviceRequest
from deelwijzer.conversations.models import Conversation
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.disclosures.models import Contact, Disclosure, FeedbackReceipt
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Signal
from tests.personas import open_case

FREE_TEXT = "Zeer-unieke-vrije-tekst-7731"
PSEUDONYM_PREFIX = "Q-STAT"


def _signal(case, by, day):
    Signal.objects.create(case=case, key="s1", recorded_by=by, kind="signal", observed_on=day,
                          text=FREE_TEXT, source_kind="own_observation")  # fmt: skip


def _advice(case, by, day, kind, answered):
    extra = {"external_organisation": "police"} if kind == "external" else {}
    if answered:
        extra |= {"outcome": "conversation", "answered_at": timezone.now()}
    AdviceRequest.objects.create(
        case=case, key="a1", recorded_by=by, asked_by=by, asked_on=day, adviser_kind=kind,
        question=FREE_TEXT, original_text=FREE_TEXT, request_text=FREE_TEXT,
        status="answered" if answered else "sent", **extra,
    )  # fmt: skip


def _conversation(case, by, day, participants):
    Conversation.objects.create(case=case, key="c1", recorded_by=by, held_on=day,
                                held_by=[by.pk], participants=participants,
                                reaction=FREE_TEXT)  # fmt: skip


def _risk(case, by, at_risk, severity, timing):
    Risk.objects.create(case=case, key="r1", recorded_by=by, at_risk=at_risk, severity=severity,
                        timing=timing, description=FREE_TEXT)  # fmt: skip


def _decision(case, by, status, day=None):
    SharingDecision.objects.create(case=case, key="b1", recorded_by=by, share=True,
                                   consent="given", status=status, decided_on=day,
                                   reasoning=FREE_TEXT)  # fmt: skip


def _disclosure(case, by, today, feedback_back, contact):
    shared = Disclosure.objects.create(
        case=case, key="x1", contact=contact, recipient_kind="police", recipient_name=FREE_TEXT,
        steps_taken=FREE_TEXT, task_professional=FREE_TEXT, task_recipient=FREE_TEXT,
        feedback_possible=True, feedback_due_on=today + timedelta(days=10), ground="consent",
        decision_key="b1", shared_on=today - timedelta(days=5), shared_by=by,
    )  # fmt: skip
    if feedback_back:
        FeedbackReceipt.objects.create(disclosure=shared, received_on=today - timedelta(days=2),
                                       recorded_by=by, text=FREE_TEXT)  # fmt: skip


def seed(personas) -> None:
    by, org = personas.professional, personas.organisation
    today = timezone.localdate()
    police = Contact.objects.create(organisation=org, kind="police", name=FREE_TEXT)
    day = {n: today - timedelta(days=n) for n in (30, 20, 10, 6)}

    def case(n):
        return open_case(by, org, f"{PSEUDONYM_PREFIX}-{n:02d}")

    for n in range(10):  # A
        c = case(n)
        _signal(c, by, day[30])
        _advice(c, by, day[20], "attention_officer", answered=True)
        _conversation(c, by, day[10], ["youth"])
        _risk(c, by, "youth", "serious", "short_term")
        _decision(c, by, "signed_off", day[6])
        _disclosure(c, by, today, feedback_back=n < 5, contact=police)
    for n in range(10, 16):  # B
        c = case(n)
        _signal(c, by, day[30])
        _advice(c, by, day[20], "external", answered=False)
        _conversation(c, by, day[10], ["youth", "guardians"])
        _risk(c, by, "family", "limited", "later")
    for n in range(16, 18):  # E
        c = case(n)
        _signal(c, by, day[30])
        _advice(c, by, day[20], "attention_officer", answered=False)
        _conversation(c, by, day[10], ["youth"])
        _risk(c, by, "youth", "considerable", "short_term")
        _decision(c, by, "returned")
    for c in [personas.case, *(case(n) for n in range(18, 22))]:  # C
        _signal(c, by, day[30])
    _signal(personas.other_case, personas.stranger, day[30])
