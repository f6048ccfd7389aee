"""The step 1 page's query count does not grow with the entries; the case file contribution
is valid and the engine's step 1 status follows what was recorded."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from deelwijzer.interchange.casefile import build_casefile, case_evaluation, team_id
from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.signalling.models import (
    Diagnosis,
    FollowUp,
    NoContraSignalsStatement,
    Opinion,
    Signal,
    SignalListItem,
)
from tests.signalling.helpers import add_signal, url

DAY = date.today() - timedelta(days=10)


def fill(case, user, n: int) -> None:
    """n signals (a third contra, some from others, some corrected), opinions, diagnoses."""
    signals = []
    for i in range(1, n + 1):
        other = i % 4 == 0
        signals.append(
            Signal(
                case=case, key=f"s{i}", recorded_by=user, observed_on=DAY,
                kind="contra_signal" if i % 3 == 0 else "signal",
                text=f"Signaal {i}: hij was erg agressief op het plein.",
                source_kind="other" if other else "own_observation",
                source_name="Sanne" if other else "", source_role="mentor" if other else "",
                tags=["Uitspraken"] if i % 2 else [],
                is_current=i % 5 != 0,
            )
        )  # fmt: skip
        if i % 5 == 0:  # a corrected entry: version 2 is current
            signals.append(
                Signal(
                    case=case, key=f"s{i}", version=2, recorded_by=user, observed_on=DAY,
                    kind="signal", text=f"Signaal {i}, gecorrigeerd.",
                    source_kind="own_observation", correction_note="datum",
                )
            )  # fmt: skip
    Signal.objects.bulk_create(signals)
    Opinion.objects.bulk_create(
        Opinion(case=case, key=f"o{i}", recorded_by=user, text=f"Mening {i}", about=[f"s{i}"],
                status="confirmed" if i % 2 else "open")
        for i in range(1, n + 1)
    )  # fmt: skip
    FollowUp.objects.bulk_create(
        FollowUp(case=case, opinion_key=f"o{i}", date=DAY, text="vervolg", recorded_by=user)
        for i in range(1, n + 1, 2)
    )
    Diagnosis.objects.bulk_create(
        Diagnosis(case=case, key=f"d{i}", recorded_by=user, text="ADHD",
                  established_by_name="Dr. V", established_by_role="GZ-psycholoog",
                  relevance="r")
        for i in range(1, n + 1)
    )  # fmt: skip
    NoContraSignalsStatement.objects.create(case=case, made_by=user)


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_step1_page_queries_do_not_grow_with_entries(personas, client_for):
    from tests.conftest import open_case

    SignalListItem.objects.create(organisation=personas.organisation, label="Uitspraken")
    small = personas.case
    big = open_case(personas.professional, personas.organisation, "J-GROOT")
    fill(small, personas.professional, 5)
    fill(big, personas.professional, 200)
    client = client_for(personas.professional)
    for case in (small, big):  # warm up (session, lexicon, each case's kept evaluation)
        client.get(url("step1", case))
    counts = {}
    for case in (small, big):
        counts[case.pseudonym] = (
            count_queries(client, url("step1", case)),
            count_queries(client, url("case_detail", case)),
        )
    print("query counts", counts)
    assert counts["J-TEST"] == counts["J-GROOT"]
    page = client.get(url("step1", big)).text
    assert 'id="s200"' in page and 'id="o200"' in page and 'id="d200"' in page


def test_contribution_is_valid_and_current_versions_only(personas, client_for):
    fill(personas.case, personas.professional, 10)
    data = build_casefile(personas.case)
    load_casefile(data)  # raises CaseFileError if the contribution breaks the contract
    ids = [s["id"] for s in data["signals"]]
    assert ids == [f"s{i}" for i in range(1, 11)]
    s5 = next(s for s in data["signals"] if s["id"] == "s5")
    assert s5["text"] == "Signaal 5, gecorrigeerd."
    s4 = next(s for s in data["signals"] if s["id"] == "s4")
    assert s4["source"] == {"kind": "other", "name": "Sanne", "role": "mentor"}
    assert data["signals"][0]["source"] == {"kind": "own_observation"}
    assert data["signals"][0]["recorded_by"] == team_id(personas.professional.pk)
    assert data["signals"][0]["tags"] == ["Uitspraken"]
    assert data["no_contra_signals_known"] is True
    o1 = data["opinions"][0]
    assert o1 == {
        "id": "o1",
        "about": ["s1"],
        "text": "Mening 1",
        "status": "confirmed",
        "follow_ups": [{"date": DAY.isoformat(), "text": "vervolg"}],
    }
    assert data["diagnoses"][0]["established_by"] == {"name": "Dr. V", "role": "GZ-psycholoog"}


def test_contribution_query_count_is_constant(personas):
    from tests.conftest import open_case

    big = open_case(personas.professional, personas.organisation, "J-GROOT")
    fill(personas.case, personas.professional, 3)
    fill(big, personas.professional, 60)
    counts = []
    for case in (personas.case, big):
        with CaptureQueriesContext(connection) as ctx:
            build_casefile(case)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def _status(case) -> tuple[str, set[str]]:
    evaluation = case_evaluation(case)
    assert evaluation is not None
    rules = {f.rule for f in evaluation.findings if f.step == 1 and f.kind != "warning"}
    return evaluation.steps[1].status, rules


def test_engine_step1_status_follows_the_entries(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    assert _status(case) == ("not_started", set())
    add_signal(client, case)
    assert _status(case) == ("incomplete", {"R1.5"})
    client.post(url("no_contra_signals", case), {"statement": "make"})
    assert _status(case) == ("complete", set())
    client.post(url("no_contra_signals", case), {"statement": "withdraw"})
    assert _status(case) == ("incomplete", {"R1.5"})
    add_signal(client, case, kind="contra_signal", text="Hij helpt zijn buurman met boodschappen.")
    assert _status(case) == ("complete", set())


def test_only_a_contra_signal_leaves_step1_incomplete(personas, client_for):
    client = client_for(personas.professional)
    add_signal(client, personas.case, kind="contra_signal")
    assert _status(personas.case) == ("incomplete", {"R1.7"})


def test_signal_recorded_by_someone_who_left_the_team_stays_valid(personas, client_for):
    personas.case.team.create(user=personas.colleague, role_on_team="invaller")
    add_signal(client_for(personas.colleague), personas.case)
    personas.case.team.filter(user=personas.colleague).delete()
    data = build_casefile(personas.case)
    load_casefile(data)
    assert data["signals"][0]["recorded_by"] is None
