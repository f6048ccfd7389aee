"""The bridge from the database to the procedure engine.

``build_casefile`` turns a case into a ``deelwijzer-casefile/1`` dict; each step app adds its
part through the section it registers in ``interchange.registry`` (its own ``casefile.py``).
The engine judges it; no view re-implements a rule.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from deelwijzer.cases import snapshots
from deelwijzer.cases.findings import findings_keep
from deelwijzer.cases.models import Case, TeamMember
from deelwijzer.interchange.registry import sections
from deelwijzer.procedure.casefile import FORMAT, CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Evaluation

log = logging.getLogger(__name__)


def team_id(user_id: int) -> str:
    return f"p{user_id}"


def guardian_id(guardian_pk: int) -> str:
    return f"g{guardian_pk}"


def build_casefile(case: Case, *, evaluated_on: date | None = None) -> dict:
    youth = case.youth
    organisation = case.organisation
    data: dict = {
        "format": FORMAT,
        "evaluated_on": (evaluated_on or timezone.localdate()).isoformat(),
        "organisation": {
            "attention_officer": organisation.has_attention_officer,
            "decision_maker_role": organisation.decision_maker_role,
        },
        "youth": {
            "pseudonym": case.pseudonym,
            "name": youth.name,
            "birth_date": youth.birth_date.isoformat(),
            "identifiers": list(youth.identifiers),
        },
        "guardians": [
            {
                "id": guardian_id(g.pk),
                "name": g.name,
                "relation": g.relation,
                "has_authority": g.has_authority,
            }
            for g in case.guardians.all()
        ],
        "team": [
            {"id": team_id(m.user_id), "name": m.user.display_name(), "role": m.role_on_team}
            # former members too: the file still names who recorded what (R2.2 then)
            for m in TeamMember.everyone.filter(case=case).select_related("user")
        ],
        "signals": [],
        "no_contra_signals_known": False,
        "opinions": [],
        "diagnoses": [],
        "advice": [],
        "conversations": [],
        "conversation_skipped": None,
        "guardians_not_involved": None,
        "guardians_without_consent": None,
        "risks": [],
        "decision": None,
        "disclosures": [],
    }
    for section in sections():
        section.export(case, data)
    return data


def _evaluated(case: Case, data: dict) -> snapshots.Kept:
    try:
        evaluation = evaluate(load_casefile(data, schema=False))
    except CaseFileError as error:
        log.error("case %s does not make a valid case file: %s", case.pk, error.problems)
        evaluation = None
    return snapshots.Kept(casefile=data, evaluation=evaluation)


def _judged(case: Case, today: date) -> snapshots.Kept:
    return _evaluated(case, build_casefile(case, evaluated_on=today))


def case_kept(case: Case) -> snapshots.Kept:
    """The case file and the evaluation as they are now, kept between page views. The file
    holds nothing of the day but its date: one kept on an earlier day, of the case as it is
    now, is judged again with today's date rather than built again."""
    today = timezone.localdate()
    return snapshots.current(
        case,
        today,
        lambda: _judged(case, today),
        lambda data: _evaluated(case, {**data, "evaluated_on": today.isoformat()}),
    )


def case_findings_keep(case_ids: set[int]) -> int:
    """Judge these cases as they are now and keep their open findings per rule ID
    (cases.findings), each in a transaction of its own (a savepoint where the caller holds
    one): the operator's ``deelwijzer open-findings``. The case file and its evaluation are
    kept with them (cases.snapshots), so that the next view of the case reads them instead of
    building them again: after an upgrade or a bulk load, when nothing is kept yet. A case
    that cannot be built (a row the case file cannot read) keeps its old rows, logged, and
    stays stale. Returns how many were kept."""
    today = timezone.localdate()
    kept = 0
    cases = Case.objects.filter(pk__in=case_ids).select_related("organisation", "youth")
    for case in cases:
        try:
            with transaction.atomic():
                kept += _night_keep(case, today)
        except Exception as error:  # noqa: BLE001 (one case never stops the others)
            log.warning("open findings of case %s not kept: %r", case.pk, error)
    return kept


def _night_keep(case: Case, today: date) -> bool:
    """Keep the open findings of ``case`` and, if its next view would have to build the case
    file (nothing kept for it as it is now), the file and evaluation too; a row kept on an
    earlier day is left as it is (the view judges it again without reading the entries), so
    the weekly run does not write every case file again."""
    revisions = (case.revision, case.organisation.revision)  # read before building
    built = _judged(case, today)
    if built.evaluation is not None and not snapshots.holds(case.pk):
        return snapshots.keep(case.pk, revisions, today, built)  # with its findings
    return findings_keep(case.pk, built.evaluation, case.revision)


def case_evaluation(case: Case) -> Evaluation | None:
    """The engine's verdict on the case as it is now; None (logged) if the file is invalid.

    Kept between page views while the case does not change (cases.snapshots). The file is
    built here from validated records, so the JSON Schema pass is left out (it cost 25-35 ms
    on a case of 200 entries); the checks of meaning run. tests/organisations/test_seed.py
    holds built files to the full schema.
    """
    return case_kept(case).evaluation


def case_casefile(case: Case) -> dict:
    """The case file as it is now, for pages (kept like the evaluation; a fresh dict on each
    call, so the caller may change it). A service that writes calls ``build_casefile``."""
    return case_kept(case).casefile
