"""schemathesis's own runner (``st run``) against a live server with a real token (issue #17
item 12): every check it has (status codes, content types, response schemas and headers,
negative data rejected, positive data accepted, unsupported methods, ignored auth, use after
free, resource availability, …) over the coverage and fuzzing phases, then the stateful
phase along the document's links (api.links). Settings in tests/api/schemathesis.toml.
Bounded: coverage and fuzzing by ``--max-time`` (SCHEMATHESIS_MAX_TIME, default 75 s), the
stateful phase by its number of scenarios, each run by a hard stop; measured about 2.5
minutes of one worker in all on a quiet machine (more when the machine is busy)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deelwijzer.procedure.deidentify import get_deduce
from tests.api.data import case_with_entries
from tests.api.helpers import token_for

ST = Path(sys.executable).with_name("st")
CONFIG = Path(__file__).with_name("schemathesis.toml")
BUDGET = int(os.environ.get("SCHEMATHESIS_MAX_TIME", "75"))
STATEFUL_SCENARIOS = 10
HARD_STOP = 300  # seconds: a run that hangs fails instead of holding up CI
# coverage and fuzzing stop at --max-time; the stateful phase, which repeats until its time is
# spent and starts slowly on a busy machine, stops after its number of scenarios instead.
RUNS = {
    "coverage,fuzzing": ["--max-time", str(BUDGET)],
    # its own seed: which scenarios a seed makes depends on the document's operations; with
    # seed 1 (the config's) and 63 operations (step 3's withdrawal added) the ten scenarios
    # started on empty pages and followed no link; with 65 (the attachments list and the
    # colleagues added) seed 2 did, and its links found nothing to take; seed 3 follows several
    "stateful": ["--max-examples", str(STATEFUL_SCENARIOS), "--seed", "3"],
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("phases", list(RUNS))
def test_schemathesis_finds_nothing(live_server, personas, tmp_path, phases):
    case_with_entries(personas)
    get_deduce()  # loaded once here, not inside a timed request (an advice request uses it)
    command = [
        str(ST), "--config-file", str(CONFIG), "run", f"{live_server.url}/api/v1/openapi.json",
        "--header", f"Authorization: Bearer {token_for(personas.professional)}",
        "--checks", "all",
        "--phases", phases,
        *RUNS[phases],
        "--report", "junit", "--report-dir", str(tmp_path),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=HARD_STOP,
        check=False,
        cwd=tmp_path,  # its cache (.schemathesis/) too
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-30_000:]
    if phases == "stateful":  # it did chain requests along the links, not only start them
        covered = re.search(r"API Links:\s+(\d+) covered", output)
        assert covered and int(covered.group(1)) > 0, output[-30_000:]
