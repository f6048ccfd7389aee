"""`deelwijzer check-text`: JSON shape, human output, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from deelwijzer.procedure.cli_text import check_text_main

TEXT = 'Ik denk dat hij agressief is.\nHij zei: "ik ben radicaal".\n'


def run(argv: list[str], stdin: str = "") -> int:
    return check_text_main(argv, stdin=io.StringIO(stdin))


def test_json_has_exactly_the_published_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["-", "--json"], TEXT) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["findings"]
    assert payload["findings"] == [
        {
            "rule": "R1.2",
            "category": "opinion_marker",
            "start": 0,
            "end": 7,
            "text": "Ik denk",
            "hint": payload["findings"][0]["hint"],
        },
        {
            "rule": "R1.1",
            "category": "interpretation",
            "start": 16,
            "end": 25,
            "text": "agressief",
            "hint": payload["findings"][1]["hint"],
        },
    ]
    assert all(
        list(row) == ["rule", "category", "start", "end", "text", "hint"]
        for row in payload["findings"]
    )
    assert "R1.2" in payload["findings"][0]["hint"]


def test_json_without_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--json"], "Hij kwam om 9 uur binnen.") == 0
    assert json.loads(capsys.readouterr().out) == {"findings": []}


def test_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notitie.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run([str(path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["findings"]) == 2


def test_human_output_is_dutch_with_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["-"], "Eerste regel.\nHij is altijd boos.") == 0
    out = capsys.readouterr().out
    assert out.startswith("2 plekken om naar te kijken:")
    assert "regel 2, kolom 8: 'altijd' (R1.1)" in out
    assert "regel 2, kolom 15: 'boos' (R1.1)" in out


def test_human_output_without_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([], "Hij kwam om 9 uur binnen.") == 0
    assert capsys.readouterr().out.startswith("Geen interpretaties")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "absent.txt", "bestand bestaat niet"),
        (lambda d: d, "dit is een map"),
        (lambda d: _write_bytes(d / "latin1.txt", "agressief ééé".encode("latin-1")), "UTF-8"),
    ],
)
def test_unreadable_file_exits_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    assert run([str(make(tmp_path))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in captured.err


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_unknown_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["--xml"])
    assert exit_info.value.code == 2
    assert "deelwijzer check-text:" in capsys.readouterr().err


def test_organisation_lexicon_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "interpretive.txt").write_text("hangjongere\t@label\n", encoding="utf-8")
    assert run(["-", "--json", "--lexicon", str(tmp_path)], "Een hangjongere.") == 0
    assert [f["text"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["hangjongere"]


def test_broken_organisation_lexicon_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "interpretive.txt").write_text("zonder hint\n", encoding="utf-8")
    assert run(["-", "--lexicon", str(tmp_path)], "x") == 2
    assert "interpretive.txt:1" in capsys.readouterr().err


def test_runs_as_a_module_on_stdin() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run(
        [sys.executable, "-m", "deelwijzer.procedure.cli_text", "--json"],
        input=TEXT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["findings"]) == 2
