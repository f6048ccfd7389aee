"""Keeping a case's case file and the engine's evaluation of it between page views.

Building the case file takes a dozen queries and the engine reads every text; the case page,
every step page and some forms need them. So both are kept (CaseSnapshot, encrypted) with the
revisions they were built from: the case's, which every audited change to the case moves on in
the same transaction (audit.services), the organisation's (its settings are in the case file),
and the date (the engine judges time limits against today). What is kept is used only while all
three still match, and only by the program that kept it (cases.program): the engine's rules and
the case file's build change with an upgrade, so what an earlier version kept is built again,
as is what a node still running the other version keeps during a rolling upgrade. On a later
day with the same revisions only the date of the case file is out of date: it is judged again
(``judge``) without reading the entries; otherwise it is built again. Either is kept in its
place.

Read paths only: a service that writes builds the case file itself, from what it just wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import DatabaseError, transaction
from django.db.models import F

from deelwijzer.cases.findings import findings_keep
from deelwijzer.cases.models import Case, CaseSnapshot
from deelwijzer.cases.program import program
from deelwijzer.procedure.evaluation import Evaluation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kept:
    casefile: dict
    evaluation: Evaluation | None  # None: the case does not make a valid case file (logged)


@dataclass(frozen=True)
class Row:
    """A kept row whose revisions still match the case's, of whichever day."""

    casefile: dict
    evaluation: dict | None
    evaluated_on: date
    revisions: tuple[int, int]  # case, organisation: what the case file was built from

    def today(self, today: date) -> Kept | None:
        """The row as ``Kept`` if it was evaluated ``today``; else None."""
        return _restored(self.casefile, self.evaluation) if self.evaluated_on == today else None


def _row(case_id: int) -> Row | None:
    found = (
        CaseSnapshot.objects.filter(
            case_id=case_id,
            case_revision=F("case__revision"),
            organisation_revision=F("case__organisation__revision"),
            built_by=program(),
        )
        .values_list(
            "casefile", "evaluation", "evaluated_on", "case_revision", "organisation_revision"
        )
        .order_by()[:1]  # at most one per case: no ORDER BY
    )
    row = next(iter(found), None)
    return Row(*row[:3], revisions=(row[3], row[4])) if row else None


def kept(case_id: int, today: date) -> Kept | None:
    """What is kept, if it still holds for the case as it is now; else None."""
    row = _row(case_id)
    return row.today(today) if row else None


def holds(case_id: int) -> bool:
    """Whether a row is kept for the case as it is now, of whichever day: a view of it then
    reads that row, judged again at most, instead of building the case file."""
    return _row(case_id) is not None


def _restored(casefile: dict, evaluation: dict | None) -> Kept | None:
    """A stored row as ``Kept``; None for a row without an evaluation."""
    return (
        Kept(casefile=casefile, evaluation=Evaluation.from_dict(evaluation)) if evaluation else None
    )


def _joined_row(case: Case) -> Row | None:
    """What ``get_case(kept=True)`` read with the case, if its revisions are the case's as read
    and this program built it."""
    try:
        row = case.snapshot
    except CaseSnapshot.DoesNotExist:
        return None
    revisions = (case.revision, case.organisation.revision)
    if (row.case_revision, row.organisation_revision) != revisions or row.built_by != program():
        return None
    return Row(row.casefile, row.evaluation, row.evaluated_on, revisions)


def keep(case_id: int, revisions: tuple[int, int], today: date, built: Kept) -> bool:
    """Store ``built`` as made from ``revisions`` (case, organisation) on ``today``, with its
    summary of open findings; True when the summary was kept too (False: the case changed
    meanwhile, nothing was evaluated, or the database refused).

    Two requests may build at once; the last one stored wins. Either is labelled with the
    revisions read before it was built, so a label is never newer than what it holds.
    """
    evaluation = built.evaluation
    if evaluation is None:  # nothing to keep: current() keeps only what was evaluated
        return False
    snapshot = CaseSnapshot(
        case_id=case_id,
        case_revision=revisions[0],
        organisation_revision=revisions[1],
        evaluated_on=today,
        built_by=program(),
        casefile=built.casefile,
        evaluation=evaluation.to_dict(),
    )
    fields = [
        "case_revision",
        "organisation_revision",
        "evaluated_on",
        "built_by",
        "casefile",
        "evaluation",
    ]
    try:
        with transaction.atomic():
            CaseSnapshot.objects.bulk_create(
                [snapshot], update_conflicts=True, unique_fields=["case"], update_fields=fields
            )
            # the summary the statistics count, unless the case changed meanwhile (then it
            # stays stale until the next evaluation: cases.findings)
            return findings_keep(case_id, evaluation, revisions[0])
    except DatabaseError as error:  # keeping is an optimisation: the page goes on without it
        log.warning("could not keep the evaluation of case %s: %s", case_id, error)
        return False


def current(
    case: Case,
    today: date,
    build: Callable[[], Kept],
    judge: Callable[[dict], Kept] | None = None,
) -> Kept:
    """The case file and evaluation of ``case`` on ``today``: kept, or made and kept.

    ``build`` reads the case and judges it; ``judge`` judges a case file kept on an earlier
    day with the same revisions (it sets the file's date to ``today``): a first view of the
    day then reads one row instead of every entry.
    """
    if Case.snapshot.is_cached(case):  # read with the case (get_case(kept=True))
        row = _joined_row(case)
        # used once: a later call of the request reads the row again, so each caller gets a
        # dict of its own to change (step 5's verdict does), and sees what this call kept
        Case.snapshot.related.delete_cached_value(case)
    else:
        row = _row(case.pk)
    found = row.today(today) if row else None
    if found is not None:
        return found
    revisions: tuple[int, int] | None
    if row is not None and judge is not None and row.evaluated_on < today:
        # labelled with the revisions the kept file was built from, never newer ones
        built, revisions = judge(row.casefile), row.revisions
    else:
        now = Case.objects.filter(pk=case.pk).values_list("revision", "organisation__revision")
        revisions = now.first()  # read before building: a label never newer than the file
        built = build()
    if built.evaluation is not None and revisions is not None:
        keep(case.pk, revisions, today, built)
    return built
