"""Issue #23: the case page, a step page and the dashboard make as many queries on a database
five times as big (``make bench-scale`` compares 10,000 with 100,000 cases): no query grows
with the number of cases, organisations or entries of others."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from bench.scale_queries import counts
from tests.test_backup_restore import cli, database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.kept_evaluation_unchecked]


def seeded_counts(cases: int) -> dict[str, int]:
    done = cli(
        database_url(connection.settings_dict),
        "seed",
        "--cases",
        str(cases),
        "--orgs",
        "2",
        "--entries-per-case",
        "10",
    )
    assert done.returncode == 0, done.stderr
    found = counts()
    call_command("flush", interactive=False, verbosity=0)
    return found


def test_page_queries_do_not_grow_with_the_database():
    small, big = seeded_counts(40), seeded_counts(200)
    assert small == big, (small, big)
    assert min(small.values()) > 3  # the pages were really asked (signed in, 200)
