"""Open findings of the engine per rule ID (issue #22, "which rules people struggle with"):
the summary each evaluation leaves (cases.findings), kept in the transaction of the change,
and the figure that counts it in the database, on the page, in the CSV and in the API."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from deelwijzer.cases.models import Case, CaseStatus, OpenFinding
from deelwijzer.insight.figures import Scope, all_figures, open_findings
from deelwijzer.insight.services import open_findings_refresh
from deelwijzer.interchange.casefile import case_evaluation
from deelwijzer.signalling.models import Signal
from deelwijzer.signalling.services import SignalInput, signal_add
from tests.api.helpers import ApiClient, token_for
from tests.insight.seed import seed
from tests.insight.test_figures import _text_of_pdf
from tests.personas import open_case


def _scope(organisation_id):
    today = timezone.localdate()
    return Scope(organisation_id, today - timedelta(days=30), today)


def _rows(organisation_id) -> dict:
    return dict(open_findings(_scope(organisation_id)).shown_rows())


def _summary(case) -> dict[str, int]:
    return dict(OpenFinding.objects.filter(case=case).values_list("rule", "findings"))


def _cases_with(personas, n: int, prefix: str):
    return [open_case(personas.professional, personas.organisation, f"{prefix}-{i}")
            for i in range(n)]  # fmt: skip


def _keep(cases, **findings):
    for case in cases:
        OpenFinding.objects.filter(case=case).delete()
        OpenFinding.objects.bulk_create(
            [
                OpenFinding(case=case, rule=rule.replace("_", "."), findings=n)
                for rule, n in findings.items()
            ]  # fmt: skip
        )


def test_the_figure_counts_findings_and_cases_per_rule_in_catalogue_order(personas):
    many = _cases_with(personas, 6, "F")
    _keep(many, R1_5=1, R3_1=2)
    _keep(many[:2], R1_5=1, R3_1=2, R2_10=1)  # R2.10: after R2.9, not after R2.1
    _keep([personas.case], R2_1=3)
    rows = _rows(personas.organisation.pk)
    assert list(rows) == ["R1.5", "R2.1", "R2.10", "R3.1"]
    assert rows["R1.5"] == [6, 6]
    assert rows["R3.1"] == [12, 6]
    assert rows["R2.1"] == ["< 5", "< 5"]  # one case: hidden, also its 3 findings
    assert rows["R2.10"] == ["< 5", "< 5"]


def test_closed_cases_and_other_organisations_do_not_count(personas):
    cases = _cases_with(personas, 6, "G")
    _keep(cases, R4_1=1)
    _keep([personas.other_case], R4_1=1)
    Case.objects.filter(pk=cases[0].pk).update(status=CaseStatus.CLOSED)
    assert _rows(personas.organisation.pk)["R4.1"] == [5, 5]
    everyone = _rows(None)  # the installation's operator
    assert everyone["R4.1"] == [6, 6]


def test_a_change_keeps_the_engines_findings_in_its_own_transaction(personas):
    case = personas.case
    signal = SignalInput(
        kind="signal", observed_on=date(2026, 1, 5), text="Hij zei dat hij boos was.",
        source_kind="own_observation",
    )  # fmt: skip
    signal_add(actor=personas.professional, case_id=case.pk, data=signal)
    evaluation = case_evaluation(Case.objects.get(pk=case.pk))
    assert evaluation is not None and evaluation.findings
    assert _summary(case) == dict(Counter(f.rule for f in evaluation.findings))
    before = _summary(case)
    with pytest.raises(RuntimeError), transaction.atomic():
        OpenFinding.objects.filter(case=case).delete()
        signal_add(actor=personas.professional, case_id=case.pk, data=signal)
        inside = _summary(case)
        raise RuntimeError
    assert inside and "R1.5" in inside  # written again inside the change ...
    assert _summary(case) == before  # ... and rolled back with it


def test_a_new_evaluation_on_a_page_view_replaces_the_summary(personas, client_for):
    _keep([personas.case], R6_7=9)  # stale: as if the rules changed since
    response = client_for(personas.professional).get(
        reverse("case_detail", args=[personas.case.public_id])
    )
    assert response.status_code == 200
    evaluation = case_evaluation(personas.case)
    assert evaluation is not None
    assert _summary(personas.case) == dict(Counter(f.rule for f in evaluation.findings))


def test_the_seeded_organisation_judged_again_by_the_operator_command(personas):
    seed(personas)  # written with the ORM: no change hook ran for these entries
    OpenFinding.objects.all().delete()
    judged = open_findings_refresh(organisation_id=personas.organisation.pk)
    assert judged == Case.objects.filter(organisation=personas.organisation).count() == 23
    rows = _rows(personas.organisation.pk)
    # every case with a signal and no contra-signal (A, E, C: 17) misses one (R1.5); A and
    # E (12) have a conversation that does not say what it was about (R3.1); E's 2 advice
    # requests are not in the dossier yet (R2.6): hidden
    assert rows["R1.5"] == [17, 17]
    assert rows["R3.1"] == [12, 12]
    assert rows["R2.6"] == ["< 5", "< 5"]
    assert "R6.7" in rows and rows["R6.7"] == [10, 10]


def test_page_csv_and_api_show_the_figure(personas, client_for, client):
    _keep(_cases_with(personas, 7, "H"), R1_3=1)
    _keep([personas.case], R5_2=1)
    auditor = client_for(personas.auditor)
    html = auditor.get(reverse("statistics")).content.decode()
    assert "Open bevindingen per regel" in html and "R1.3" in html
    assert "Grafiek: Open bevindingen per regel." in html  # the bar chart beside the table
    pdf = _text_of_pdf(auditor.get(reverse("statistics_pdf")).content)
    assert "Open bevindingen per regel" in pdf and "R1.3" in pdf
    csv = client_for(personas.org_admin).get(reverse("statistics_csv")).content.decode()
    assert "Open bevindingen per regel,R1.1-R6.7,R1.3,bevindingen,7" in csv
    assert "Open bevindingen per regel,R1.1-R6.7,R5.2,casussen,< 5" in csv
    api = ApiClient(client, token_for(personas.attention_officer))
    body = api.get("/statistics").json()
    figure = next(f for f in body["figures"] if f["key"] == "open_findings")
    assert figure["columns"] == ["bevindingen", "casussen"]
    assert figure["rows"] == [
        {"label": "R1.3", "values": [7, 7]},
        {"label": "R5.2", "values": ["<5", "<5"]},
    ]


def test_the_openapi_document_names_every_figure(personas, client):
    keys = [figure.key for figure in all_figures(_scope(personas.organisation.pk))]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    described = schema["FigureOut"]["properties"]["key"]["description"]
    assert "open_findings" in keys
    assert [key for key in keys if key not in described] == []


def test_a_case_file_that_cannot_be_built_never_refuses_the_change(personas, monkeypatch):
    from deelwijzer.interchange import casefile

    _keep([personas.case], R1_5=1)

    def broken(case, **kwargs):
        raise TypeError("a row the case file cannot read")

    monkeypatch.setattr(casefile, "build_casefile", broken)
    signal = SignalInput(kind="signal", observed_on=date(2026, 1, 5), text="Hij zei niets.",
                         source_kind="own_observation")  # fmt: skip
    signal_add(actor=personas.professional, case_id=personas.case.pk, data=signal)
    assert Signal.objects.filter(case=personas.case).count() == 1
    assert _summary(personas.case) == {"R1.5": 1}  # the old rows stay until the next one
