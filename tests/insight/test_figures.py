"""Every figure of the statistics against an organisation with known counts (tests/insight/
seed.py), small cells hidden (also where a total would give them away), and no pseudonym or
free text in the page, the CSV or the PDF report (issue #22)."""

from __future__ import annotations

import math
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from deelwijzer.advice.models import AdviceRequest
from deelwijzer.audit.models import AuditEvent
from deelwijzer.conversations.models import Conversation, ConversationSkipped
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.disclosures.models import Disclosure
from deelwijzer.insight import figures as figures_module
from deelwijzer.insight.figures import Scope, all_figures
from deelwijzer.insight.suppression import HIDDEN, hide_funnel, hide_in_group, hide_table
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Signal
from tests.insight.seed import FREE_TEXT, PSEUDONYM_PREFIX, seed


@pytest.fixture
def figures(personas):
    seed(personas)
    today = timezone.localdate()
    scope = Scope(personas.organisation.pk, today - timedelta(days=90), today, "month")
    return {f.key: dict(f.shown_rows()) for f in all_figures(scope)}


def test_the_funnel_counts_the_cases_per_step_reached(figures):
    assert figures["funnel"] == {
        "Casus geopend": [23],
        "Stap 1: signalen vastgelegd": [23],
        "Stap 2: advies gevraagd": [18],
        "Stap 3: gesprek gevoerd of bewust niet": [18],
        "Stap 4: risico's afgewogen": [18],
        "Stap 5: besluit genomen": [10],
        "Stap 6: informatie verstrekt": [10],
    }


def test_the_trend_totals_count_only_this_organisation(figures):
    assert figures["trend"]["Totaal"] == [23, 0, 18, 10]


def test_durations_from_the_first_signal(figures):
    assert figures["durations"] == {
        "tot de adviesvraag (stap 2)": [18, 10, 10],
        "tot het gesprek (stap 3)": [18, 20, 20],
        "tot het besluit (stap 5)": [10, 24, 24],
        "tot de verstrekking (stap 6)": [10, 25, 25],
    }


def test_days_of_too_few_cases_are_not_shown_and_not_as_under_five(personas):
    """The statistics walk: the day columns read "< 5" (under five days?) where the time of
    fewer than 5 cases is left out; with no case at all they read 0 days."""
    from deelwijzer.insight.figures import durations

    today = timezone.localdate()
    scope = Scope(personas.organisation.pk, today - timedelta(days=90), today, "month")
    steps = figures_module._Steps(
        reached=[], days=[(3, 10.0, 12.0), (0, None, None), (7, 20.0, 30.0), (5, 1.0, 2.0)]
    )
    rows = dict(durations(scope, steps).shown_rows())
    assert list(rows.values()) == [["< 5", "–", "–"], [0, "–", "–"], [7, 20, 30], [5, 1, 2]]


def test_advice_by_adviser_and_by_outcome(figures):
    kinds = figures["advice_kind"]
    assert kinds["De aandachtsfunctionaris radicalisering"] == [12]
    assert kinds["Een adviseur buiten de organisatie"] == [6]
    assert kinds["Een collega uit het team"] == [0]
    assert kinds["Totaal"] == [18]
    outcome = figures["advice_outcome"]
    assert outcome["Totaal"] == [10]
    assert sum(v[0] for k, v in outcome.items() if k != "Totaal") == 10


def test_conversations_with_whom_and_skipped(figures):
    assert figures["conversations"] == {
        "gesprek met de jongere en de ouders": [6],
        "gesprek alleen met de jongere": [12],
        "gesprek alleen met de ouders": [0],
        "bewust geen gesprek (uitzondering)": [0],
        "Totaal": [18],
    }


def test_the_risk_heat_map_hides_a_small_cell_and_its_neighbour(figures):
    heat = figures["risk_heat"]
    # youth: 2 considerable (small) and 10 serious: the 10 goes too, or 12 - 10 would tell
    assert heat["de jongere"] == [0, HIDDEN, HIDDEN]
    assert heat["ouders, broers en zussen"] == [6, 0, 0]
    assert figures["risk_timing"] == {"op korte termijn": [12], "later": [6], "Totaal": [18]}


def test_decisions_returned_are_hidden_with_their_complement(figures):
    status = figures["decision_status"]
    assert status["teruggestuurd"] == [HIDDEN] and status["afgetekend"] == [HIDDEN]
    assert status["Totaal"] == [12]
    assert figures["decision_share"]["wel delen"] == [10]
    assert figures["decision_consent"]["De jongere geeft toestemming"] == [10]


def test_disclosures_and_feedback(figures):
    assert figures["disclosure_kind"]["Politie"] == [10]
    assert figures["disclosure_ground"]["Toestemming van de jongere (R5.1)"] == [10]
    assert figures["feedback"] == {
        "op tijd ontvangen": [5],
        "te laat ontvangen": [0],
        "niet ontvangen, termijn verstreken": [0],
        "termijn loopt nog": [5],
        "Totaal": [10],
    }


