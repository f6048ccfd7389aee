"""Property tests over generated valid case files (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from deelwijzer.procedure.casefile import dump_casefile, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import STATUS_ORDER
from deelwijzer.procedure.validation import schema_problems, validate_casefile

EVALUATED_ON = date(2026, 11, 29)
TEXTS = [
    "Draagt sinds drie weken een nikab.",
    "Was twee keer niet op de afspraak zonder bericht.",
    "Speelt elke zaterdag voetbal bij de club.",
    "Yusuf vertelde over een reis naar het buitenland.",
    "",
]
maybe_text = st.one_of(st.none(), st.sampled_from(TEXTS))
maybe_bool = st.one_of(st.none(), st.booleans())


def dates(draw: Any, start: date) -> str:
    days = (EVALUATED_ON - start).days
    return (start + timedelta(days=draw(st.integers(0, max(days, 0))))).isoformat()


def _signals(draw: Any, team: list[str], birth: date) -> list[dict[str, Any]]:
    sources = st.one_of(
        st.none(),
        st.just({"kind": "own_observation"}),
        st.fixed_dictionaries({"kind": st.just("other"), "name": maybe_text, "role": maybe_text}),
    )
    return [
        {
            "id": f"s{i}",
            "kind": draw(st.sampled_from(["signal", "contra_signal"])),
            "observed_on": dates(draw, birth),
            "recorded_by": draw(st.sampled_from(team)),
            "text": draw(st.sampled_from(TEXTS)),
            "source": draw(sources),
        }
        for i in range(draw(st.integers(0, 4)))
    ]


def _opinions(draw: Any, signal_ids: list[str], birth: date) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(0, 2))):
        follow_ups = [{"date": dates(draw, birth), "text": "nagevraagd"}] * draw(st.integers(0, 1))
        about = draw(st.lists(st.sampled_from(signal_ids), max_size=2)) if signal_ids else []
        status = draw(st.sampled_from(["open", "confirmed", "refuted"]))
        out.append(
            {
                "id": f"o{i}",
                "about": about,
                "text": "Wellicht?",
                "status": status,
                "follow_ups": follow_ups,
            }
        )
    return out


def _advice(draw: Any, team: list[str], birth: date) -> list[dict[str, Any]]:
    advisers = st.one_of(
        st.builds(lambda m: {"kind": "team_member", "member": m}, st.sampled_from(team)),
        st.just({"kind": "attention_officer"}),
        st.builds(
            lambda o: {"kind": "external", "organisation": o},
            st.sampled_from(["police", "veiligheidshuis", "platform_jep", "other"]),
        ),
    )
    answers = st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {
                "may_indicate_radicalisation": st.sampled_from([None, "yes", "no", "unclear"]),
                "severity": maybe_text,
                "safety_risks": maybe_text,
                "timing": st.sampled_from([None, "short_term", "later", "none"]),
                "follow_up_steps": maybe_text,
                "follow_up_by": maybe_text,
                "conversation_possible": maybe_bool,
                "conversation_by": maybe_text,
                "conversation_risks": maybe_text,
            }
        ),
    )
    outcomes = st.sampled_from(
        [None, "no_follow_up", "extra_attention", "conversation", "more_advice"]
    )
    return [
        {
            "id": f"a{i}",
            "asked_on": dates(draw, birth),
            "asked_by": draw(st.sampled_from(team)),
            "adviser": draw(advisers),
            "identifies_youth": draw(st.booleans()),
            "request_text": draw(maybe_text),
            "answers": draw(answers),
            "outcome": draw(outcomes),
        }
        for i in range(draw(st.integers(0, 3)))
    ]


def _conversations(draw: Any, team: list[str], guardians: list[str], birth: date) -> list[dict]:
    out = []
    for i in range(draw(st.integers(0, 2))):
        with_guardians = bool(guardians) and draw(st.booleans())
        out.append(
            {
                "id": f"c{i}",
                "held_on": dates(draw, birth),
                "held_by": draw(st.lists(st.sampled_from(team), max_size=2, unique=True)),
                "participants": ["youth", "guardians"] if with_guardians else ["youth"],
                "guardian_ids": draw(st.lists(st.sampled_from(guardians), min_size=1, unique=True))
                if with_guardians
                else [],
                "purpose_explained": draw(maybe_bool),
                "signals_and_concerns_described": draw(maybe_bool),
                "reaction_asked": draw(maybe_bool),
                "next_steps_after_reaction": draw(maybe_bool),
                "youth_consents_to_parent_contact": draw(maybe_bool),
                "youth_consents_to_sharing": draw(
                    st.sampled_from(["given", "refused", "not_asked"])
                ),
            }
        )
    return out


def _risks(draw: Any, basis: list[str], advice: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": f"r{i}",
            "at_risk": draw(st.sampled_from([None, "youth", "family", "surroundings"])),
            "description": draw(maybe_text),
            "severity": draw(st.sampled_from([None, "limited", "considerable", "serious"])),
            "timing": draw(st.sampled_from([None, "short_term", "later"])),
            "based_on": draw(st.lists(st.sampled_from(basis), max_size=2)) if basis else [],
            "advice_id": draw(st.sampled_from([None, *advice])),
        }
        for i in range(draw(st.integers(0, 3)))
    ]


def _decision(draw: Any, risks: list[str], birth: date) -> dict[str, Any] | None:
    if not draw(st.booleans()):
        return None
    return {
        "decided_on": dates(draw, birth),
        "decided_by": draw(
            st.sampled_from(
                [None, {"name": "C", "role": "team_leader"}, {"name": "D", "role": "mentor"}]
            )
        ),
        "share": draw(st.booleans()),
        "consent": draw(st.sampled_from(["given", "refused", "not_asked"])),
        "serious_concrete_risks": draw(st.lists(st.sampled_from(risks), max_size=2))
        if risks
        else [],
        "only_way": draw(maybe_bool),
        "only_way_reason": draw(maybe_text),
    }


def _disclosures(draw: Any, items: list[str], birth: date) -> list[dict[str, Any]]:
    return [
        {
            "id": f"x{i}",
            "shared_on": dates(draw, birth),
            "recipient": draw(st.sampled_from([None, {"organisation": "police", "name": "wijk"}])),
            "items": draw(st.lists(st.sampled_from(items), max_size=3)) if items else [],
            "steps_taken": draw(maybe_text),
            "task_division": draw(st.sampled_from([None, {"professional": "a", "recipient": "b"}])),
            "feedback": draw(st.sampled_from([None, {"possible": False}, {"possible": True}])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]


@st.composite
def casefiles(draw: Any) -> dict[str, Any]:
    birth = EVALUATED_ON - timedelta(days=draw(st.integers(12 * 365, 19 * 365)))
    team = [f"p{i}" for i in range(draw(st.integers(1, 3)))]
    guardians = [f"g{i}" for i in range(draw(st.integers(0, 2)))]
    signals = _signals(draw, team, birth)
    opinions = _opinions(draw, [s["id"] for s in signals], birth)
    advice = _advice(draw, team, birth)
    conversations = _conversations(draw, team, guardians, birth)
    ids_1_3 = [x["id"] for x in (*signals, *opinions, *advice, *conversations)]
    risks = _risks(draw, ids_1_3, [a["id"] for a in advice])
    advice_or_none = st.sampled_from([None, *[a["id"] for a in advice]])
    return {
        "format": "deelwijzer-casefile/1",
        "evaluated_on": EVALUATED_ON.isoformat(),
        "organisation": {
            "attention_officer": draw(st.booleans()),
            "decision_maker_role": "team_leader",
        },
        "youth": {
            "pseudonym": "J-1",
            "name": "Yusuf Bakker",
            "birth_date": birth.isoformat(),
            "identifiers": ["klas 3B"],
        },
        "guardians": [
            {"id": g, "name": "Fatima Bakker", "has_authority": draw(st.booleans())}
            for g in guardians
        ],
        "team": [{"id": p, "name": f"Lid {p}", "role": "mentor"} for p in team],
        "signals": signals,
        "no_contra_signals_known": draw(st.booleans()),
        "opinions": opinions,
        "advice": advice,
        "conversations": conversations,
        "conversation_skipped": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries({"reason": maybe_text, "advice_id": advice_or_none}),
            )
        ),
        "guardians_not_involved": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "ground": st.sampled_from(["unsafe_per_advice", "contrary_to_good_care"]),
                        "reason": maybe_text,
                        "advice_id": advice_or_none,
                    }
                ),
            )
        ),
        "guardians_without_consent": draw(st.sampled_from([None, {"reason": "veiligheid"}])),
        "risks": risks,
        "decision": _decision(draw, [r["id"] for r in risks], birth),
        "disclosures": _disclosures(draw, ids_1_3 + [r["id"] for r in risks], birth),
    }


SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(casefiles())
def test_generated_files_are_valid_and_survive_a_round_trip(data):
    assert validate_casefile(data) == []
    cf = load_casefile(data)
    assert load_casefile(json.loads(json.dumps(dump_casefile(cf)))) == cf


@SETTINGS
@given(casefiles())
def test_evaluate_never_raises_and_output_matches_the_evaluation_format(data):
    result = evaluate(load_casefile(data)).to_dict()
    assert schema_problems(json.loads(json.dumps(result)), "evaluation-1.json") == []


@SETTINGS
@given(casefiles())
def test_consent_given_means_sharing_allowed(data):
    if data["decision"] is None:
        data["decision"] = {"share": False, "consent": "given"}
    record = {"recorded_on": EVALUATED_ON.isoformat(), "how": "in_writing"}
    data["decision"].update(
        consent="given", decided_on=EVALUATED_ON.isoformat(), consent_record=record
    )
    sharing = evaluate(load_casefile(data)).sharing
    assert sharing.allowed and sharing.ground == "consent"


@SETTINGS
@given(casefiles())
def test_consent_given_in_every_conversation_and_no_decision_means_allowed(data):
    data["decision"], data["disclosures"] = None, []
    for c in data["conversations"]:
        c["youth_consents_to_sharing"] = "given"
    sharing = evaluate(load_casefile(data)).sharing
    assert sharing.allowed == bool(data["conversations"])


@SETTINGS
@given(casefiles(), st.sampled_from(["refused", "not_asked"]), st.booleans())
def test_no_consent_and_no_serious_concrete_risk_is_never_allowed(data, refusal, vague):
    for c in data["conversations"]:
        if c["youth_consents_to_sharing"] == "given":
            c["youth_consents_to_sharing"] = refusal
    if data["decision"] is not None:
        data["decision"]["consent"] = refusal
    for r in data["risks"]:  # every risk either not serious or not concretely described
        if r["severity"] == "serious":
            r.update(description="") if vague else r.update(severity="considerable")
    ev = evaluate(load_casefile(data))
    assert not ev.sharing.allowed and ev.sharing.ground is None
    if data["decision"] and data["decision"]["share"]:
        assert ev.findings_for("R5.2")


@SETTINGS
@given(casefiles(), st.booleans())
def test_adding_a_contra_signal_never_makes_step_1_less_complete(data, own):
    before = evaluate(load_casefile(data)).steps[1].status
    source = {"kind": "own_observation"} if own else {"kind": "other", "name": "P", "role": "coach"}
    data["signals"].append(
        {
            "id": "s-extra",
            "kind": "contra_signal",
            "text": "Helpt bij de club.",
            "recorded_by": data["team"][0]["id"],
            "source": source,
        }
    )
    after = evaluate(load_casefile(data)).steps[1].status
    assert STATUS_ORDER[after] >= STATUS_ORDER[before]
