"""``deelwijzer evaluate`` and ``deelwijzer schema``: exit statuses, messages, no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from deelwijzer.procedure.cli_engine import evaluate_main, schema_main
from deelwijzer.procedure.validation import schema_problems
from tests.procedure.factories import casefile, with_, without

FIXTURES = Path(__file__).parent / "fixtures"


def run(capsys, data=None, *args, text=None):
    """Run ``evaluate -`` on data (or raw text); returns (status, stdout, stderr)."""
    raw = text if text is not None else json.dumps(data)
    status = evaluate_main(["-", *args], stdin=io.StringIO(raw))
    out, err = capsys.readouterr()
    return status, out, err


def test_valid_file_exits_0_with_exact_json(capsys):
    status, out, err = run(capsys, casefile(), "--json")
    result = json.loads(out)
    assert status == 0 and err == ""
    assert schema_problems(result, "evaluation-1.json") == []
    assert result["sharing"] == {"allowed": True, "ground": "consent"}
    assert result["age"] == 15 and result["findings"] == []


def test_findings_do_not_change_the_exit_status(capsys):
    status, out, _ = run(capsys, with_(casefile(), "decision.decided_by.role", "mentor"), "--json")
    assert status == 0 and json.loads(out)["findings"][0]["rule"] == "R5.3"


def test_human_output_is_dutch(capsys):
    status, out, _ = run(capsys, text=FIXTURES.joinpath("unlawful-sharing.json").read_text())
    assert status == 0
    assert "Stappen" in out and "onvolledig" in out and "Nu niet toegestaan" in out
    assert "overtreding: Stap 2 (R2.1)" in out


def test_reads_a_file_by_name(capsys):
    assert evaluate_main([str(FIXTURES / "complete.json")]) == 0
    assert "Geen bevindingen." in capsys.readouterr().out


BAD_INPUTS = [
    ("not json", None, "{'format': 1", "$: not valid JSON: Expecting property name"),
    ("empty input", None, "", "$: not valid JSON: Expecting value (line 1, column 1)"),
    ("not an object", [], None, "$: [] is not of type 'object'"),
    (
        "wrong format",
        with_(casefile(), "format", "deelwijzer-casefile/2"),
        None,
        "$.format: 'deelwijzer-casefile/1' was expected",
    ),
    (
        "missing birth date",
        without(casefile(), "youth.birth_date"),
        None,
        "$.youth: 'birth_date' is a required property",
    ),
    (
        "value not allowed",
        with_(casefile(), "advice.1.outcome", "maybe"),
        None,
        "$.advice[1].outcome: 'maybe' is not one of ['no_follow_up', 'extra_attention', "
        "'conversation', 'more_advice', None]",
    ),
    (
        "impossible date",
        with_(casefile(), "signals.0.observed_on", "2026-02-30"),
        None,
        "$.signals[0].observed_on: '2026-02-30' is not a 'date'",
    ),
    (
        "wrong type",
        with_(casefile(), "no_contra_signals_known", "ja"),
        None,
        "$.no_contra_signals_known: 'ja' is not of type 'boolean', 'null'",
    ),
    (
        "unknown field",
        with_(casefile(), "advice.0.outcom", "conversation"),
        None,
        "$.advice[0]: Additional properties are not allowed ('outcom' was unexpected)",
    ),
    (
        "duplicate id",
        with_(casefile(), "signals.1.id", "s1"),
        None,
        "$.signals[1].id: duplicate id 's1' (first used at $.signals[0].id)",
    ),
    (
        "unknown reference",
        with_(casefile(), "risks.0.based_on", ["s9"]),
        None,
        "$.risks[0].based_on[0]: unknown id 's9', expected the id of a signal or opinion or "
        "diagnosis or advice request or conversation in this file",
    ),
    (
        "reference of the wrong kind",
        with_(casefile(), "conversations.0.held_by", ["g1"]),
        None,
        "$.conversations[0].held_by[0]: 'g1' is a guardian, expected a team member",
    ),
    (
        "conversation before birth",
        with_(casefile(), "conversations.0.held_on", "2010-01-01"),
        None,
        "$.conversations[0].held_on: 2010-01-01 lies before the birth date (2011-03-14)",
    ),
    (
        "observation after the evaluation date",
        with_(casefile(), "signals.0.observed_on", "2026-12-01"),
        None,
        "$.signals[0].observed_on: 2026-12-01 lies after the evaluation date (2026-11-29)",
    ),
    (
        "adviser without member",
        with_(casefile(), "advice.0.adviser", {"kind": "team_member"}),
        None,
        "$.advice[0].adviser: 'member' is a required property",
    ),
    (
        "guardians without names",
        with_(casefile(), "conversations.0.guardian_ids", []),
        None,
        "$.conversations[0].guardian_ids: guardians took part but none is named",
    ),
]


@pytest.mark.parametrize(
    ("label", "data", "text", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_invalid_input_exits_2_with_the_problem_on_one_line(capsys, label, data, text, message):
    status, out, err = run(capsys, data, text=text)
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert any(line.startswith(message) for line in lines), err
    assert "Traceback" not in err


def test_every_problem_is_reported_not_only_the_first(capsys):
    data = with_(casefile(), "advice.1.outcome", "maybe")
    data = with_(data, "signals.1.id", "s1")
    data = with_(data, "risks.0.advice_id", "a9")
    status, _, err = run(capsys, data)
    assert status == 2 and len(err.splitlines()) == 3


def test_unreadable_file_exits_2(capsys, tmp_path):
    assert evaluate_main([str(tmp_path / "missing.json")]) == 2
    assert (
        "missing.json: cannot read the file: No such file or directory" in capsys.readouterr().err
    )
    assert evaluate_main([str(tmp_path)]) == 2  # a directory
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"x": "\xe9"}')
    assert evaluate_main([str(bad)]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_missing_argument_exits_2(capsys):
    assert evaluate_main([]) == 2
    assert "required: file" in capsys.readouterr().err


def test_schema_prints_the_published_schema(capsys):
    assert schema_main([]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["format"] == {"const": "deelwijzer-casefile/1"}
    assert schema_main(["--evaluation"]) == 0
    assert "deelwijzer-evaluation/1" in capsys.readouterr().out


def test_runs_as_a_module_without_traceback():
    src = Path(__file__).parents[2] / "src"
    proc = subprocess.run(
        [sys.executable, "-m", "deelwijzer.procedure.cli_engine", "evaluate", "-", "--json"],
        input="[1, 2",
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src)},
    )
    assert proc.returncode == 2 and proc.stderr.startswith("$: not valid JSON")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "deelwijzer.procedure.cli_engine",
            "evaluate",
            str(FIXTURES / "complete.json"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src)},
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["steps"]["6"]["status"] == "complete"


@pytest.mark.parametrize(
    ("name", "ground", "rules"),
    [
        ("complete.json", "consent", []),
        ("just-opened.json", None, []),
        ("skipped-conversation-no-consent.json", "serious_risk_only_way", []),
        ("unlawful-sharing.json", None, ["R1.3", "R2.1", "R5.2", "R5.3", "R6.7"]),
    ],
)
def test_example_case_files(capsys, name, ground, rules):
    assert evaluate_main([str(FIXTURES / name), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["sharing"]["ground"] == ground
    assert [f["rule"] for f in result["findings"]] == rules
