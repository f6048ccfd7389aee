"""Prometheus metrics (issue #23), with ``prometheus_client``.

Per request (``MetricsMiddleware``, on with ``DEELWIJZER_METRICS=1``): the latency by view
(the URL pattern's name, never the path: no ids in a label), method and status, and the number
of database queries by view. Per job: runs by job and status and the last success, read from
the ``jobs.JobRun`` rows at scrape time (``JobCollector``), because a job is a short command
that no scrape would reach and the rows hold every node's runs.

Exposed on a port of its own, bound to 127.0.0.1 (``DEELWIJZER_METRICS_PORT``), by gunicorn's
master (deploy/gunicorn.conf.py), which adds up its workers' values (the library's
multiprocess mode). Nothing on the application's port: a balancer cannot pass it on.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.db import connection
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

LATENCY = Histogram(
    "deelwijzer_request_seconds",
    "Time to answer a request, by view",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)
QUERIES = Counter(
    "deelwijzer_db_queries", "Database queries made while answering requests, by view", ["view"]
)
REQUEST_QUERIES = Histogram(
    "deelwijzer_request_queries",
    "Database queries per request, by view",
    ["view"],
    buckets=(1, 2, 5, 10, 20, 30, 50, 100, 200),
)


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"  # a 404 before any view, or a middleware's own answer
    return match.view_name or match._func_path


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        view = view_name(request)
        LATENCY.labels(view, request.method, str(response.status_code)).observe(
            time.perf_counter() - started
        )
        QUERIES.labels(view).inc(counter.count)
        REQUEST_QUERIES.labels(view).observe(counter.count)
        return response


class JobCollector(Collector):
    """Job runs and failures from the database, on every scrape."""

    def collect(self) -> Iterator:
        from django.db.models import Count, Max

        from deelwijzer.jobs.models import JobRun, RunStatus

        runs = CounterMetricFamily(
            "deelwijzer_job_runs", "Runs of scheduled jobs on all nodes", labels=["job", "status"]
        )
        last = GaugeMetricFamily(
            "deelwijzer_job_last_success_timestamp_seconds",
            "When each job last ended ok (Unix time)",
            labels=["job"],
        )
        try:
            for row in JobRun.objects.values("job", "status").annotate(n=Count("id")):
                runs.add_metric([row["job"], row["status"]], row["n"])
            ok = JobRun.objects.filter(status=RunStatus.OK).values("job")
            for row in ok.annotate(at=Max("finished_at")):
                last.add_metric([row["job"]], row["at"].timestamp())
        finally:
            connection.close()  # this thread's own connection: none kept between scrapes
        yield runs
        yield last


def registry(*, multiprocess: bool) -> CollectorRegistry:
    """What the metrics port shows: the workers' values added up, and the jobs."""
    found = CollectorRegistry()
    if multiprocess:
        from prometheus_client import multiprocess as mp

        mp.MultiProcessCollector(found)
    found.register(JobCollector())
    return found