def test_suppression_rules():
    assert hide_in_group([3, 10, 20], set()) == {0, 1}  # the smallest other goes too
    assert hide_in_group([3, 4, 20], set()) == {0, 1}  # two hidden: no subtraction
    assert hide_in_group([0, 10, 20], set()) == set()  # a 0 reveals nobody
    assert hide_table([[2, 10], [6, 7]]) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert hide_funnel([20, 18, 10]) == {1}  # 2 cases stopped after the first step


def _text_of_pdf(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.mark.parametrize("persona", ["auditor", "org_admin", "attention_officer"])
def test_no_pseudonym_or_free_text_leaves_the_case_tables(personas, client_for, persona):
    seed(personas)
    client = client_for(getattr(personas, persona))
    page = client.get(reverse("statistics"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "< 5" in html and "Stap 6: informatie verstrekt" in html
    assert 'src="data:image/svg+xml;base64,' in html and "Grafiek: " in html
    csv = client.get(reverse("statistics_csv")).content.decode()
    assert "Stap 5: besluit genomen" in csv and "< 5" in csv
    pdf = client.get(reverse("statistics_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = _text_of_pdf(pdf.content)
    assert "Casussen per bereikte stap" in text
    for output in (html, csv, text):
        for secret in (PSEUDONYM_PREFIX, "J-TEST", FREE_TEXT, "Yusuf", "Bakker"):
            assert secret not in output
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"statistics.view", "statistics.export_csv", "statistics.export_pdf"} <= actions


def test_a_bad_period_is_refused_with_the_input_kept(personas, client_for):
    client = client_for(personas.org_admin)
    response = client.get(reverse("statistics"), {"van": "2026-05-01", "tot": "2026-01-01"})
    assert response.status_code == 422
    assert "De begindatum ligt na de einddatum." in response.content.decode()
    assert 'value="2026-05-01"' in response.content.decode()
    garbage = client.get(reverse("statistics"), {"van": "31-02-20xx", "per": "geen-optie"})
    assert garbage.status_code == 422


def test_professionals_do_not_see_statistics(personas, client_for):
    assert client_for(personas.professional).get(reverse("statistics")).status_code == 403


def test_a_chart_says_what_it_leaves_out():
    """The statistics walk: a chart of counts under 5 only said "Geen gegevens" beside a table
    that had them, and a small count showed as no bar, as if 0."""
    from deelwijzer.insight.charts import chart_note, svg
    from deelwijzer.insight.figures import Figure

    def figure(values: list[int], hidden: set) -> Figure:
        rows = [("de jongere", values[:2]), ("anderen", values[2:]), ("Totaal", [sum(values)] * 2)]
        return Figure("risks", "Risico's", "R4.2", ["laag", "hoog"], rows, "bar", hidden)

    small = figure([3, 2, 1, 4], {(0, 0), (0, 1), (1, 0), (1, 1)})
    assert svg(small) == ""  # nothing to draw: no chart saying "Geen gegevens"
    assert chart_note(small) == (
        "Alle aantallen zijn hier kleiner dan 5, dus er is geen grafiek: zie de tabel."
    )
    some = figure([3, 12, 0, 9], {(0, 0)})
    assert "Geen gegevens" not in svg(some) and "No data" not in svg(some)
    assert chart_note(some) == (
        "Aantallen kleiner dan 5 staan niet in de grafiek; de tabel noemt ze “< 5”."
    )
    assert chart_note(figure([6, 12, 0, 9], set())) == ""
    total_only = figure([6, 12, 0, 9], {(2, 0)})  # the total row is no bar
    assert chart_note(total_only) == ""


def test_a_chart_is_drawn_again_only_when_its_figure_changes():
    from deelwijzer.insight import charts
    from deelwijzer.insight.figures import Figure

    def figure(b: int, hidden: set) -> Figure:
        rows = [("wel delen", [7]), ("niet delen", [b]), ("Totaal", [7 + b])]
        return Figure("decision_share", "Besluiten", "R5.1", ["besluiten"], rows, hidden=hidden)

    first = charts.svg(figure(9, set()))
    hits = charts._drawn.cache_info().hits
    assert charts.svg(figure(9, set())) == first  # the same counts: the kept drawing
    assert charts._drawn.cache_info().hits == hits + 1

    def values(drawn: str) -> list[str]:
        return re.findall(r'<desc class="value">([^<]*)<', drawn)

    assert values(first) == ["7", "9"]
    assert values(charts.svg(figure(12, set()))) == ["7", "12"]
    assert values(charts.svg(figure(3, {(1, 0)}))) == ["7"]  # a small cell is left out


def _interpolated(values: list[int], q: float) -> float:
    """Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont."""
    values = sorted(values)
    position = (len(values) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def test_the_one_pass_funnel_and_durations_match_a_count_case_by_case(personas):
    """The funnel and the durations come from one grouped query (figures._steps); here the
    same figures are counted case by case with the ORM, after spreading the seeded dates so
    that the median and the 90th percentile differ."""
    seed(personas)
    for i, advice in enumerate(AdviceRequest.objects.order_by("pk")):
        AdviceRequest.objects.filter(pk=advice.pk).update(asked_on=advice.asked_on + timedelta(i))
    for i, talk in enumerate(Conversation.objects.order_by("pk")):
        Conversation.objects.filter(pk=talk.pk).update(held_on=talk.held_on + timedelta(3 * i))
    Signal.objects.create(case=personas.case, key="s2", recorded_by=personas.professional,
                          kind="contra_signal", observed_on=timezone.localdate() - timedelta(60),
                          text="x", source_kind="own_observation")  # fmt: skip
    today = timezone.localdate()
    scope = Scope(personas.organisation.pk, today - timedelta(days=90), today, "month")
    begin, stop = scope.moments()
    cases = list(scope.cases().filter(opened_at__gte=begin, opened_at__lt=stop))
    reached = [len(cases), 0, 0, 0, 0, 0, 0]
    days: list[list[int]] = [[], [], [], []]
    for case in cases:
        signals = Signal.objects.filter(case=case, is_current=True)
        asked = AdviceRequest.objects.filter(case=case, is_current=True,
                                             status__in=["sent", "answered"])  # fmt: skip
        talks = Conversation.objects.filter(case=case, is_current=True)
        skipped = ConversationSkipped.objects.filter(case=case, is_current=True)
        signed = SharingDecision.objects.filter(case=case, is_current=True, status="signed_off")
        shared = Disclosure.objects.filter(case=case)
        steps = [signals, asked, [*talks, *skipped], Risk.objects.filter(case=case,
                 is_current=True), signed, shared]  # fmt: skip
        for step, entries in enumerate(steps, start=1):
            reached[step] += bool(len(entries))
        first = min((s.observed_on for s in signals if s.kind == "signal"), default=None)
        laters = [[a.asked_on for a in asked], [t.held_on for t in talks],
                  [d.decided_on for d in signed], [s.shared_on for s in shared]]  # fmt: skip
        for column, dates in enumerate(laters):
            if first is not None and [d for d in dates if d]:
                days[column].append((min(d for d in dates if d) - first).days)
    funnel = [values[0] for _label, values in figures_module.funnel(scope).rows]
    assert funnel == reached
    found = [values for _label, values in figures_module.durations(scope).rows]
    expected = [[len(d), round(_interpolated(d, 0.5)), round(_interpolated(d, 0.9))] for d in days]
    assert found == expected
    assert expected[0][1] != expected[0][2]  # the spread made median and p90 differ


def test_a_date_out_of_range_is_named_at_its_own_field(personas, client_for):
    """'Kies een datum tussen 2000 en 2100' said which date only by its place in the form."""
    auditor = client_for(personas.auditor)
    for url, query, field in (
        (reverse("audit_log"), {"van": "1800-01-01"}, "van"),
        (reverse("statistics"), {"tot": "2200-01-01"}, "tot"),
        (reverse("statistics"), {"van": "2026-05-01", "tot": "2026-01-01"}, "tot"),
    ):
        response = auditor.get(url, query)
        assert response.status_code == 422
        page = response.content.decode()
        assert f'id="id_{field}_error1"' in page, (url, query)
        assert f'href="#id_{field}"' in page  # the summary links to the field


def test_the_api_gives_days_it_does_not_show_as_null(personas, client):
    """The same figure through the API: no "<5" for days (the schema says null instead)."""
    from tests.api.helpers import ApiClient, token_for

    api = ApiClient(client, token_for(personas.attention_officer))
    body = api.get("/statistics").json()
    (durations,) = [f for f in body["figures"] if f["key"] == "durations"]
    assert [row["values"] for row in durations["rows"]] == [[0, None, None]] * 4
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "null" in schema["FigureRowOut"]["properties"]["values"]["description"]


def test_the_api_period_with_only_an_end_is_the_twelve_months_up_to_it(personas, client):
    """The API walk: ?to= alone was refused ("met 'from' voor 'to'"), since 'from' defaulted
    to twelve months before today."""
    from tests.api.helpers import ApiClient, token_for

    api = ApiClient(client, token_for(personas.attention_officer))
    answer = api.get("/statistics", to="2025-06-10")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["from"], body["to"]) == ("2024-06-01", "2025-06-10")
    december = api.get("/statistics", to="2025-12-31").json()
    assert (december["from"], december["to"]) == ("2025-01-01", "2025-12-31")
