"""gunicorn settings for a Deelwijzer node (docs/deployment.md, "Several nodes").

    gunicorn deelwijzer.wsgi -c deploy/gunicorn.conf.py

- ``preload_app``: the master imports the app and loads deduce's tables once, then forks its
  workers, which share those pages copy-on-write (``gc.freeze()`` keeps the collector from
  writing to them): the memory per node is one copy of deduce, not one per worker.
- ``DEELWIJZER_METRICS_PORT``: Prometheus metrics on 127.0.0.1:<port>, served by the master for
  all its workers (deelwijzer/ops/metrics.py); unset, no metrics.
- The access log carries the request id (``X-Request-ID``, deelwijzer/ops/requestid.py).
Environment: GUNICORN_BIND (127.0.0.1:8001), GUNICORN_WORKERS (2), GUNICORN_THREADS (4).
"""

import gc
import os
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 20
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'

METRICS_PORT = os.environ.get("DEELWIJZER_METRICS_PORT", "")
_metrics_dir = ""
if METRICS_PORT:
    # before the app is imported: prometheus_client reads it once, on import
    _metrics_dir = tempfile.mkdtemp(prefix="deelwijzer-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir
    os.environ["DEELWIJZER_METRICS"] = "1"


def when_ready(server):
    from deelwijzer.cases.program import program
    from deelwijzer.procedure.deidentify import get_deduce

    program()  # the stamp of kept evaluations, read once here rather than in every worker
    try:
        get_deduce()  # in the master, before the fork (needs `make deduce`: the built cache)
    except Exception as exc:  # noqa: BLE001 - the node starts; /readyz says it is not ready
        server.log.warning("deduce not loaded (%s): /readyz answers 503", type(exc).__name__)
    gc.freeze()
    if METRICS_PORT:
        from prometheus_client import start_http_server

        from deelwijzer.ops.metrics import registry

        start_http_server(int(METRICS_PORT), addr="127.0.0.1", registry=registry(multiprocess=True))


def child_exit(server, worker):
    if METRICS_PORT:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
