"""deduce's cache check compares naive local times; Django sets TZ=Europe/Amsterdam.

A cache built under UTC must still count as built in a process east of UTC, or the web
process would rebuild deduce's tables (minutes, 1 GB) on a request.
"""

import os
import subprocess
import sys

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
