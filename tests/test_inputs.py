"""``deelwijzer.inputs.input_from``: a service's input from a payload, a row or a mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest


@dataclass(frozen=True)
class Made:
    text: str
    keys: list[str] = field(default_factory=list)
    note: str = "default"


def test_fields_come_from_attributes_or_keys_and_given_values_win():
    from deelwijzer.inputs import input_from

    row = SimpleNamespace(text="uit de rij", keys=["s1"], note="rij", other="niet gevraagd")
    assert input_from(Made, row, note="gegeven") == Made("uit de rij", ["s1"], "gegeven")
    assert input_from(Made, {"text": "uit een mapping"}) == Made("uit een mapping")


def test_lists_are_copied_and_a_missing_field_keeps_its_default():
    from deelwijzer.inputs import input_from

    keys = ["s1"]
    made = input_from(Made, SimpleNamespace(text="t", keys=keys))
    keys.append("s2")
    assert made.keys == ["s1"] and made.note == "default"


def test_a_required_field_the_source_lacks_is_an_error_not_a_guess():
    from deelwijzer.inputs import input_from

    with pytest.raises(TypeError):
        input_from(Made, SimpleNamespace(keys=[]))
