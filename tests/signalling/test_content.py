"""The content fields of signals, opinions and diagnoses are declared once on their models
(``CONTENT``, as ``risks.models.CONTENT``): the forms ask the declared questions, the entry
pages and the API read the declared fields, and a model field outside the declaration is
noticed here."""

from __future__ import annotations

from datetime import date

import pytest

from deelwijzer.api.endpoints import step1
from deelwijzer.api.schemas import EntryMeta
from deelwijzer.cases.entries import VersionedEntry
from deelwijzer.signalling import entry_views
from deelwijzer.signalling.casefile import diagnosis_dict, opinion_dict, signal_dict
from deelwijzer.signalling.forms import DiagnosisCorrectForm, OpinionCorrectForm, SignalCorrectForm
from deelwijzer.signalling.models import Diagnosis, Opinion, Signal

ENTRY_FIELDS = {f.name for f in VersionedEntry._meta.get_fields()} | {"id"}

KINDS = [
    (Signal, SignalCorrectForm, entry_views.SIGNAL, step1.SignalIn, step1.SignalOut),
    (Opinion, OpinionCorrectForm, entry_views.OPINION, step1.OpinionIn, step1.OpinionOut),
    (Diagnosis, DiagnosisCorrectForm, entry_views.DIAGNOSIS, step1.DiagnosisIn, step1.DiagnosisOut),
]
IDS = ["signal", "opinion", "diagnosis"]


@pytest.mark.parametrize(("model", "form", "kind", "schema_in", "schema_out"), KINDS, ids=IDS)
def test_every_content_field_of_the_model_is_declared_once(
    model, form, kind, schema_in, schema_out
):
    own = [f.name for f in model._meta.concrete_fields if f.name not in ENTRY_FIELDS]
    assert sorted(own) == sorted(model.content_fields())
    assert len(set(model.content_fields())) == len(model.CONTENT)


@pytest.mark.parametrize(("model", "form", "kind", "schema_in", "schema_out"), KINDS, ids=IDS)
def test_the_correction_form_asks_the_declared_questions(model, form, kind, schema_in, schema_out):
    made = form()
    asked = [c for c in model.CONTENT if c.form]
    assert [name for name in made.fields if name in model.content_fields()] == [
        c.name for c in asked
    ]
    for content in asked:
        assert made.fields[content.name].label == content.question
        assert made.fields[content.name].help_text == content.help


@pytest.mark.parametrize(("model", "form", "kind", "schema_in", "schema_out"), KINDS, ids=IDS)
def test_the_entry_page_and_the_api_cover_the_declared_fields(
    model, form, kind, schema_in, schema_out
):
    assert kind.fields == model.content_fields()
    asked = {c.name for c in model.CONTENT if c.form}
    assert set(schema_in.model_fields) == asked
    out = set(schema_out.model_fields) - set(EntryMeta.model_fields) - {"follow_ups"}
    assert out == set(model.content_fields())


def test_a_changed_question_reaches_the_form(monkeypatch):
    """The form reads the declaration at run time: no second copy of the question."""
    changed = tuple(
        c if c.name != "text" else type(c)("text", "Wat gebeurde er?") for c in Signal.CONTENT
    )
    monkeypatch.setattr(Signal, "CONTENT", changed)
    assert SignalCorrectForm().fields["text"].label == "Wat gebeurde er?"


@pytest.fixture
def entries(personas):
    from deelwijzer.signalling.models import FollowUp

    case, user = personas.case, personas.professional
    signal = Signal.objects.create(
        case=case, key="s1", recorded_by=user, kind="signal", observed_on=date(2026, 11, 2),
        text="Hij gooide zijn tas tegen de deur.", source_kind="own_observation", tags=["a"],
    )  # fmt: skip
    opinion = Opinion.objects.create(
        case=case, key="o1", recorded_by=user, text="Misschien thuis.", about=["s1"]
    )
    diagnosis = Diagnosis.objects.create(
        case=case, key="d1", recorded_by=user, text="ADHD", established_by_name="dr. A",
        established_by_role="psychiater", relevance="Verklaart de onrust.",
    )  # fmt: skip
    assert not FollowUp.objects.exists()
    return signal, opinion, diagnosis


def test_the_api_and_the_case_file_write_every_declared_field(entries):
    signal, opinion, diagnosis = entries
    for entry, out in (
        (signal, step1.signal_out(signal)),
        (opinion, step1.opinion_out(opinion)),
        (diagnosis, step1.diagnosis_out(diagnosis)),
    ):
        assert {name: out[name] for name in entry.content_fields()} == entry.content()
    # The case file's shape is the public contract: the source and who established a
    # diagnosis are nested there, but every declared field is in it.
    item = signal_dict(signal, team=set())
    assert (item["kind"], item["text"], item["tags"]) == ("signal", signal.text, ["a"])
    assert item["source"] == {"kind": "own_observation"}
    assert opinion_dict(opinion, [])["about"] == ["s1"]
    assert diagnosis_dict(diagnosis)["established_by"] == {"name": "dr. A", "role": "psychiater"}
