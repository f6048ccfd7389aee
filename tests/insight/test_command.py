"""``deelwijzer statistics``: the installation's operator gets the figures over every
organisation as CSV, small cells hidden, and the export is audited (issue #22)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from deelwijzer.audit.models import AuditEvent
from tests.insight.seed import FREE_TEXT, PSEUDONYM_PREFIX, seed


def test_the_operator_sees_every_organisation(personas):
    seed(personas)
    out = io.StringIO()
    call_command("statistics", "--per", "quarter", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    opened = [r for r in rows if r[2] == "Casus geopend"]
    assert opened == [["Casussen per bereikte stap", "", "Casus geopend", "casussen", "24"]]
    assert PSEUDONYM_PREFIX not in out.getvalue() and FREE_TEXT not in out.getvalue()
    event = AuditEvent.objects.get(action="statistics.export_csv")
    assert event.purpose == "operator" and event.user_id is None


def test_a_bad_date_is_one_line(db):
    with pytest.raises(CommandError, match="Geen datum"):
        call_command("statistics", "--from", "gisteren")
