"""``deelwijzer export-case`` prints the case file; ``deelwijzer evaluate`` reads it back with
the same findings as the case page shows."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from deelwijzer.audit.models import AuditEvent
from deelwijzer.interchange.casefile import case_evaluation
from deelwijzer.procedure.cli_engine import evaluate_main
from tests.disclosures.helpers import ready_case, share_body, step6_url


@pytest.fixture
def shared(personas, client_for):
    contact = ready_case(personas)
    # s2 goes out without a tie to a risk: the file then carries an R6.3 warning too. It names
    # a town, which goes out as declared identity (issue #16.3).
    body = share_body(
        contact, item_s2="on", purpose_s2="Achtergrond voor de wijkagent.", found_identity="declare"
    )
    assert client_for(personas.professional).post(step6_url(personas), body).status_code == 302
    return personas.case


def test_export_and_evaluate_give_the_case_pages_findings(shared, tmp_path, capsys):
    path = tmp_path / "casus.json"
    call_command("export_case", case=str(shared.pk), output=str(path))
    capsys.readouterr()
    assert evaluate_main([str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = case_evaluation(shared).to_dict()
    assert printed["findings"] == expected["findings"]
    assert printed["steps"] == expected["steps"] and printed["sharing"] == expected["sharing"]
    assert any(f["rule"] == "R6.3" for f in printed["findings"])  # the round trip carries step 6


def test_export_by_pseudonym_prints_the_same_file(shared, capsys):
    call_command("export_case", case="J-TEST")
    data = json.loads(capsys.readouterr().out)
    assert data["youth"]["pseudonym"] == "J-TEST" and data["disclosures"][0]["id"] == "x1"


def test_export_is_audited_as_a_console_export(shared, capsys):
    call_command("export_case", case="J-TEST")
    event = AuditEvent.objects.get(action="dossier.export_casefile")
    assert (event.case_id, event.purpose, event.user_id) == (shared.pk, "cli", None)


def test_unknown_case_is_a_clear_error(personas):
    with pytest.raises(CommandError, match="Geen casus"):
        call_command("export_case", case="J-BESTAATNIET")
