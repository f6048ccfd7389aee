"""Open findings of the engine per rule ID (issue #22, "which rules people struggle with"):
the summary each evaluation leaves (cases.findings), marked stale by a change in its own
transaction and written again by the next page view or the nightly command, and the figure
that counts it in the database, on the page, in the CSV and in the API, saying how fresh."""

from __future__ import annotations

import io
import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.findings import stale
from deelwijzer.cases.models import Case, CaseStatus, OpenFinding
from deelwijzer.cases.program import program
from deelwijzer.insight.figures import Scope, all_figures, open_findings
from deelwijzer.insight.services import open_findings_refresh
from deelwijzer.interchange.casefile import case_evaluation
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


def _signal(text: str = "Hij zei dat hij boos was.") -> SignalInput:
    return SignalInput(kind="signal", observed_on=date(2026, 1, 5), text=text,
                       source_kind="own_observation")  # fmt: skip


def _stale(case) -> bool:
    return stale(Case.objects.filter(pk=case.pk)).exists()


def _judged(case) -> dict[str, int]:
    evaluation = case_evaluation(Case.objects.get(pk=case.pk))
    assert evaluation is not None and evaluation.findings
    return dict(Counter(f.rule for f in evaluation.findings))


def test_a_change_only_marks_the_summary_stale_in_its_own_transaction(personas, client_for):
    case = personas.case
    _keep([case], R6_7=9)  # what an earlier evaluation left
    signal_add(actor=personas.professional, case_id=case.pk, data=_signal())
    assert _stale(case)
    assert _summary(case) == {"R6.7": 9}  # the write judged nothing: the old rows stay
    page = client_for(personas.professional).get(reverse("case_detail", args=[case.public_id]))
    assert page.status_code == 200  # the evaluation the page makes anyway writes the rows
    assert not _stale(case)
    assert _summary(case) == _judged(case) and "R1.5" in _summary(case)
    with pytest.raises(RuntimeError), transaction.atomic():
        signal_add(actor=personas.professional, case_id=case.pk, data=_signal())
        inside = _stale(case)
        raise RuntimeError
    assert inside  # marked inside the change ...
    assert not _stale(case)  # ... and rolled back with it


def test_the_nightly_command_judges_the_stale_cases_only(personas):
    cases = _cases_with(personas, 2, "N")
    assert open_findings_refresh(organisation_id=personas.organisation.pk) == 3
    assert not any(_stale(c) for c in [personas.case, *cases])
    _keep([cases[0]], R6_7=9)  # written directly: the label still says fresh
    signal_add(actor=personas.professional, case_id=cases[1].pk, data=_signal())  # e.g. the API
    assert _stale(cases[1]) and not _stale(cases[0])
    organisation = str(personas.organisation.pk)
    out = io.StringIO()
    call_command("open_findings", "--stale-only", "--organisation", organisation, stdout=out)
    assert out.getvalue().startswith("1 open casus beoordeeld in ")  # one casus, not "casussen"
    assert not _stale(cases[1]) and _summary(cases[1]) == _judged(cases[1])
    assert _summary(cases[0]) == {"R6.7": 9}  # a fresh case was left alone
    event = AuditEvent.objects.filter(action="statistics.findings_refresh").latest("id")
    assert event.detail == {"cases": 1, "stale_only": True}


def test_an_upgrade_marks_every_summary_stale_and_the_nightly_command_renews_them(personas):
    """Counted by an earlier version of the program (its rules may differ): stale without any
    change of the case, so the nightly --stale-only run judges it again; the statistics say so."""
    cases = _cases_with(personas, 2, "U")
    signal_add(actor=personas.professional, case_id=cases[0].pk, data=_signal())
    organisation = personas.organisation.pk
    open_findings_refresh(organisation_id=organisation)
    assert Case.objects.get(pk=cases[0].pk).findings_built_by == program()
    _keep([cases[0]], R6_7=9)  # as the earlier version counted it
    Case.objects.filter(pk=cases[0].pk).update(findings_built_by="0" * 16)  # cf. migration
    assert _stale(cases[0]) and not _stale(cases[1])
    note = open_findings(_scope(organisation)).note
    assert "Bij minder dan 5 open casussen is er sinds de laatste beoordeling" in note
    assert open_findings_refresh(organisation_id=organisation, stale_only=True) == 1
    assert not _stale(cases[0]) and _summary(cases[0]) == _judged(cases[0])
    assert "Alle open casussen zijn na hun laatste wijziging beoordeeld." in (
        open_findings(_scope(organisation)).note
    )


