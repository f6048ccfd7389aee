"""gunicorn settings for the memory benchmark (``gunicorn -c bench/gunicorn_deduce.py``).

BENCH_DEDUCE_MODE:
  ``none``     workers never load deduce (pages that do not pseudonymise);
  ``worker``   every worker loads its own deduce after the fork (what happens without
               --preload once each worker has pseudonymised a text);
  ``preload``  the master imports the app and loads deduce before forking (--preload), then
               gc.freeze() so the collector does not write to the shared pages.
Each worker then pseudonymises one short text (as a first request would) and writes its pid
to BENCH_READY_DIR, so the benchmark knows when to read /proc/<pid>/smaps_rollup.
"""

import gc
import os
from pathlib import Path

MODE = os.environ.get("BENCH_DEDUCE_MODE", "none")
preload_app = MODE == "preload"
SAMPLE = "Jan de Vries (15) uit Utrecht zei op 3 maart tegen zijn mentor dat hij wil vertrekken."


def _deduce():
    from deelwijzer.procedure.deidentify import get_deduce

    return get_deduce()


def when_ready(server):
    if MODE == "preload":
        _deduce()
        gc.freeze()


def post_worker_init(worker):
    if MODE != "none":
        _deduce().deidentify(SAMPLE)
    ready = os.environ.get("BENCH_READY_DIR")
    if ready:
        Path(ready, str(os.getpid())).touch()
