"""The REST API as an integration uses it: Playwright's request context, a user's own token.

Scenarios that are not about setting up a case use it to reach the step they show in the
browser; every answer is checked (2xx, JSON), so a set-up that goes wrong fails loudly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from e2e.youth import Youth

PREFIX = "/api/v1"


@dataclass
class Api:
    request: Any  # playwright APIRequestContext
    token: str

    @classmethod
    def for_user(cls, request, username: str) -> Api:
        """A new token of that user, made as under API-sleutels (audited, stored hashed)."""
        from django.contrib.auth import get_user_model

        from deelwijzer.api.tokens import api_token_create

        user = get_user_model().objects.get(username=username)
        _token, secret = api_token_create(actor=user, name="e2e")
        return cls(request, secret)

    def call(self, method: str, path: str, body: dict | None = None, *, status: int = 0):
        """``status``: the answer expected; 0 means any 2xx."""
        response = self.request.fetch(
            PREFIX + path,
            method=method,
            headers={"Authorization": f"Bearer {self.token}"},
            data=body,
        )
        ok = response.status == status if status else response.ok
        assert ok, f"{method} {path}: {response.status} {response.text()}"
        return response.json() if response.body() else None

    def post(self, path: str, body: dict | None = None, **kw):
        return self.call("POST", path, body or {}, **kw)

    def get(self, path: str, **kw):
        return self.call("GET", path, **kw)


# -- set-ups ----------------------------------------------------------------------------
def open_case(mentor: Api, youth: Youth, **extra) -> dict:
    """``extra``: more of the case's fields, e.g. a pseudonym of one's own."""
    return mentor.post(
        "/cases",
        {
            **extra,
            "name": youth.name,
            "birth_date": youth.birth_date.isoformat(),
            "role_on_team": "mentor",
            "identifiers": list(youth.identifiers),
            "guardians": [
                {"name": name, "relation": relation, "has_authority": True}
                for name, relation in youth.guardians
            ],
        },
        status=201,
    )


def add_signal(mentor: Api, case: dict, text: str, *, kind: str = "signal") -> dict:
    observed = (date.today() - timedelta(days=5)).isoformat()
    body = {"kind": kind, "observed_on": observed, "text": text}
    return mentor.post(f"/cases/{case['id']}/signals", body, status=201)


def ask_and_answer_advice(mentor: Api, officer: Api, case: dict) -> None:
    """a1 to the attention officer, answered completely from the officer's inbox."""
    cid = case["id"]
    draft = mentor.post(
        f"/cases/{cid}/advice",
        {
            "question": "Kunnen deze signalen op radicalisering wijzen?",
            "adviser_kind": "attention_officer",
            "signal_keys": ["s1"],
        },
        status=201,
    )
    sent = mentor.post(
        f"/cases/{cid}/advice/{draft['key']}/send",
        {"request_text": draft["request_text"], "expected_version": draft["version"]},
    )
    officer.post(
        f"/inbox/{cid}/{sent['key']}/answer",
        {
            "may_indicate_radicalisation": "yes",
            "severity": "Ernstig.",
            "safety_risks": "Geweld tegen klasgenoten.",
            "timing": "short_term",
            "follow_up_steps": "Een gesprek met de jongere.",
            "follow_up_by": "De mentor.",
            "conversation_possible": True,
            "conversation_by": "De mentor.",
            "conversation_risks": "Dat de jongere dichtklapt.",
            "outcome": "conversation",
            "expected_version": sent["version"],
        },
    )


def conversation(mentor: Api, case: dict, *, complete: bool = True, **values) -> dict:
    """A talk with the young person and the parents with authority, held by the mentor."""
    mentor_id = next(m["user_id"] for m in case["team"])
    body = {
        "held_on": date.today().isoformat(),
        "participants": ["youth", "guardians"],
        "held_by": [mentor_id],
        "guardian_ids": [g["id"] for g in case["guardians"]],
        "purpose_explained": True,
        "signals_and_concerns_described": True,
        "reaction_asked": complete,
        "next_steps_after_reaction": complete,
        "reaction": "Ze luisterde en zei dat ze het begreep.",
        "youth_consents_to_sharing": "given",
        **values,
    }
    return mentor.post(f"/cases/{case['id']}/conversations", body, status=201)


def add_risk(mentor: Api, case: dict) -> dict:
    body = {
        "at_risk": "surroundings",
        "description": "Ze zei tegen klasgenoten dat ze volgende week iets gaat doen op school.",
        "severity": "serious",
        "timing": "short_term",
        "based_on": ["s1"],
    }
    return mentor.post(f"/cases/{case['id']}/risks", body, status=201)


def submit_decision(mentor: Api, case: dict, **values) -> dict:
    body = {
        "share": True,
        "consent": "given",
        "serious_concrete_risks": ["r1"],
        "reasoning": "Risico r1 is ernstig; de jongere stemt in met delen.",
        "submit": True,
        **values,
    }
    return mentor.post(f"/cases/{case['id']}/decision", body)


def sign_off(decider: Api, case: dict, decision: dict) -> dict:
    body = {"expected_version": decision["version"]}
    return decider.post(f"/cases/{case['id']}/decision/sign-off", body)
