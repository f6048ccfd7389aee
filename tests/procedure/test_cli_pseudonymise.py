"""``deelwijzer pseudonymise``: exact JSON, readable Dutch, exit 2 on bad input, no traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from deelwijzer.procedure.cli_pseudonymise import pseudonymise_main
from deelwijzer.procedure.deidentify import get_deduce

CASE = {
    "format": "deelwijzer-casefile/1",
    "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
    "youth": {
        "pseudonym": "J-1",
        "name": "Yusuf Bakker",
        "birth_date": "2010-03-14",
        "identifiers": ["klas 3B"],
    },
    "guardians": [{"id": "g1", "name": "Fatima Bakker", "has_authority": True}],
}
TEXT = "Yusuf (15 jaar) uit 3B zegt dat zijn moeder Fatima hem naar de moskee stuurt.\n"


@pytest.fixture(scope="module", autouse=True)
def deduce_model():
    return get_deduce()


@pytest.fixture
def files(tmp_path):
    case, text = tmp_path / "case.json", tmp_path / "text.txt"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    text.write_text(TEXT, encoding="utf-8")
    return case, text


def test_json_output_is_exact(files, capsys):
    case, text = files
    assert pseudonymise_main(["--case", str(case), str(text), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"text", "replacements", "review"}
    assert out["text"] == (
        "[JONGERE] (15 jaar) uit [KLAS] zegt dat zijn moeder [OUDER-1] hem naar de moskee stuurt.\n"
    )
    assert out["replacements"][0] == {
        "start": 0,
        "end": 5,
        "original": "Yusuf",
        "placeholder": "[JONGERE]",
        "kind": "youth_name",
    }
    assert [r["placeholder"] for r in out["replacements"]] == ["[JONGERE]", "[KLAS]", "[OUDER-1]"]
    assert all(point.startswith("Stap 2 (R2.1)") for point in out["review"])


def test_text_from_standard_input_and_human_output(files, capsys):
    case, _ = files
    assert pseudonymise_main(["--case", str(case)], stdin=io.StringIO(TEXT)) == 0
    out = capsys.readouterr().out
    assert out.startswith("[JONGERE] (15 jaar)") and "Vervangen (3)" in out
    assert "Controleer zelf" in out and "Yusuf" in out.split("Vervangen")[1]


def test_organisation_names_go_too(files, tmp_path, capsys):
    case, _ = files
    text = tmp_path / "club.txt"
    text.write_text("Yusuf traint bij Zwaluwen aan de Dorpsstraat.\n", encoding="utf-8")
    argv = ["--case", str(case), str(text), "--json", "--organisation-name", "HV Zwaluwen"]
    assert pseudonymise_main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["text"] == "[JONGERE] traint bij [CLUB-1] aan de [STRAAT-1].\n"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"format": "deelwijzer-casefile/1"}), "'youth' is a required property"),
        (
            json.dumps({**CASE, "youth": {**CASE["youth"], "birth_date": "14-03-2010"}}),
            "birth_date",
        ),
    ],
)
def test_bad_case_file_exits_2_listing_the_problems(files, capsys, content, message):
    case, text = files
    case.write_text(content, encoding="utf-8")
    assert pseudonymise_main(["--case", str(case), str(text)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == "" and "Traceback" not in captured.err


def test_unreadable_text_exits_2(files, tmp_path, capsys):
    case, _ = files
    missing = tmp_path / "missing.txt"
    assert pseudonymise_main(["--case", str(case), str(missing)]) == 2
    assert "kan de tekst niet lezen" in capsys.readouterr().err


def test_binary_text_exits_2(files, tmp_path, capsys):
    case, _ = files
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff")
    assert pseudonymise_main(["--case", str(case), str(binary)]) == 2
    assert "kan de tekst niet lezen" in capsys.readouterr().err


def test_missing_case_option_exits_2(capsys):
    assert pseudonymise_main([]) == 2
    assert "--case" in capsys.readouterr().err


def test_case_and_text_cannot_both_come_from_standard_input(capsys):
    assert pseudonymise_main(["--case", "-", "-"], stdin=io.StringIO("")) == 2
    assert "standaardinvoer" in capsys.readouterr().err


def test_runs_as_a_module(files):
    case, text = files
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "deelwijzer.procedure.cli_pseudonymise",
            "--case",
            str(case),
            str(text),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["replacements"][0]["placeholder"] == "[JONGERE]"
