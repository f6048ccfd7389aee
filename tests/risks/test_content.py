"""A risk's content fields are declared once (``risks.models.CONTENT``): every reader (the
form, the history, the service input, the API schemas, the case file) covers exactly those
fields, and a model field outside the declaration is noticed here."""

from __future__ import annotations

from dataclasses import fields

import pytest

from deelwijzer.api.endpoints.step4 import RiskCorrectIn, RiskIn, RiskOut, risk_out
from deelwijzer.api.schemas import EntryMeta
from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.procedure import casefile
from deelwijzer.risks import history
from deelwijzer.risks.casefile import risk_dict
from deelwijzer.risks.forms import RiskForm, RiskReassessForm
from deelwijzer.risks.models import CONTENT, CONTENT_FIELDS, Risk
from deelwijzer.risks.services import RiskInput, risk_input
from tests.risks.helpers import risk, signals

ENTRY_FIELDS = {f.name for f in VersionedEntry._meta.get_fields()}


def test_every_content_field_of_the_model_is_declared_once():
    own = [f.name for f in Risk._meta.concrete_fields if f.name not in ENTRY_FIELDS | {"id"}]
    assert sorted(own) == sorted(CONTENT_FIELDS)
    assert len(set(CONTENT_FIELDS)) == len(CONTENT) == len(CONTENT_FIELDS)


def test_the_form_asks_the_declared_fields_first_with_the_declared_questions():
    form = RiskReassessForm(signals=[("s1", "s1")], advice=[])
    names = list(form.fields)
    assert names[: len(CONTENT)] == list(CONTENT_FIELDS)
    assert names[len(CONTENT) :] == ["correction_note", "expected_version"]
    for content in CONTENT:
        assert form.fields[content.name].label == content.question
        assert form.fields[content.name].help_text == content.help
    grouped = {field.name for field, is_group in RiskForm().content() if is_group}
    assert {"at_risk", "severity", "timing", "based_on"} <= grouped
    assert not {"description", "advice_key"} & grouped


def test_the_service_input_and_the_api_schemas_cover_the_declared_fields():
    assert [f.name for f in fields(RiskInput)] == list(CONTENT_FIELDS)
    assert list(RiskIn.model_fields) == list(CONTENT_FIELDS)
    assert set(RiskCorrectIn.model_fields) - set(RiskIn.model_fields) == {
        "correction_note",
        "expected_version",
    }
    assert set(RiskOut.model_fields) - set(EntryMeta.model_fields) == set(CONTENT_FIELDS)


def test_risk_input_empties_what_is_missing_and_copies_lists():
    keys = ("s1",)
    made = risk_input({"description": "Dreigt de mentor op te wachten.", "based_on": keys})
    assert made == RiskInput(
        at_risk="",
        description="Dreigt de mentor op te wachten.",
        severity="",
        timing="",
        based_on=["s1"],
        advice_key="",
    )
    assert risk_input({"based_on": None, "advice_key": None}).based_on == []


@pytest.fixture
def saved(personas):
    signals(personas.case, personas.professional)
    return risk(personas.case, personas.professional)


def test_the_api_writes_every_declared_field_and_the_case_file_what_the_contract_has(saved):
    out = risk_out(saved)
    assert {name: out[name] for name in CONTENT_FIELDS} == saved.content()
    item = risk_dict(saved, known={"s1"})
    assert set(item) == {f.name for f in fields(casefile.Risk)}
    assert item["based_on"] == ["s1"]
    assert item["at_risk"] == saved.at_risk


def test_the_history_names_every_declared_field_that_changed(saved):
    changed = Risk(**{**saved.content(), "advice_key": "a1", "severity": "limited"})
    found = {c.field: c for c in history.changes_between(saved, changed)}
    assert set(found) == {"severity", "advice_key"}
    assert (found["severity"].old, found["severity"].new) == ("ernstig", "beperkt")
    assert (found["advice_key"].old, found["advice_key"].new) == ("geen advies", "a1")
    assert found["advice_key"].label == str(Risk._meta.get_field("advice_key").verbose_name)
