"""Running a scheduled job once across any number of nodes (issue #23).

``job_run`` takes the job's lock (jobs/locks.py) and then:
- a run of the same job still ``running`` is from a process that died (it would hold the
  lock otherwise): it is marked ``abandoned``, and this run does its work;
- a run that already ended ``ok`` for the same period (day) means another node did the work:
  this one is skipped, unless ``again`` (the operator's ``--again``); only a ``scheduled``
  run (a timer's) counts as the day's, so an operator's own run never makes a timer skip;
- otherwise it records a ``running`` row, does the work and records ``ok`` or ``failed``.
Each change of a row is an audit event (``job.start``, ``job.run``, ``job.abandoned``) in the
same transaction; a skipped run changes nothing and records nothing.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record
from deelwijzer.jobs.locks import job_lock
from deelwijzer.jobs.models import JobRun, RunStatus

BUSY = "busy"  # another process holds the lock right now
DONE = "done"  # a run for this period already ended ok
RAN = "ran"


@dataclass(frozen=True)
class JobOutcome:
    state: str  # BUSY | DONE | RAN
    run: JobRun | None = None
    abandoned: int = 0

    def message(self, job: str, period: date, again: str = "--again") -> str:
        """What a run says; ``again``: how to run it anyway (a job that skips only with
        --once-per-day runs again without it)."""
        if self.state == BUSY:
            return f"{job}: draait al op een andere node; deze run doet niets."
        if self.state == DONE:
            return (
                f"{job}: al gedaan voor {period.isoformat()} (run {self.run and self.run.pk}); "
                f"deze run doet niets. Opnieuw: {again}."
            )
        note = f" ({self.abandoned} afgebroken run(s) overgenomen)" if self.abandoned else ""
        return f"{job}: klaar{note}."


def node_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _audit(action: str, run: JobRun, outcome: str = Outcome.SUCCESS) -> None:
    detail = {"job": run.job, "period": run.period.isoformat(), "node": run.node}
    detail["status"] = run.status
    audit_record(
        actor=None,
        action=action,
        object_type="job",
        object_id=run.pk,
        outcome=outcome,
        purpose="job",
        detail=detail,
    )


@transaction.atomic
def job_abandon_stale(*, job: str) -> int:
    """Mark the job's ``running`` rows abandoned; call only while holding its lock."""
    stale = list(JobRun.objects.select_for_update().filter(job=job, status=RunStatus.RUNNING))
    for run in stale:
        run.status, run.finished_at = RunStatus.ABANDONED, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        _audit("job.abandoned", run, Outcome.FAILURE)
    return len(stale)


@transaction.atomic
def job_close_restored(*, job: str = "backup") -> int:
    """After a restore: the backup's own run was still ``running`` when its copy was taken, so
    the restored database holds it so; the copy exists, so that run ended well. Marked ``ok``
    (the next backup would mark it ``abandoned``, a failure that did not happen)."""
    runs = list(JobRun.objects.select_for_update().filter(job=job, status=RunStatus.RUNNING))
    for run in runs:
        run.status, run.finished_at = RunStatus.OK, timezone.now()
        run.summary = "de back-up die is teruggezet"
        run.save(update_fields=["status", "finished_at", "summary"])
        _audit("job.run", run)
    return len(runs)


@transaction.atomic
def job_start(*, job: str, period: date, scheduled: bool = True) -> JobRun:
    run = JobRun.objects.create(
        job=job,
        period=period,
        scheduled=scheduled,
        node=node_name(),
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
    )
    _audit("job.start", run)
    return run


@transaction.atomic
def job_finish(*, run: JobRun, ok: bool, summary: str) -> JobRun:
    run.status = RunStatus.OK if ok else RunStatus.FAILED
    run.finished_at, run.summary = timezone.now(), summary[:200]
    run.save(update_fields=["status", "finished_at", "summary"])
    _audit("job.run", run, Outcome.SUCCESS if ok else Outcome.FAILURE)
    return run


def _done(job: str, period: date) -> JobRun | None:
    runs = JobRun.objects.filter(job=job, period=period, status=RunStatus.OK, scheduled=True)
    return runs.first()


def job_run(
    *,
    job: str,
    period: date,
    work: Callable[[], str],
    again: bool = False,
    scheduled: bool = True,
) -> JobOutcome:
    """Run ``work`` (returns a one-line summary) once for ``period`` across all nodes;
    ``scheduled=False``: an operator's own run, which the timers' runs do not count."""
    with job_lock(job) as held:
        if not held:
            return JobOutcome(BUSY)
        abandoned = job_abandon_stale(job=job)
        earlier = None if again else _done(job, period)
        if earlier is not None:
            return JobOutcome(DONE, earlier, abandoned)
        run = job_start(job=job, period=period, scheduled=scheduled)
        try:
            summary = work()
        except BaseException as exc:
            job_finish(run=run, ok=False, summary=f"{type(exc).__name__}: {exc}")
            raise
        return JobOutcome(RAN, job_finish(run=run, ok=True, summary=summary), abandoned)
