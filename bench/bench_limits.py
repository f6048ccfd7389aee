"""The largest case Deelwijzer accepts, rendered as PDF (issue 17, item 4).

Every free text of a case holds at most ``procedure.limits.TEXT_MAX`` characters, on every
path. This builds one case with each kind of entry once and every free text of those entries
at that maximum (the signal, the opinion and its follow-up note, the diagnosis and its
relevance, the risk, the conversation's reaction, and the advice request's question, texts
and seven answers), then times its dossier PDF and its subject-access PDF, both as WeasyPrint
makes them for a download. Two kinds of text: Dutch prose (words and sentences) and one word
without a space (the worst case for line breaking).

``python -m bench.bench_limits`` prints JSON; ``run()`` does so on a fresh SQLite database
(bench/run.py). The figures must stay well under gunicorn's time-out (docs/deployment.md).
"""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import django

SENTENCE = "Hij zegt in de klas dat hij de anderen niet meer vertrouwt en blijft vaker weg. "


def _text(kind: str, limit: int) -> str:
    """``limit`` characters ending in "EINDE", so a reader can tell the whole text is there."""
    if kind == "prose":
        return (SENTENCE * (limit // len(SENTENCE) + 1))[: limit - 6] + " EINDE"
    return ("x" * 79 + "y") * (limit // 80 - 1) + "x" * 75 + "EINDE"


def _people(kind: str):
    from deelwijzer.accounts.models import User
    from deelwijzer.organisations.models import Membership, Organisation, Role, Sector

    organisation = Organisation.objects.create(name=f"Bench {kind}", sector=Sector.EDUCATION)
    user = User.objects.create_user(username=f"bench-{kind}", first_name="Bench")
    Membership.objects.create(user=user, organisation=organisation, role=Role.PROFESSIONAL)
    return organisation, user


def largest_case(kind: str):
    """The case, every free text at ``TEXT_MAX``, made through the services (the advice
    request as a row: composing it would ask deduce, which this figure is not about)."""
    from django.utils import timezone

    from deelwijzer.advice.models import AdviceRequest
    from deelwijzer.cases.services import CaseInput, case_open
    from deelwijzer.conversations.services import ConversationInput, conversation_record
    from deelwijzer.procedure.limits import TEXT_MAX
    from deelwijzer.risks.services import RiskInput, risk_add
    from deelwijzer.signalling.services import (
        DiagnosisInput,
        OpinionInput,
        SignalInput,
        diagnosis_add,
        opinion_add,
        signal_add,
    )

    organisation, user = _people(kind)
    today = timezone.localdate()
    text = _text(kind, TEXT_MAX)
    data = CaseInput("", "Bench Jongere", today - timedelta(days=15 * 365), "mentor")
    case = case_open(actor=user, organisation=organisation, data=data)
    signal_add(
        actor=user,
        case_id=case.pk,
        data=SignalInput("signal", today - timedelta(days=9), text, "own_observation"),
    )
    opinion_add(actor=user, case_id=case.pk, data=OpinionInput(text, ["s1"]))
    diagnosis_add(
        actor=user, case_id=case.pk, data=DiagnosisInput(text, "Dr. Bench", "psycholoog", text)
    )
    risk_add(
        actor=user,
        case_id=case.pk,
        data=RiskInput("youth", text, "limited", "later", ["s1"]),
    )
    conversation_record(
        actor=user,
        case_id=case.pk,
        data=ConversationInput(
            held_on=today - timedelta(days=2), participants=["youth"], held_by=[user.pk],
            purpose_explained=True, reaction=text,
        ),
    )  # fmt: skip
    answers = ("severity", "safety_risks", "follow_up_steps", "follow_up_by",
               "conversation_by", "conversation_risks")  # fmt: skip
    AdviceRequest.objects.create(
        case=case, key="a1", recorded_by=user, asked_by=user, asker_role="mentor",
        asked_on=today - timedelta(days=5), question=text, original_text=text,
        request_text=text, status="sent", adviser_kind="attention_officer",
        **dict.fromkeys(answers, text),
    )  # fmt: skip
    return case, user, text


def _timed(action, repeat: int) -> tuple[float, int]:
    action()  # warm-up: WeasyPrint's fonts and the templates
    best, size = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(action())
        best = min(best, time.perf_counter() - started)
    return round(best, 2), size


def measure(repeat: int = 3) -> dict:
    from deelwijzer.documents.services import case_subject_access_export, dossier_pdf
    from deelwijzer.procedure.limits import TEXT_MAX

    result: dict = {"text_max": TEXT_MAX}
    for kind in ("prose", "one_word"):
        case, user, text = largest_case(kind)
        dossier, dossier_bytes = _timed(
            lambda case=case, user=user: dossier_pdf(actor=user, case_id=case.pk)[1], repeat
        )
        access, access_bytes = _timed(
            lambda case=case, user=user: case_subject_access_export(actor=user, case_id=case.pk),
            repeat,
        )
        result[kind] = {
            "texts": 15,
            "characters": 15 * len(text),
            "dossier_pdf_s": dossier,
            "dossier_pdf_kb": dossier_bytes // 1024,
            "subject_access_pdf_s": access,
            "subject_access_pdf_kb": access_bytes // 1024,
        }
    return result


def run() -> dict:
    from bench.server import json_on_fresh_sqlite

    return json_on_fresh_sqlite("bench.bench_limits")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    django.setup()
    print(json.dumps(measure(int(os.environ.get("BENCH_PDF_REPEAT") or 3))))


if __name__ == "__main__":
    main()
