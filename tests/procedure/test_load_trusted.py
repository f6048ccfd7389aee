"""``load_casefile(..., schema=False)``: the app's own files skip the JSON Schema pass only."""

import pytest

from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.validation import validate_casefile
from tests.procedure.factories import casefile


def test_without_the_schema_pass_a_broken_reference_is_still_refused():
    data = casefile()
    data["opinions"][0]["about"] = ["zz"]
    with pytest.raises(CaseFileError) as error:
        load_casefile(data, schema=False)
    assert any("unknown id 'zz'" in problem for problem in error.value.problems)


def test_without_the_schema_pass_only_schema_problems_are_left_out():
    data = casefile()
    data["signals"][0]["tags"] = "niet een lijst"
    assert validate_casefile(data)  # the schema refuses a string for a list
    assert validate_casefile(data, schema=False) == []
    assert load_casefile(casefile(), schema=False) == load_casefile(casefile())
