"""The summary of a case's open findings per rule ID (issue #22: which rules people struggle
with), counted by the statistics in the database.

The engine's evaluation is kept encrypted (cases.snapshots), so the database cannot count in
it; beside it goes a row per rule ID with the number of findings, labelled with the case's
revision it was counted at (``Case.findings_revision``) and the program that judged it
(``Case.findings_built_by``, cases.program: after an upgrade every summary is stale). A change
of the case moves the case's revision on in its own transaction (audit.services), and that
alone marks the summary stale: the change pays nothing more. The evaluation the next page
view makes anyway (cases.snapshots.keep) writes the rows again, and so does the operator's
nightly ``deelwijzer open-findings`` for the cases nobody opened. A case closed keeps its rows; the
statistics count open cases only.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import F, QuerySet

from deelwijzer.cases.models import Case, OpenFinding
from deelwijzer.cases.program import program
from deelwijzer.procedure.evaluation import Evaluation


def findings_keep(case_id: int, evaluation: Evaluation | None, revision: int) -> bool:
    """Replace the case's rows by the rule IDs of ``evaluation`` (none when it is None: a case
    file that could not be judged has no findings to count), made from the case at
    ``revision``; only while the case is still at it (else a later change made the evaluation
    old: the summary stays stale). True when kept. Call inside a transaction."""
    case = Case.objects.filter(pk=case_id, revision=revision)
    if not case.update(findings_revision=revision, findings_built_by=program()):
        return False
    counts = Counter(finding.rule for finding in evaluation.findings) if evaluation else Counter()
    OpenFinding.objects.filter(case_id=case_id).delete()
    OpenFinding.objects.bulk_create(
        [OpenFinding(case_id=case_id, rule=rule, findings=n) for rule, n in sorted(counts.items())]
    )
    return True


def stale(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Those of ``cases`` whose summary was counted before their latest change, by another
    version of the program, or never."""
    return cases.exclude(findings_revision=F("revision"), findings_built_by=program())
