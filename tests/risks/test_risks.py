"""Step 4 through the real views: recording a risk, refusals, the reassessment and its diff,
access, audit, query counts and the case file."""

from __future__ import annotations

import html
import re

import pytest

from deelwijzer.interchange.casefile import build_casefile, case_evaluation
from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.risks.models import Risk
from tests.risks.helpers import (
    advice,
    audit_actions,
    many_risks,
    queries_for,
    risk,
    risk_body,
    signals,
    text_of,
    url,
)


@pytest.fixture
def case(personas):
    signals(personas.case, personas.professional)
    return personas.case


def test_the_page_shows_signals_and_contra_signals_beside_the_form(personas, case, client_for):
    page = client_for(personas.professional).get(url("step4", case))
    body = html.unescape(page.content.decode())
    assert page.status_code == 200
    aside = body[body.index('class="risk-signals"') :]
    assert "de mentor 'het nog zal merken'" in aside
    assert "trouw voetbal" in aside
    assert f'action="{url("risk_add", case)}"' in body
    assert 'value="s2"' in body  # a contra-signal can be chosen as a basis too


def test_a_complete_risk_is_recorded_with_its_basis_and_advice(personas, case, client_for):
    advice(case, personas.professional)
    response = client_for(personas.professional).post(
        url("risk_add", case), risk_body(based_on=["s1", "s2"], advice_key="a1")
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#r1")
    saved = Risk.objects.get(case=case, key="r1")
    assert (saved.at_risk, saved.severity, saved.timing) == (
        "professional",
        "considerable",
        "short_term",
    )
    assert saved.based_on == ["s1", "s2"]
    assert saved.advice_key == "a1"
    assert "risk.add" in audit_actions(case)


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"description": "  "}, "description", "R4.1"),
        ({"at_risk": ""}, "at_risk", "R4.2"),
        ({"severity": ""}, "severity", "hoe ernstig"),
        ({"timing": ""}, "timing", "korte termijn of later"),
        ({"based_on": []}, "based_on", "signalen of contrasignalen"),
        ({"based_on": ["s9"]}, "based_on", ""),
    ],
)
def test_an_incomplete_risk_is_refused_and_named(
    personas, case, client_for, overrides, field, words
):
    response = client_for(personas.professional).post(url("risk_add", case), risk_body(**overrides))
    assert response.status_code == 422
    form = response.context["form"]
    assert field in form.errors
    assert words in " ".join(form.errors[field])
    assert "Dit is nog niet opgeslagen" in response.content.decode()
    assert not Risk.objects.filter(case=case).exists()
    assert "risk.add" not in audit_actions(case)


def test_a_refused_risk_names_every_error_on_the_first_post(personas, case, client_for):
    """A walk posted a description with a null character and a made-up severity: only those
    two errors showed, and 'voor wie', the timing and the signals came a post later. Every
    error shows at once, in one summary; what was typed stays and nothing is saved."""
    body = risk_body(
        description="Hij dreigde\x00 de mentor", severity="enorm", at_risk="", timing="",
        based_on=[],
    )  # fmt: skip
    response = client_for(personas.professional).post(url("risk_add", case), body)
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"at_risk", "description", "severity", "timing", "based_on"}
    assert "R4.2" in form.errors["at_risk"][0] and "R4.1" in form.errors["timing"][0]
    page = response.content.decode()
    assert page.count('class="error-summary"') == 1
    assert form["description"].value() == "Hij dreigde\x00 de mentor"  # kept, as typed
    assert not Risk.objects.filter(case=case).exists()
    assert "risk.add" not in audit_actions(case)


def test_a_refused_reassessment_names_every_error_at_once(personas, case, client_for):
    """The same on the entry page (the shared versioned-entry kit, ui/entries.py)."""
    client = client_for(personas.professional)
    client.post(url("risk_add", case), risk_body())
    page = client.get(url("risk_entry", case, key="r1")).content.decode()
    assert re.search(r"Waarom beoordeel je dit risico opnieuw\?\s*<span class=\"req\">", page)
    response = reassess(
        client, case, description="Nul\x00teken", timing="", based_on=[], correction_note=""
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"description", "timing", "based_on", "correction_note"}
    assert errors["correction_note"] == ["Schrijf kort op wat je corrigeert en waarom."]
    assert Risk.objects.filter(case=case, key="r1").count() == 1
    assert "risk.reassess" not in audit_actions(case)


def test_a_draft_advice_cannot_be_named(personas, case, client_for):
    advice(case, personas.professional, status="draft")
    response = client_for(personas.professional).post(
        url("risk_add", case), risk_body(advice_key="a1")
    )
    assert response.status_code == 422
    assert "advice_key" in response.context["form"].errors
    assert not Risk.objects.filter(case=case).exists()


def reassess(client, case, **overrides):
    body = risk_body(prefix="", **overrides)
    body.setdefault("correction_note", "Na het gesprek ernstiger ingeschat.")
    body.setdefault("expected_version", "1")
    return client.post(url("risk_entry", case, key="r1"), body)


