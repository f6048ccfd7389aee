"""deduce's cache check compares naive local times; Django sets TZ=Europe/Amsterdam.

A cache built under UTC must still count as built in a process east of UTC, or the web
process would rebuild deduce's tables (minutes, 1 GB) on a request.
"""

import os
import pickle
import subprocess
import sys
from datetime import datetime

import pytest


@pytest.mark.parametrize("tz", ["UTC", "Europe/Amsterdam", "Pacific/Kiritimati"])
def test_built_tables_count_as_built_in_every_time_zone(tz):
    result = subprocess.run(
        [sys.executable, "-m", "deelwijzer.procedure.deidentify", "--check"],
        env={**os.environ, "TZ": tz},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gebouwd" in result.stdout


def _fake_cache(root, version: str, saved: str) -> None:
    (root / "cache").mkdir()
    (root / "src" / "names").mkdir(parents=True)
    header = {"deduce_version": version, "saved_datetime": saved, "lookup_structs": None}
    (root / "cache" / "lookup_structs.pickle").write_bytes(pickle.dumps(header))


def test_the_check_says_why_the_tables_count_as_not_built(tmp_path, monkeypatch):
    import deduce

    from deelwijzer.procedure import deidentify

    monkeypatch.setenv(deidentify.CACHE_ENV, str(tmp_path))
    assert "geen " in deidentify.not_built_reason()
    _fake_cache(tmp_path, deduce.__version__, "2000-01-02T00:00:00")
    os.utime(tmp_path / "src", (946684800 - 86400,) * 2)  # older than the build
    reason = deidentify.not_built_reason()
    assert reason is not None and str(tmp_path / "src" / "names") in reason  # changed later
    os.utime(tmp_path / "src" / "names", (946684800 - 86400,) * 2)
    assert deidentify.not_built_reason() is None

    other = tmp_path / "other"
    other.mkdir()
    _fake_cache(other, "0.0.1", "2000-01-02T00:00:00")
    monkeypatch.setenv(deidentify.CACHE_ENV, str(other))
    monkeypatch.setattr(deidentify, "_model", None)
    with pytest.raises(deidentify.DeduceNotBuiltError, match="gebouwd met deduce 0.0.1"):
        deidentify.get_deduce()


def test_importing_the_word_lists_package_keeps_the_tables_built(tmp_path, monkeypatch):
    """Loading deduce imports ``deduce.data.lookup.src`` (it has an ``__init__.py``). With
    bytecode from before the ageing, Python rewrote it into ``src/__pycache__``, making that
    directory newer than the cache: every process after the first load found the tables not
    built (CI, where bytecode is written). The ageing compiles it so that it stays."""
    import deduce

    from deelwijzer.procedure import deidentify

    src = tmp_path / "src"
    (src / "names").mkdir(parents=True)
    (src / "__init__.py").write_text("WORD_LISTS = True\n")
    import py_compile

    py_compile.compile(str(src / "__init__.py"), doraise=True)  # as pip does at install
    saved = datetime.now().isoformat()
    _fake_header = {"deduce_version": deduce.__version__, "saved_datetime": saved}
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "lookup_structs.pickle").write_bytes(pickle.dumps(_fake_header))
    deidentify._age_sources(src)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", "import src; assert src.WORD_LISTS"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv(deidentify.CACHE_ENV, str(tmp_path))
    assert deidentify.not_built_reason() is None
