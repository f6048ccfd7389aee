"""Keeping the engine's evaluation of a case between page views (CaseSnapshot).

Building the case file takes a dozen queries and the engine reads every text; the case page
and every step page need the evaluation. So the evaluation is kept, encrypted, with the
revisions it was built from: the case's, which every audited change to the case moves on in
the same transaction (audit.services), the organisation's (its settings are in the case file),
and the date (the engine judges time limits against today). A kept evaluation is used only
while all three still match; otherwise it is built again and kept in its place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from django.db import DatabaseError, transaction
from django.db.models import F

from deelwijzer.cases.models import Case, CaseSnapshot
from deelwijzer.procedure.evaluation import Evaluation

log = logging.getLogger(__name__)


def kept(case_id: int, today: date) -> Evaluation | None:
    """The kept evaluation if it still holds for the case as it is now, else None."""
    data = (
        CaseSnapshot.objects.filter(
            case_id=case_id,
            evaluated_on=today,
            case_revision=F("case__revision"),
            organisation_revision=F("case__organisation__revision"),
        )
        .values_list("evaluation", flat=True)
        .first()
    )
    return Evaluation.from_dict(data) if data else None


def keep(case_id: int, revisions: tuple[int, int], today: date, evaluation: Evaluation) -> None:
    """Store ``evaluation`` as built from ``revisions`` (case, organisation) on ``today``.

    Two requests may build at once; the last one stored wins. Either is labelled with the
    revisions read before it was built, so a label is never newer than what it holds.
    """
    snapshot = CaseSnapshot(
        case_id=case_id,
        case_revision=revisions[0],
        organisation_revision=revisions[1],
        evaluated_on=today,
        evaluation=evaluation.to_dict(),
    )
    try:
        with transaction.atomic():
            CaseSnapshot.objects.bulk_create(
                [snapshot],
                update_conflicts=True,
                unique_fields=["case"],
                update_fields=[
                    "case_revision",
                    "organisation_revision",
                    "evaluated_on",
                    "evaluation",
                ],
            )
    except DatabaseError as error:  # keeping is an optimisation: the page goes on without it
        log.warning("could not keep the evaluation of case %s: %s", case_id, error)


def evaluation(
    case: Case, today: date, build: Callable[[], Evaluation | None]
) -> Evaluation | None:
    """The evaluation of ``case`` on ``today``: the kept one, or ``build()`` and keep it."""
    found = kept(case.pk, today)
    if found is not None:
        return found
    revisions = Case.objects.filter(pk=case.pk).values_list("revision", "organisation__revision")
    current = revisions.first()
    built = build()
    if built is not None and current is not None:
        keep(case.pk, current, today, built)
    return built
