"""deduce's tables are loaded once per process and then live as long as it: millions of small
objects that every full garbage collection would walk again (seconds each, in a web worker or a
test worker). Loading them puts them out of the collector's reach."""

from __future__ import annotations

import gc

from deelwijzer.procedure.deidentify import get_deduce


def test_the_loaded_tables_are_out_of_the_collectors_reach():
    get_deduce()
    assert gc.get_freeze_count() > 1_000_000
