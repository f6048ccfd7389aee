"""Step 6's part of the case file: every disclosure, with the feedback that came back.

Two queries whatever the number of disclosures.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch

from deelwijzer.cases.models import Case
from deelwijzer.disclosures.models import ContactKind, Disclosure, FeedbackReceipt

# The case file knows these recipient kinds; any other goes in as "other", with its kind named.
FILE_KINDS = {"police", "municipality_aoov", "veiligheidshuis", "other"}


def recipient_dict(kind: str, name: str) -> dict:
    if kind in FILE_KINDS:
        return {"organisation": kind, "name": name}
    return {"organisation": "other", "name": f"{ContactKind(kind).label}: {name}"}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def disclosure_dict(
    *,
    key: str,
    shared_on: date,
    recipient: tuple[str, str] | None,
    items: list[str],
    purpose: str,
    steps_taken: str,
    task: tuple[str, str],
    feedback: tuple[bool | None, date | None, date | None],
) -> dict:
    possible, due_on, received_on = feedback
    return {
        "id": key,
        "shared_on": shared_on.isoformat(),
        "recipient": recipient_dict(*recipient) if recipient else None,
        "items": list(items),
        "purpose": purpose or None,
        "steps_taken": steps_taken.strip() or None,
        "task_division": {
            "professional": task[0].strip() or None,
            "recipient": task[1].strip() or None,
        },
        "feedback": {
            "possible": possible,
            "due_on": _iso(due_on) if possible else None,
            "received_on": _iso(received_on),
        },
    }


def first_feedback(disclosure: Disclosure) -> date | None:
    dates = [r.received_on for r in disclosure.feedback.all()]
    return min(dates) if dates else None


def contribute(case: Case, data: dict) -> None:
    feedback = Prefetch("feedback", queryset=FeedbackReceipt.objects.order_by())  # no joins
    rows = Disclosure.objects.filter(case=case).prefetch_related(feedback).order_by("id")
    data["disclosures"] = [
        disclosure_dict(
            key=x.key,
            shared_on=x.shared_on,
            recipient=(x.recipient_kind, x.recipient_name),
            items=x.item_keys,
            purpose=x.purpose,
            steps_taken=x.steps_taken,
            task=(x.task_professional, x.task_recipient),
            feedback=(x.feedback_possible, x.feedback_due_on, first_feedback(x)),
        )
        for x in rows
    ]
