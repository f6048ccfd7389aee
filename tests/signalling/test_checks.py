"""procedure.signalling_checks: the engine's step 1 rules asked about one would-be entry."""

from __future__ import annotations

from datetime import date

from deelwijzer.procedure import signalling_checks as checks


def rules(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.kind) for f in findings]


def test_source_from_someone_else_needs_name_and_role():
    assert rules(checks.signal_source_findings("other", "Sanne", "mentor")) == []
    assert rules(checks.signal_source_findings("other", "Sanne", " ")) == [("R1.3", "missing")]
    assert rules(checks.signal_source_findings("other", None, None)) == [("R1.3", "missing")]
    assert rules(checks.signal_source_findings("own_observation", None, None)) == []


def test_diagnosis_needs_qualified_professional_and_relevance():
    ok = checks.diagnosis_findings("ADHD", "Dr. V", "psychiater", "verklaart s1")
    assert ok == []
    assert rules(checks.diagnosis_findings("ADHD", "", "", "verklaart s1")) == [
        ("R1.4", "violation")
    ]
    assert rules(checks.diagnosis_findings("ADHD", "Dr. V", "psychiater", "  ")) == [
        ("R1.4", "missing")
    ]
    both = checks.diagnosis_findings("ADHD", "Dr. V", None, None)
    assert rules(both) == [("R1.4", "violation"), ("R1.4", "missing")]
    assert checks.blocking(both, "missing") == [both[1]]


def test_closed_opinion_needs_a_note():
    note = [(date(2026, 1, 5), "gesprek")]
    assert checks.opinion_findings("open", []) == []
    assert checks.opinion_findings("confirmed", note) == []
    assert rules(checks.opinion_findings("refuted", [])) == [("R1.2", "missing")]
    assert rules(checks.opinion_findings("confirmed", [(date(2026, 1, 5), "  ")])) == [
        ("R1.2", "missing")
    ]
