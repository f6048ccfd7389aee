"""The case file's section registry (interchange/registry.py): each step app registers its
section in ready(); building and importing a file go through the registry in step order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deelwijzer.interchange import registry
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.interchange.importing import casefile_import

FIXTURES = Path(__file__).resolve().parent.parent / "procedure" / "fixtures"


@pytest.fixture
def own_registry(monkeypatch):
    """A copy of the registry the test may change; the app's own stays as it was."""
    monkeypatch.setattr(registry, "_SECTIONS", dict(registry._SECTIONS))
    return registry


def test_the_six_step_apps_register_their_sections_in_step_order():
    found = [(s.name, s.order) for s in registry.sections()]
    assert found == [
        ("signalling", 1),
        ("advice", 2),
        ("conversations", 3),
        ("risks", 4),
        ("decisions", 5),
        ("disclosures", 6),
    ]
    assert [s.name for s in registry.sections() if s.import_ is not None] == [
        "signalling",
        "risks",
    ]


def test_an_order_already_taken_is_refused_and_changes_nothing(own_registry):
    before = own_registry.sections()
    with pytest.raises(ValueError, match="order 4 is taken by 'risks'"):
        own_registry.register_section("evidence", export=lambda case, data: None, order=4)
    assert own_registry.sections() == before


def test_registering_a_name_again_replaces_its_section(own_registry):
    def export(case, data):
        return None

    own_registry.register_section("risks", export=export, order=4)
    risks = [s for s in own_registry.sections() if s.name == "risks"]
    assert len(risks) == 1 and risks[0].export is export and risks[0].import_ is None


def test_the_case_file_is_built_by_every_section_in_order(personas, own_registry):
    calls = []

    def spy(name):
        def export(case, data):
            calls.append((name, case.pk, sorted(data)[:2]))
            data.setdefault("seen", []).append(name)

        return export

    own_registry._SECTIONS.clear()
    own_registry.register_section("late", export=spy("late"), order=9)
    own_registry.register_section("early", export=spy("early"), order=2)
    data = build_casefile(personas.case)
    assert [name for name, _pk, _keys in calls] == ["early", "late"]
    assert {pk for _name, pk, _keys in calls} == {personas.case.pk}
    assert data["seen"] == ["early", "late"]  # one dict passed from section to section
    assert data["signals"] == [] and data["risks"] == []  # nothing else filled them


def test_an_import_runs_each_section_in_order_with_the_keys_so_far(personas, own_registry):
    seen = []

    def first(step):
        step.keys["s1"] = "s7"
        step.imported["first"] = 1

    def second(step):
        seen.append((dict(step.keys), step.case.pk, step.actor))
        step.imported["second"] = 2

    own_registry._SECTIONS.clear()
    own_registry.register_section("second", export=lambda c, d: None, import_=second, order=5)
    own_registry.register_section("first", export=lambda c, d: None, import_=first, order=1)
    own_registry.register_section("export_only", export=lambda c, d: None, order=3)
    data = json.loads((FIXTURES / "just-opened.json").read_text(encoding="utf-8"))
    result = casefile_import(
        actor=personas.professional,
        organisation=personas.organisation,
        data=data,
        role_on_team="mentor",
    )
    assert seen == [({"s1": "s7"}, result.case.pk, personas.professional)]
    assert list(result.imported.items()) == [("first", 1), ("second", 2)]
