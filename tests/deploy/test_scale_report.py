"""Issue #23: how ``make bench-scale`` reports when the failed requests of its failover came.
Locust stamps a failure with the whole second it fell in, cut off; the report gives the end
of that second, so a failure in the second of the kill is not reported as coming before it."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.scale import _failure_window, _failures_text

HEADER = "Method,Name,Error,Occurrences,First Seen,Last Seen\n"


def failures(*last_seen: str) -> str:
    rows = [f"POST,post signal,CatchResponseError('status 0'),1,{t},{t}\n" for t in last_seen]
    return HEADER + "".join(rows)


def test_a_failure_in_the_second_of_the_kill_is_at_most_the_rest_of_that_second_after_it():
    killed = datetime(2026, 12, 4, 3, 0, 40, 600_000, tzinfo=UTC)
    within = _failure_window(failures("2026-12-04T03:00:40Z"), killed)
    assert within == 0.4
    assert _failures_text(within) == "the last failure at most 0.4 s after the kill"


def test_the_last_failure_counts():
    killed = datetime(2026, 12, 4, 3, 0, 40, tzinfo=UTC)
    within = _failure_window(failures("2026-12-04T03:00:40Z", "2026-12-04T03:00:42Z"), killed)
    assert within == 3.0


def test_no_failure_is_said_in_words():
    killed = datetime(2026, 12, 4, 3, 0, 40, tzinfo=UTC)
    within = _failure_window(HEADER, killed)
    assert within is None
    assert _failures_text(within) == "no request failed"