def test_a_reassessment_keeps_the_earlier_one_and_shows_what_changed(personas, case, client_for):
    client = client_for(personas.professional)
    client.post(url("risk_add", case), risk_body())
    response = reassess(
        client,
        case,
        severity="serious",
        description="Hij wachtte de mentor gisteren op bij de fietsenstalling.",
    )
    assert response.status_code == 302
    versions = list(Risk.objects.filter(case=case, key="r1").order_by("version"))
    assert [(v.version, v.severity, v.is_current) for v in versions] == [
        (1, "considerable", False),
        (2, "serious", True),
    ]
    assert versions[1].correction_note == "Na het gesprek ernstiger ingeschat."
    for page in (client.get(url("step4", case)), client.get(url("risk_entry", case, key="r1"))):
        text = html.unescape(text_of(page))
        assert "Ernst : was aanzienlijk → nu ernstig" in text
        assert "was Hij dreigde de mentor na schooltijd op te wachten. → nu Hij wachtte" in text
        assert "Wanneer : was" not in text  # unchanged fields are not listed as changes
    assert audit_actions(case).count("risk.reassess") == 1


def test_a_reassessment_needs_a_reason_and_the_latest_version(personas, case, client_for):
    client = client_for(personas.professional)
    client.post(url("risk_add", case), risk_body())
    no_reason = reassess(client, case, severity="serious", correction_note="")
    assert "correction_note" in no_reason.context["form"].errors
    assert reassess(client, case, severity="serious").status_code == 302
    stale = reassess(client, case, severity="limited", expected_version="1")
    assert stale.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    assert Risk.current(case).get(key="r1").severity == "serious"
    assert Risk.objects.filter(case=case, key="r1").count() == 2


@pytest.mark.parametrize("who", ["colleague", "attention_officer", "stranger", "decision_maker"])
def test_who_is_not_on_the_team_gets_404_and_changes_nothing(personas, case, client_for, who):
    risk(case, personas.professional)
    client = client_for(getattr(personas, who))
    assert client.get(url("step4", case)).status_code == 404
    assert client.get(url("risk_entry", case, key="r1")).status_code == 404
    assert client.post(url("risk_add", case), risk_body()).status_code == 404
    assert reassess(client, case, severity="limited").status_code == 404
    assert list(Risk.objects.filter(case=case).values_list("key", "version")) == [("r1", 1)]
    assert not [a for a in audit_actions(case) if a.startswith("risk.")]


def test_an_involved_decision_maker_reads_but_does_not_write(personas, case, client_for):
    risk(case, personas.professional)
    case.decision_maker_involved_at = case.opened_at
    case.save()
    client = client_for(personas.decision_maker)
    page = client.get(url("step4", case))
    assert page.status_code == 200
    assert page.context.get("form") is None  # no form to record a risk
    assert client.post(url("risk_add", case), risk_body()).status_code == 404
    assert Risk.objects.filter(case=case).count() == 1


def test_reads_are_audited(personas, case, client_for):
    risk(case, personas.professional)
    client = client_for(personas.professional)
    client.get(url("step4", case))
    client.get(url("risk_entry", case, key="r1"))
    actions = audit_actions(case)
    assert "case.view" in actions
    assert "risk.view" in actions


@pytest.mark.parametrize("page", ["step4", "risk_entry", "case_detail"])
def test_page_queries_do_not_grow_with_the_risks(personas, case, client_for, page):
    client = client_for(personas.professional)
    many_risks(case, personas.professional, 5)
    target = url(page, case, key="r1") if page == "risk_entry" else url(page, case)
    client.get(target)
    few = queries_for(lambda: client.get(target))
    many_risks(case, personas.professional, 195)
    response = client.get(target)
    assert response.status_code == 200
    assert Risk.current(case).count() == 200
    assert queries_for(lambda: client.get(target)) == few


def test_the_contribution_is_a_valid_case_file_and_moves_step_4(personas, case, client_for):
    assert case_evaluation(case).steps[4].status == "not_started"
    advice(case, personas.professional)
    client = client_for(personas.professional)
    client.post(url("risk_add", case), risk_body())
    reassess(client, case, severity="serious")
    data = build_casefile(case)
    load_casefile(data)
    assert data["risks"] == [
        {
            "id": "r1",
            "at_risk": "professional",
            "description": "Hij dreigde de mentor na schooltijd op te wachten.",
            "severity": "serious",
            "timing": "short_term",
            "based_on": ["s1"],
            "advice_id": None,
        }
    ]
    evaluation = case_evaluation(case)
    assert evaluation.steps[4].status == "complete"
    assert [f.refs for f in evaluation.findings_for("R4.3")] == [("r1",)]  # advice not named
    reassess(client, case, severity="serious", advice_key="a1", expected_version="2")
    evaluation = case_evaluation(case)
    assert evaluation.findings_for("R4.3") == []
    assert build_casefile(case)["risks"][0]["advice_id"] == "a1"
