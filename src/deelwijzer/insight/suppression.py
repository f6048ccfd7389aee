"""Small-cell suppression (issue #22): no young person may be recognisable from a figure.

A count of 1 to 4 is shown as "< 5". So that it cannot be worked out by subtraction from a
total that is shown, a group (a row or a column whose sum is shown, or the steps of a funnel)
with exactly one hidden cell hides its next smallest cell too. A 0 is shown: it reveals nobody.
"""

from __future__ import annotations

SMALL = 5
HIDDEN = "< 5"
API_HIDDEN = "<5"
# A figure that is not a count (days) and is not shown because it would show too few cases:
# not "< 5", which would read as "under five days" (the statistics walk).
WITHHELD = "–"


def _small(value: int) -> bool:
    return 0 < value < SMALL


def hide_in_group(values: list[int], hidden: set[int]) -> set[int]:
    """Indexes to hide in one group whose total is shown (``hidden``: already hidden ones)."""
    hidden = hidden | {i for i, v in enumerate(values) if _small(v)}
    shown = [i for i, v in enumerate(values) if i not in hidden and v > 0]
    if len(hidden & {i for i, v in enumerate(values) if v > 0}) == 1 and shown:
        hidden.add(min(shown, key=lambda i: values[i]))
    return hidden


def hide_table(rows: list[list[int]]) -> set[tuple[int, int]]:
    """Cells to hide in a table whose row and column totals are shown: rows and columns in
    turn until nothing changes."""
    hidden: set[tuple[int, int]] = set()
    while True:
        before = set(hidden)
        for r, row in enumerate(rows):
            mine = {c for (rr, c) in hidden if rr == r}
            hidden |= {(r, c) for c in hide_in_group(row, mine)}
        for c in range(len(rows[0]) if rows else 0):
            column = [row[c] for row in rows]
            mine = {r for (r, cc) in hidden if cc == c}
            hidden |= {(r, c) for r in hide_in_group(column, mine)}
        if hidden == before:
            return hidden


def hide_funnel(values: list[int]) -> set[int]:
    """A funnel (each step a part of the one before): hide a small count, and a step whose
    difference with a shown step before it is small (those cases stopped there)."""
    hidden = {i for i, v in enumerate(values) if _small(v)}
    last_shown = None
    for i, value in enumerate(values):
        if i in hidden:
            continue
        if last_shown is not None and _small(values[last_shown] - value):
            hidden.add(i)
            continue
        last_shown = i
    return hidden
