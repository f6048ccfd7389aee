"""Issue #23: how ``make bench-scale`` reports when the failed requests of its failover came.
Locust stamps a failure with the whole second it fell in, cut off; the report gives the end
of that second, so a failure in the second of the kill is not reported as coming before it."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.scale import JUDGED_LINE, _failure_window, _failures_text, _nightly_text

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


def test_the_nightly_jobs_line_is_read_in_the_singular_and_the_plural():
    """The count comes from the command's own line (ngettext: '1 open casus', '2 open
    casussen'); unread, the report would say None cases."""
    for line, n in (("1 open casus beoordeeld in 0.2 s.", 1),
                    ("100000 open casussen beoordeeld in 1650.3 s.", 100_000)):  # fmt: skip
        found = JUDGED_LINE.search(line)
        assert found and int(found["cases"]) == n
    assert _nightly_text({"cases": 100_000, "seconds": 1650.3}) == (
        "open-findings --stale-only: 100,000 cases judged and kept in 1650.3 s (one process)"
    )
    assert _nightly_text(None).startswith("none: nothing kept")
