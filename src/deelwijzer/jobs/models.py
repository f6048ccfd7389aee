"""One row per run of a scheduled job (reminders, purge, verify-audit, backup).

The row is what makes a job safe on several app nodes (issue #23): a run for a period (a day)
that ended ``ok`` is not repeated by another node's timer, a run still ``running`` while its
lock is free belonged to a process that died and is marked ``abandoned`` by the next run, and
Prometheus counts runs and failures from these rows (jobs/metrics.py), since a job is a short
command that no scrape would ever reach. No case content: the job's name, its period, the node.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    RUNNING = "running", _("bezig")
    OK = "ok", _("gelukt")
    FAILED = "failed", _("mislukt")
    ABANDONED = "abandoned", _("afgebroken (proces gestopt)")


class JobRun(models.Model):
    job = models.CharField(_("taak"), max_length=40)
    period = models.DateField(_("periode (dag)"))
    node = models.CharField(_("node"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices)
    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    summary = models.CharField(_("uitkomst"), max_length=200, blank=True)
    # Started by a node's timer (True) or by an operator's own run of a job that skips only
    # with --once-per-day (False): only a timer's run makes the timers skip the day, so that a
    # verify-audit run by hand does not make that night's check (whose failure alerts) skip.
    scheduled = models.BooleanField(_("door de timer gestart"), default=True)

    class Meta:
        verbose_name = _("run van een taak")
        indexes = [models.Index(fields=["job", "period", "status"])]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.job} {self.period} {self.status}"