def test_the_statistics_say_how_fresh_the_figure_is(personas, client_for, client):
    open_findings_refresh(organisation_id=personas.organisation.pk)
    auditor = client_for(personas.auditor)
    fresh = "Alle open casussen zijn na hun laatste wijziging beoordeeld."
    waiting = "Bij minder dan 5 open casussen is er sinds de laatste beoordeling iets gewijzigd"
    html = auditor.get(reverse("statistics")).content.decode()
    assert fresh in html and waiting not in html
    signal_add(actor=personas.professional, case_id=personas.case.pk, data=_signal())
    html = auditor.get(reverse("statistics")).content.decode()
    assert waiting in html and fresh not in html
    csv = client_for(personas.org_admin).get(reverse("statistics_csv")).content.decode()
    assert "Open bevindingen per regel,R1.1-R6.7,toelichting,," in csv and waiting in csv
    api = ApiClient(client, token_for(personas.attention_officer))
    figure = next(
        f for f in api.get("/statistics").json()["figures"] if f["key"] == "open_findings"
    )
    assert waiting in figure["note"]
    client_for(personas.professional).get(reverse("case_detail", args=[personas.case.public_id]))
    rows = _rows(personas.organisation.pk)  # one case: hidden, but there after the page view
    assert (
        set(rows) == set(_judged(personas.case))
        and fresh in open_findings(_scope(personas.organisation.pk)).note
    )


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
    seed(personas)  # written with the ORM: no evaluation counted these entries
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


def test_a_case_file_that_cannot_be_built_keeps_its_rows_and_stays_stale(personas, monkeypatch):
    from deelwijzer.interchange import casefile

    _keep([personas.case], R1_5=1)
    signal_add(actor=personas.professional, case_id=personas.case.pk, data=_signal())
    other = _cases_with(personas, 1, "B")[0]

    def broken(case, **kwargs):
        if case.pk == personas.case.pk:
            raise TypeError("a row the case file cannot read")
        return build(case, **kwargs)

    build = casefile.build_casefile
    monkeypatch.setattr(casefile, "build_casefile", broken)
    assert open_findings_refresh(organisation_id=personas.organisation.pk, stale_only=True) == 2
    assert _summary(personas.case) == {"R1.5": 1} and _stale(personas.case)  # the old rows
    assert not _stale(other)  # the other case was judged all the same


def test_an_unknown_organisation_is_refused_before_the_job_is_recorded(personas):
    from django.core.management.base import CommandError

    from deelwijzer.commandbase import BAD_INPUT
    from deelwijzer.jobs.models import JobRun

    with pytest.raises(CommandError, match="Geen organisatie met id 999999") as refused:
        call_command("open_findings", "--organisation", "999999")
    assert refused.value.returncode == BAD_INPUT
    assert not JobRun.objects.exists()  # no failed run of the job for a typing error
    call_command(
        "open_findings", "--organisation", str(personas.organisation.pk), stdout=io.StringIO()
    )
    assert JobRun.objects.get().job == "open-findings"


@pytest.mark.django_db(transaction=True)
def test_the_nightly_command_holds_no_judged_case_while_it_judges_the_next(personas, monkeypatch):
    """Each case is judged and kept in a transaction of its own. In one transaction for the
    whole run, the rows the job wrote stayed locked until its end (on a large installation,
    after an upgrade or in the weekly full run, 30-50 minutes): a user saving a signal to
    a case already judged waited that long (PostgreSQL: the case's row; SQLite: the whole
    database), and what the job had kept was seen by nobody until then."""
    from deelwijzer.interchange import casefile

    _cases_with(personas, 1, "H")
    mine = Case.objects.filter(organisation=personas.organisation)
    mine.update(findings_built_by="0" * 16)  # every case judged by an earlier version
    judged: list[Case] = []
    seen: dict[str, object] = {}

    def meanwhile(first: Case) -> None:  # another request, on a connection of its own
        try:
            row = Case.objects.get(pk=first.pk)
            seen["kept"] = row.findings_built_by == program() and not _stale(row)
            # on SQLite this runs inside the next case's transaction, which holds the one
            # write lock: only PostgreSQL can show the save going through meanwhile
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '5s'")
                signal_add(actor=personas.professional, case_id=first.pk, data=_signal("Later."))
                seen["saved"] = True
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            seen["error"] = repr(error)
        finally:
            connection.close()

    judge = casefile._judged

    def judging(case: Case, today: date):
        if len(judged) == 1:  # the second case: the first is done
            other = threading.Thread(target=meanwhile, args=(judged[0],))
            other.start()
            other.join(timeout=30)
        judged.append(case)
        return judge(case, today)

    monkeypatch.setattr(casefile, "_judged", judging)
    assert open_findings_refresh(organisation_id=personas.organisation.pk) >= 2
    assert seen.get("kept") is True, seen  # committed before the next case was judged
    if connection.vendor == "postgresql":
        assert seen.get("saved") is True, seen  # not held up by the job
        assert _stale(judged[0]) and not _stale(judged[1])  # the signal came after the job
