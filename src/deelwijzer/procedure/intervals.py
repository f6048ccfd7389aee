"""Disjoint intervals with logarithmic overlap tests (used by the pseudonymiser)."""

from __future__ import annotations

import bisect


class Intervals:
    """Disjoint half-open intervals kept sorted; overlap tests in O(log n)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def is_free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        return i >= len(self._starts) or self._starts[i] >= end

    def add_if_free(self, start: int, end: int) -> bool:
        if not self.is_free(start, end):
            return False
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True
