"""The summary of a case's open findings per rule ID (issue #22: which rules people struggle
with), counted by the statistics in the database.

The engine's evaluation is kept encrypted (cases.snapshots), so the database cannot count in
it; beside it goes a row per rule ID with the number of findings. It is replaced whenever an
evaluation of the case is made: with every audited change of the case, in the change's own
transaction (audit.services.register_change_hook, registered by insight), and when a page
view makes a new evaluation (cases.snapshots.keep). A case closed keeps its rows; the
statistics count open cases only.
"""

from __future__ import annotations

from collections import Counter

from deelwijzer.cases.models import OpenFinding
from deelwijzer.procedure.evaluation import Evaluation


def findings_keep(case_id: int, evaluation: Evaluation | None) -> None:
    """Replace the case's rows by the rule IDs of ``evaluation`` (none when it is None: a case
    file that could not be judged has no findings to count). Call inside a transaction."""
    counts = Counter(finding.rule for finding in evaluation.findings) if evaluation else Counter()
    OpenFinding.objects.filter(case_id=case_id).delete()
    OpenFinding.objects.bulk_create(
        [OpenFinding(case_id=case_id, rule=rule, findings=n) for rule, n in sorted(counts.items())]
    )
