"""The typed case file: attribute names as the JSON, dates as dates, exact JSON back."""

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from deelwijzer.procedure.casefile import (
    CaseFile,
    CaseFileError,
    Guardian,
    build_casefile,
    dump_casefile,
    index_by_id,
    load_casefile,
)
from tests.procedure.factories import casefile, minimal_casefile, with_

FIXTURES = Path(__file__).parent / "fixtures"


def test_attributes_are_the_json_field_names_and_dates_are_dates():
    cf = load_casefile(casefile())
    assert cf.youth.name == "Yusuf Bakker" and cf.youth.birth_date == date(2011, 3, 14)
    assert cf.youth.identifiers == ["Kastanjelaan 14", "klas 3B", "@yusuf_b"]
    assert cf.guardians[0] == Guardian(
        id="g1", has_authority=True, name="Fatima Bakker", relation="moeder"
    )
    assert cf.signals[1].source.name == "Piet Jansen"
    assert cf.advice[1].adviser.kind == "attention_officer" and cf.advice[1].adviser.outside_team
    assert cf.conversations[0].held_on == date(2026, 10, 12)
    assert cf.decision.decided_by.role == "team_leader"
    assert cf.disclosures[0].feedback.due_on == date(2026, 11, 4)
    assert cf.evaluated_on == date(2026, 11, 29)


def test_absent_and_null_optional_fields_get_defaults():
    cf = load_casefile(minimal_casefile(signals=None, decision=None))
    assert cf.signals == [] and cf.decision is None and cf.no_contra_signals_known is False
    data = with_(casefile(), "conversations.0.youth_consents_to_sharing", None)
    assert load_casefile(data).conversations[0].youth_consents_to_sharing == "not_asked"


def test_objects_are_frozen():
    cf = load_casefile(casefile())
    with pytest.raises(dataclasses.FrozenInstanceError):
        cf.youth.name = "X"  # type: ignore[misc]


def test_dump_gives_the_exact_json_back():
    data = json.loads((FIXTURES / "complete.json").read_text())
    dumped = dump_casefile(load_casefile(data))
    assert list(dumped)[:4] == ["format", "evaluated_on", "organisation", "youth"]
    assert dumped["signals"][0] == data["signals"][0]
    assert dumped["decision"] == data["decision"]
    assert dumped["disclosures"] == data["disclosures"]
    assert load_casefile(json.loads(json.dumps(dumped))) == load_casefile(data)


def test_invalid_data_raises_with_every_problem():
    data = with_(casefile(), "advice.1.outcome", "maybe")
    data = with_(data, "youth.pseudonym", "")
    with pytest.raises(CaseFileError) as info:
        load_casefile(data)
    assert len(info.value.problems) == 2
    assert info.value.problems[0].startswith("$.advice[1].outcome: 'maybe'")


def test_without_evaluation_date_today_is_the_limit():
    data = with_(casefile(), "evaluated_on", None)
    assert load_casefile(data, today=date(2026, 11, 29)).evaluated_on is None
    with pytest.raises(CaseFileError, match="lies after today"):
        load_casefile(data, today=date(2026, 10, 1))


def test_index_by_id_finds_every_object():
    cf = build_casefile(casefile())
    index = index_by_id(cf)
    assert {"g1", "p1", "s1", "s2", "o1", "a1", "a2", "c1", "r1", "x1"} <= set(index)
    assert isinstance(cf, CaseFile) and index["r1"] is cf.risks[0]
