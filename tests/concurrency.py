"""Two writers at the same moment: the first holds its transaction open until the second is
waiting for it, then commits. The same order every run, on PostgreSQL and SQLite."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

from django.db import connection, connections, transaction

from deelwijzer.cases.entries import Correction
from deelwijzer.signalling.services import SignalInput, signal_correct

WAIT = 10.0


def _closing(work: Callable, result: dict, name: str) -> Callable[[], None]:
    def run() -> None:
        try:
            result[name] = work()
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            result[name] = error
        finally:
            connections.close_all()

    return run


def _until_the_second_waits() -> None:
    """On PostgreSQL: until a session waits for a lock. SQLite shows no waiter (its second
    writer waits in BEGIN IMMEDIATE): a short pause instead."""
    if connection.vendor != "postgresql":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + WAIT
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second writer never waited for the first")


def second_while_first_holds(first: Callable, second: Callable, *, entering=None):
    """Run ``first`` in a transaction that stays open until ``second`` (in another thread)
    waits for it; return what ``second`` returned.

    ``entering`` is ``(object, attribute)`` of the callable the second calls just before it
    writes: the first then starts only once the second has done its reads up to there (as a
    page that was read before someone else saved)."""
    arrived, holding, release = (threading.Event() for _ in range(3))
    result: dict = {}
    original = getattr(*entering) if entering else None

    def gate(*args, **kwargs):
        arrived.set()
        holding.wait(WAIT)
        return original(*args, **kwargs)

    def hold():
        with transaction.atomic():
            first()
            holding.set()
            release.wait(WAIT)

    winner = threading.Thread(target=_closing(hold, result, "first"))
    loser = threading.Thread(target=_closing(second, result, "second"))
    if entering:
        setattr(*entering, gate)
        loser.start()
        assert arrived.wait(WAIT), result.get("second")
        winner.start()
    else:
        winner.start()
        assert holding.wait(WAIT), result.get("first")
        loser.start()
    try:
        assert holding.wait(WAIT), result.get("first")
        _until_the_second_waits()
    finally:
        release.set()
        winner.join(WAIT)
        loser.join(WAIT)
        if entering:
            setattr(*entering, original)
    assert not isinstance(result.get("first"), BaseException), result["first"]
    if isinstance(result.get("second"), BaseException):
        raise result["second"]
    return result["second"]


FIRST_TEXT = "Eerst gecorrigeerd."


def first_signal_correction(personas) -> Callable[[], None]:
    """The first writer of the tests: corrects s1 of the personas' case from version 1."""

    def correct() -> None:
        signal_correct(
            actor=personas.professional,
            case_id=personas.case.pk,
            key="s1",
            data=SignalInput("signal", date(2026, 10, 3), FIRST_TEXT, "own_observation"),
            correction=Correction("De datum klopte niet.", 1),
        )

    return correct
