"""Build valid case-file dicts (format deelwijzer-casefile/1) for tests.

``casefile()`` returns a complete, lawful case: every step done by the book, consent given,
one disclosure to the police. Tests change one thing and check the rule that should notice.
``minimal_casefile()`` is a case that was only just opened. Overrides go by top-level key;
``with_(data, "advice.0.outcome", None)`` sets one nested value by a dotted path.
"""

from __future__ import annotations

import copy
from typing import Any

FORMAT = "deelwijzer-casefile/1"

SIGNAL_TEXT = (
    "Draagt sinds drie weken een nikab. Spreekt in de les regelmatig over wat volgens de "
    "Koran wel en niet mag. Doet sinds twee weken niet meer mee met gym."
)


def minimal_casefile(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "evaluated_on": "2026-11-29",
        "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
        "youth": {
            "pseudonym": "J-7F3K",
            "name": "Yusuf Bakker",
            "birth_date": "2011-03-14",
            "identifiers": ["Kastanjelaan 14", "klas 3B", "@yusuf_b"],
        },
        "guardians": [
            {"id": "g1", "name": "Fatima Bakker", "relation": "moeder", "has_authority": True}
        ],
        "team": [
            {"id": "p1", "name": "Anna de Wit", "role": "mentor"},
            {"id": "p2", "name": "Bram Smit", "role": "zorgcoördinator"},
        ],
    }
    data.update(copy.deepcopy(overrides))
    return data


def _signals() -> list[dict[str, Any]]:
    return [
        {
            "id": "s1",
            "kind": "signal",
            "observed_on": "2026-10-02",
            "recorded_by": "p1",
            "text": SIGNAL_TEXT,
            "source": {"kind": "own_observation"},
            "tags": [],
        },
        {
            "id": "s2",
            "kind": "contra_signal",
            "observed_on": "2026-10-03",
            "recorded_by": "p1",
            "text": "Speelt elke zaterdag voetbal bij de club en helpt daar met de jeugdtraining.",
            "source": {"kind": "other", "name": "Piet Jansen", "role": "trainer"},
        },
    ]


def _advice() -> list[dict[str, Any]]:
    answers = {
        "may_indicate_radicalisation": "unclear",
        "severity": "beperkt tot zorgelijk",
        "safety_risks": "mogelijk contact met wervers via sociale media",
        "timing": "later",
        "follow_up_steps": "gesprek met de jongere en de moeder",
        "follow_up_by": "mentor samen met de zorgcoördinator",
        "conversation_possible": True,
        "conversation_by": "mentor",
        "conversation_risks": "weinig; geen aanwijzing voor geweld of weglopen",
    }
    return [
        {
            "id": "a1",
            "asked_on": "2026-10-05",
            "asked_by": "p1",
            "adviser": {"kind": "team_member", "member": "p2"},
            "identifies_youth": True,
            "request_text": "Yusuf uit klas 3B draagt sinds kort een nikab; hoe kijk jij hiernaar?",
            "answers": copy.deepcopy(answers),
            "outcome": "conversation",
        },
        {
            "id": "a2",
            "asked_on": "2026-10-06",
            "asked_by": "p1",
            "adviser": {"kind": "attention_officer"},
            "identifies_youth": False,
            "request_text": (
                "Een leerling van vijftien draagt sinds drie weken een nikab en doet niet meer "
                "mee met gym. Kan dit duiden op radicalisering?"
            ),
            "answers": copy.deepcopy(answers),
            "outcome": "conversation",
        },
    ]


def _conversation() -> dict[str, Any]:
    return {
        "id": "c1",
        "held_on": "2026-10-12",
        "held_by": ["p1"],
        "participants": ["youth", "guardians"],
        "guardian_ids": ["g1"],
        "purpose_explained": True,
        "signals_and_concerns_described": True,
        "reaction_asked": True,
        "next_steps_after_reaction": True,
        "reaction": "Zegt dat het een eigen keuze is.",
        "youth_consents_to_parent_contact": None,
        "youth_consents_to_sharing": "given",
    }


def _risk() -> dict[str, Any]:
    return {
        "id": "r1",
        "at_risk": "youth",
        "description": "Heeft twee keer afgesproken met een onbekende volwassene die hij online "
        "leerde kennen en die hem uitnodigt voor een reis naar het buitenland.",
        "severity": "serious",
        "timing": "short_term",
        "based_on": ["s1", "c1"],
        "advice_id": "a2",
    }


def _decision() -> dict[str, Any]:
    return {
        "decided_on": "2026-10-20",
        "decided_by": {"name": "Carla Vos", "role": "team_leader"},
        "share": True,
        "consent": "given",
        "serious_concrete_risks": ["r1"],
        "only_way": True,
        "only_way_reason": "Alleen de politie kan nagaan wie de volwassene is.",
    }


def _disclosure() -> dict[str, Any]:
    return {
        "id": "x1",
        "shared_on": "2026-10-21",
        "recipient": {"organisation": "police", "name": "wijkagent Oost"},
        "items": ["s1", "r1"],
        "purpose": "nagaan wie de volwassene is en of er een reis gepland is",
        "steps_taken": "Gesprek met jongere en moeder; advies van de aandachtsfunctionaris.",
        "task_division": {
            "professional": "blijft in gesprek met de jongere",
            "recipient": "onderzoekt het online contact",
        },
        "feedback": {"possible": True, "due_on": "2026-11-04", "received_on": None},
    }


def casefile(**overrides: Any) -> dict[str, Any]:
    """A complete, lawful case (every step complete, no violations or missing pieces)."""
    data = minimal_casefile(
        signals=_signals(),
        no_contra_signals_known=False,
        opinions=[
            {
                "id": "o1",
                "about": ["s1"],
                "text": "Wellicht invloed van nieuwe vrienden?",
                "status": "open",
                "follow_ups": [],
            }
        ],
        diagnoses=[],
        advice=_advice(),
        conversations=[_conversation()],
        conversation_skipped=None,
        guardians_not_involved=None,
        guardians_without_consent=None,
        risks=[_risk()],
        decision=_decision(),
        disclosures=[_disclosure()],
    )
    data.update(copy.deepcopy(overrides))
    return data


def with_(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the value at a dotted path ("advice.0.outcome") replaced."""
    out = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = out
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


def without(data: dict[str, Any], path: str) -> dict[str, Any]:
    """A deep copy of ``data`` with the key at a dotted path removed."""
    out = copy.deepcopy(data)
    *parents, last = path.split(".")
    node: Any = out
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        del node[int(last)]
    else:
        del node[last]
    return out


def evaluate_data(data: dict[str, Any], today: Any = None) -> Any:
    """Load (validating) and evaluate a case-file dict; returns the Evaluation."""
    from deelwijzer.procedure.casefile import load_casefile
    from deelwijzer.procedure.evaluate import evaluate

    return evaluate(load_casefile(data, today=today), today=today)


def fired(evaluation: Any, rule: str, kind: str | None = None) -> list[Any]:
    """The findings of one rule (and kind, if given)."""
    return [f for f in evaluation.findings if f.rule == rule and kind in (None, f.kind)]
