"""Helpers for the step 2 tests: signals through step 1's model, requests through the views."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.advice.models import AdviceRequest

IDENTITY = (
    "Yusuf",
    "Bakker",
    "14-03-2011",
    "14 maart",
    "2011-03-14",
    "Kastanjelaan",
    "3B",
    "@yusuf_b",
    "Fatima",
)


@pytest.fixture(scope="session")
def deduce_model():
    """deduce loaded once for the whole run (procedure.deidentify keeps it per process)."""
    from deelwijzer.procedure.deidentify import get_deduce

    return get_deduce()


def add_signal(case, user, text: str, *, kind: str = "signal", days_ago: int = 10, **extra):
    """A current signal of step 1, made through step 1's own model."""
    from deelwijzer.signalling.models import Signal

    number = Signal.objects.filter(case=case, version=1).count() + 1
    values = {
        "kind": kind,
        "observed_on": timezone.localdate() - timedelta(days=days_ago),
        "text": text,
        "source_kind": "own_observation",
    }
    values.update(extra)
    return Signal.objects.create(case=case, key=f"s{number}", recorded_by=user, **values)


def compose(client, case, **fields):
    data = {"question": "Kunnen deze signalen op radicalisering wijzen?", **fields}
    return client.post(reverse("advice_compose", kwargs={"case_id": case.public_id}), data)


def current(case, key: str) -> AdviceRequest:
    return AdviceRequest.objects.get(case=case, key=key, is_current=True)


def textarea(html: str, name: str) -> str:
    match = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name}"
    return unescape(match.group(1)).strip()


def send(client, case, key: str, text: str):
    version = current(case, key).version
    url = reverse("advice_send", kwargs={"case_id": case.public_id, "key": key})
    return client.post(url, {"request_text": text, "version": version})


def sent_to_officer(client, case, text="Een leerling van 15 zegt dat muziek haram is. Wat nu?"):
    """A request composed and sent to the attention officer; returns its key."""
    response = compose(client, case, adviser_kind="attention_officer")
    assert response.status_code == 302, response.content.decode()[:2000]
    key = response["Location"].rstrip("/").split("/")[-2]
    response = send(client, case, key, text)
    assert response.status_code == 302, response.content.decode()[:3000]
    return key


def answer_body(**overrides) -> dict:
    body = {
        "may_indicate_radicalisation": "unclear",
        "severity": "Nog beperkt.",
        "safety_risks": "Geen acute risico's gezien.",
        "timing": "later",
        "follow_up_steps": "Blijf observeren en praat met de leerling.",
        "follow_up_by": "De mentor.",
        "conversation_possible": "yes",
        "conversation_by": "De mentor samen met de zorgcoördinator.",
        "conversation_risks": "Klein risico dat de leerling zich terugtrekt.",
        "outcome": "extra_attention",
        "review_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def post_answer(client, url: str, case, key: str, body: dict):
    """Post an answer form as the browser does: with the version the page showed."""
    return client.post(url, {"version": current(case, key).version, **body})
