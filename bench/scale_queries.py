"""Query counts of the case page, a step page and the dashboard on a seeded database, for
``make bench-scale`` (10,000 vs 100,000 cases) and tests/deploy/test_query_counts.py.

``python -m bench.scale_queries`` with DATABASE_URL / DEELWIJZER_VAR_DIR set prints JSON. The
user is the first professional of the first organisation (about 20 cases at any scale), the
case their first by id. Each page is asked twice and counted the second time: the kept
evaluation (cases.snapshots) in use, as for every view after the first of the day.
"""

from __future__ import annotations

import json
import sys

import django

PAGES = {"case_page": "/casussen/{id}/", "step_page": "/casussen/{id}/stap-1/", "dashboard": "/"}


def counts() -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.probe_app import _client
    from deelwijzer.cases.models import Case
    from deelwijzer.devdata.seed.names import username

    user, client = _client(username(1, "prof", 1))
    case = Case.objects.filter(team__user=user).order_by("pk").first()
    assert case is not None, "no case for the first professional: is the database seeded?"
    out = {}
    for name, pattern in PAGES.items():
        url = pattern.format(id=case.public_id)
        first = client.get(url)
        if first.status_code != 200:
            raise RuntimeError(f"{url} answered {first.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        out[name] = len(captured.captured_queries)
    return out


def main() -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    django.setup()
    print(json.dumps(counts()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
