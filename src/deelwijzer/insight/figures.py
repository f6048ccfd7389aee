"""The figures of the statistics page (issue #22), per organisation or for every one.

Every figure is an aggregate query in the database (COUNT … GROUP BY, a percentile on
PostgreSQL); only the grouped counts come back, never a case. Nothing here reads free text,
names or pseudonyms. Small cells are hidden afterwards (insight.suppression).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
)
from django.db.models.functions import Cast, TruncMonth
from django.utils.translation import gettext as _

from deelwijzer.advice.models import AdviceRequest, AdviserKind, RequestStatus
from deelwijzer.advice.models import Outcome as AdviceOutcome
from deelwijzer.cases.findings import stale
from deelwijzer.cases.models import Case, CaseStatus, OpenFinding
from deelwijzer.conversations.models import Conversation, ConversationSkipped
from deelwijzer.decisions.models import Consent, DecisionStatus, SharingDecision
from deelwijzer.disclosures.models import ContactKind, Disclosure, FeedbackReceipt, Ground
from deelwijzer.insight.periods import bucket, buckets_between
from deelwijzer.insight.suppression import (
    HIDDEN,
    WITHHELD,
    hide_funnel,
    hide_in_group,
    hide_table,
)
from deelwijzer.risks.models import AtRisk, Risk, Severity, Timing
from deelwijzer.signalling.models import Signal, SignalKind


@dataclass
class Figure:
    """One table of the page (and its chart): counts per row and column, small ones hidden."""

    key: str
    title: str
    rule: str  # the rule ID(s) of the werkwijze it is about, or ""
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    chart: str = "bar"  # bar | line | funnel | heat | none
    hidden: set[tuple[int, int]] = field(default_factory=set)
    note: str = ""
    withheld: set[tuple[int, int]] = field(default_factory=set)  # not counts: "–", not "< 5"

    def cell(self, r: int, c: int) -> int | str:
        if (r, c) in self.withheld:
            return WITHHELD
        return HIDDEN if (r, c) in self.hidden else self.rows[r][1][c]

    def shown_rows(self) -> list[tuple[str, list[int | str]]]:
        return [(label, [self.cell(r, c) for c in range(len(values))])
                for r, (label, values) in enumerate(self.rows)]  # fmt: skip


@dataclass(frozen=True)
class Scope:
    """Whose cases and which dates: one organisation, or all (``organisation_id`` None)."""

    organisation_id: int | None
    start: date
    end: date
    per: str = "month"

    def cases(self):
        found = Case.objects.all()
        if self.organisation_id is not None:
            found = found.filter(organisation_id=self.organisation_id)
        return found

    def of_cases(self, model, **extra):
        """Current entries of a step app in these cases."""
        found = model.objects.filter(**extra)
        if self.organisation_id is not None:
            found = found.filter(case__organisation_id=self.organisation_id)
        return found

    def moments(self) -> tuple[datetime, datetime]:
        zone = ZoneInfo(settings.TIME_ZONE)
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )


def _grouped(query, *names: str) -> list[dict]:
    """The counts of ``query`` per combination of ``names``: one GROUP BY for the several
    figures of one table, each summed from it by ``_sum_by``."""
    return list(query.order_by().values(*names).annotate(n=Count("pk")))


def _sum_by(rows: list[dict], name: str, **where) -> dict:
    """The counts of ``rows`` per value of ``name``, of the rows whose columns match ``where``
    (a value, or a list of the values allowed)."""
    found: dict = {}
    for row in rows:
        if all(row[k] in v if isinstance(v, list) else row[k] == v for k, v in where.items()):
            found[row[name]] = found.get(row[name], 0) + row["n"]
    return found


def _choices_figure(key, title, rule, column, choices, counts, chart="bar") -> Figure:
    rows = [(str(label), [counts.get(code, 0)]) for code, label in choices]
    figure = Figure(key, title, rule, [column], rows, chart)
    _hide_column_with_total(figure)
    return figure


def _hide_column_with_total(figure: Figure) -> None:
    values = [values[0] for _label, values in figure.rows]
    figure.hidden = {(r, 0) for r in hide_in_group(values, set())}
    total = sum(values)
    figure.rows.append((_("Totaal"), [total]))
    if 0 < total < 5:
        figure.hidden.add((len(figure.rows) - 1, 0))


# -- cases, advice and disclosures per period (the trend) ----------------------------------


def _per_month(query, when: str) -> dict[date, int]:
    rows = query.order_by().annotate(m=TruncMonth(when)).values("m").annotate(n=Count("pk"))
    found: dict[date, int] = {}
    for row in rows:
        month = row["m"].date() if isinstance(row["m"], datetime) else row["m"]
        found[month] = found.get(month, 0) + row["n"]
    return found


def trend(scope: Scope) -> Figure:
    begin, stop = scope.moments()
    series = [
        _per_month(scope.cases().filter(opened_at__gte=begin, opened_at__lt=stop), "opened_at"),
        _per_month(scope.cases().filter(closed_at__gte=begin, closed_at__lt=stop), "closed_at"),
        _per_month(
            scope.of_cases(
                AdviceRequest, is_current=True, asked_on__range=(scope.start, scope.end)
            ).exclude(status=RequestStatus.DRAFT),
            "asked_on",
        ),
        _per_month(
            scope.of_cases(Disclosure, shared_on__range=(scope.start, scope.end)), "shared_on"
        ),
    ]
    periods = buckets_between(scope.start, scope.end, scope.per)
    index = {first: i for i, (first, _name) in enumerate(periods)}
    rows = [(name, [0] * len(series)) for _first, name in periods]
    for c, counts in enumerate(series):
        for month, n in counts.items():
            rows[index[bucket(month, scope.per)[0]]][1][c] += n
    columns = [
        _("casussen geopend"),
        _("casussen gesloten"),
        _("adviesvragen"),
        _("verstrekkingen"),
    ]
    figure = Figure("trend", _("Per periode"), "", columns, rows, "line")
    _hide_columns_with_totals(figure)
    return figure


def _hide_columns_with_totals(figure: Figure) -> None:
    """Each column's total is shown (the last row); rows are not summed."""
    hidden = set()
    for c in range(len(figure.columns)):
        column = [values[c] for _label, values in figure.rows]
        hidden |= {(r, c) for r in hide_in_group(column, set())}
    figure.hidden = hidden
    totals = [sum(values[c] for _l, values in figure.rows) for c in range(len(figure.columns))]
    figure.rows.append((_("Totaal"), totals))
    figure.hidden |= {(len(figure.rows) - 1, c) for c, t in enumerate(totals) if 0 < t < 5}


# -- the funnel through the six steps -------------------------------------------------------


@dataclass(frozen=True)
class _Steps:
    """What the funnel and the durations need, from one pass over the step tables."""

    reached: list[int]  # cases opened in the period, then how many reached each step
    days: list[tuple[int, float | None, float | None]]  # per later step: n, median, p90


# The entries of each step, as (table's model, the date taken, condition on ``t``, the
# parameters of the date and the condition in their order):
# k 0-4 have a date (the first signal of kind "signal"; the first date of the step), k 5 and
# 6 only count (a conversation skipped, not withdrawn; a risk), k 7 is the case itself (every
# case a group).
_ASKED = [RequestStatus.SENT, RequestStatus.ANSWERED]
_STEP_DATES: list[tuple[type[models.Model], str, str, list]] = [
    (Signal, "CASE WHEN t.kind = %s THEN t.observed_on END", "t.is_current", [SignalKind.SIGNAL]),
    (AdviceRequest, "t.asked_on", "t.is_current AND t.status IN (%s, %s)", _ASKED),
    (Conversation, "t.held_on", "t.is_current", []),
    (SharingDecision, "t.decided_on", "t.is_current AND t.status = %s",
     [DecisionStatus.SIGNED_OFF]),
    (Disclosure, "t.shared_on", "1 = 1", []),
    (ConversationSkipped, "NULL", "t.is_current AND t.withdrawn_at IS NULL", []),
    (Risk, "NULL", "t.is_current", []),
]  # fmt: skip
# which k's mean a case reached funnel step 1-6
_REACHED_BY = [(0,), (1,), (2, 5), (6,), (3,), (4,)]

_DAYS = {
    "postgresql": "(m{i} - m0)",
    "sqlite": "CAST(julianday(m{i}) - julianday(m0) AS INTEGER)",
}


def _scoped(scope: Scope) -> tuple[str, list]:
    """The condition on the case (``c``): opened in the period, and of the organisation."""
    begin, stop = scope.moments()
    where = "c.opened_at >= %s AND c.opened_at < %s"
    params: list = [begin, stop]
    if scope.organisation_id is not None:
        where = where + " AND c.organisation_id = %s"
        params = [*params, scope.organisation_id]
    return where, params


def _per_case_sql(scope: Scope) -> tuple[str, list]:
    """SQL: one row per case opened in the scope's period: whether it reached each funnel step
    (e1…e6, 0 or 1) and the days from its first signal to each later step's first date
    (d0…d3, NULL without either).

    One pass: the entries of every step, each joined to the scope's cases, as rows of one
    UNION ALL tagged with the step, grouped by case. Before, the funnel (an EXISTS per step)
    and the durations each read the step tables: at 10,000 cases a third of the page's
    queries' time. (Grouped subqueries joined on the case gave PostgreSQL no way to see that
    each has one row per case: it expected 168 million rows and compiled the query, JIT.)"""
    scoped, scope_params = _scoped(scope)
    cases = Case._meta.db_table
    blocks, params = [], []
    for k, (model, when, where, own) in enumerate(_STEP_DATES):
        blocks.append(
            f'SELECT t.case_id, {k} AS k, {when} AS d FROM "{model._meta.db_table}" t'
            f' JOIN "{cases}" c ON c.id = t.case_id WHERE {where} AND {scoped}'
        )
        params += [*own, *scope_params]
    blocks.append(
        f'SELECT c.id, {len(_STEP_DATES)} AS k, NULL AS d FROM "{cases}" c WHERE {scoped}'
    )
    params += scope_params
    firsts = [f"MIN(CASE WHEN u.k = {k} THEN u.d END) AS m{k}" for k in range(5)]
    reached = [
        f"MAX(CASE WHEN u.k IN ({', '.join(map(str, ks))}) THEN 1 ELSE 0 END) AS e{step + 1}"
        for step, ks in enumerate(_REACHED_BY)
    ]
    grouped = (
        f"SELECT {', '.join(firsts + reached)} FROM ({' UNION ALL '.join(blocks)}) u"
        " GROUP BY u.case_id"
    )
    days = _DAYS.get(connection.vendor, _DAYS["postgresql"])
    columns = [f"e{step}" for step in range(1, 7)]
    columns += [f"{days.format(i=i + 1)} AS d{i}" for i in range(4)]
    return f"SELECT {', '.join(columns)} FROM ({grouped}) g", params


def _steps(scope: Scope) -> _Steps:
    """The funnel's counts and the durations' count, median and 90th percentile: in the
    database on PostgreSQL; SQLite has no percentile, so there the per-case numbers (no
    case, no date) are summed and sorted here."""
    sql, params = _per_case_sql(scope)
    names = [f"d{i}" for i in range(4)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = ["count(*)", *(f"coalesce(sum(e{step}), 0)" for step in range(1, 7))]
            parts += [
                f"count({d}), percentile_cont(0.5) WITHIN GROUP (ORDER BY {d}),"
                f" percentile_cont(0.9) WITHIN GROUP (ORDER BY {d})"
                for d in names
            ]
            cursor.execute(f"WITH t AS ({sql}) SELECT {', '.join(parts)} FROM t", params)
            found = cursor.fetchone()
            days = [tuple(found[7 + i * 3 : 10 + i * 3]) for i in range(len(names))]
            return _Steps([int(n) for n in found[:7]], days)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    reached = [len(rows), *(sum(row[step] for row in rows) for step in range(6))]
    out = []
    for i in range(len(names)):
        values = sorted(row[6 + i] for row in rows if row[6 + i] is not None)
        out.append((len(values), _quantile(values, 0.5), _quantile(values, 0.9)))
    return _Steps(reached, out)


def _quantile(values: list[int], q: float) -> float | None:
    """The same interpolation as PostgreSQL's percentile_cont."""
    if not values:
        return None
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def funnel(scope: Scope, steps: _Steps | None = None) -> Figure:
    reached = (steps or _steps(scope)).reached
    labels = [
        _("Casus geopend"),
        _("Stap 1: signalen vastgelegd"),
        _("Stap 2: advies gevraagd"),
        _("Stap 3: gesprek gevoerd of bewust niet"),
        _("Stap 4: risico's afgewogen"),
        _("Stap 5: besluit genomen"),
        _("Stap 6: informatie verstrekt"),
    ]
    rows = [(label, [n]) for label, n in zip(labels, reached, strict=True)]
    figure = Figure("funnel", _("Casussen per bereikte stap"), "", [_("casussen")], rows, "funnel")
    figure.hidden = {(r, 0) for r in hide_funnel([v[0] for _l, v in rows])}
    figure.note = _("Casussen die in de periode zijn geopend; een stap telt als hij is bereikt.")
    return figure


# -- time from the first signal to each later step ------------------------------------------


def durations(scope: Scope, steps: _Steps | None = None) -> Figure:
    labels = [
        _("tot de adviesvraag (stap 2)"),
        _("tot het gesprek (stap 3)"),
        _("tot het besluit (stap 5)"),
        _("tot de verstrekking (stap 6)"),
    ]
    rows, hidden, withheld = [], set(), set()
    found = (steps or _steps(scope)).days
    for r, (label, (n, p50, p90)) in enumerate(zip(labels, found, strict=True)):
        rows.append((label, [n, _whole(p50), _whole(p90)]))
        if 0 < n < 5:
            hidden.add((r, 0))
        if n < 5:  # without cases there is no time either (not 0 days)
            withheld |= {(r, 1), (r, 2)}
    columns = [_("casussen"), _("mediaan (dagen)"), _("90e percentiel (dagen)")]
    figure = Figure("durations", _("Tijd vanaf het eerste signaal"), "", columns, rows, "none")
    figure.hidden, figure.withheld = hidden, withheld
    figure.note = _("Bij minder dan 5 casussen staat er geen tijd (–): die zou één casus tonen.")
    return figure


def _whole(value: float | None) -> int:
    return round(value) if value is not None else 0


# -- steps 2 to 6 by kind --------------------------------------------------------------------


def advice(scope: Scope) -> list[Figure]:
    asked = scope.of_cases(
        AdviceRequest, is_current=True, status__in=_ASKED, asked_on__range=(scope.start, scope.end)
    )
    rows = _grouped(asked, "adviser_kind", "status", "outcome")
    kinds = _sum_by(rows, "adviser_kind")
    outcomes = _sum_by(rows, "outcome", status=RequestStatus.ANSWERED)
    return [
        _choices_figure("advice_kind", _("Adviesvragen per soort adviseur"), "R2.2, R2.3",
                        _("adviesvragen"), AdviserKind.choices, kinds),
        _choices_figure("advice_outcome", _("Adviezen per besluit na het advies"), "R2.5",
                        _("adviezen"), AdviceOutcome.choices, outcomes),
    ]  # fmt: skip


def conversations(scope: Scope) -> Figure:
    held = scope.of_cases(Conversation, is_current=True, held_on__range=(scope.start, scope.end))
    who = held.annotate(p=Cast("participants", TextField()))
    youth, guardians = Q(p__contains='"youth"'), Q(p__contains='"guardians"')
    found = who.order_by().aggregate(
        both=Count("pk", filter=youth & guardians),
        youth=Count("pk", filter=youth & ~guardians),
        guardians=Count("pk", filter=guardians & ~youth),
    )
    begin, stop = scope.moments()
    skipped = scope.of_cases(
        ConversationSkipped,
        is_current=True,
        withdrawn_at__isnull=True,  # a withdrawn skip no longer counts
        recorded_at__gte=begin,
        recorded_at__lt=stop,
    ).count()
    rows = [
        (_("gesprek met de jongere en de ouders"), [found["both"]]),
        (_("gesprek alleen met de jongere"), [found["youth"]]),
        (_("gesprek alleen met de ouders"), [found["guardians"]]),
        (_("bewust geen gesprek (uitzondering)"), [skipped]),
    ]
    figure = Figure("conversations", _("Gesprekken gevoerd en overgeslagen"), "R3.4",
                    [_("aantal")], rows)  # fmt: skip
    _hide_column_with_total(figure)
    return figure


def risks(scope: Scope) -> list[Figure]:
    begin, stop = scope.moments()
    current = scope.of_cases(Risk, is_current=True, recorded_at__gte=begin, recorded_at__lt=stop)
    counted = _grouped(current, "at_risk", "severity", "timing")
    grid: dict[tuple[str, str], int] = {}
    for row in counted:
        cell = (row["at_risk"], row["severity"])
        grid[cell] = grid.get(cell, 0) + row["n"]
    rows = [
        (str(who_label), [grid.get((who, sev), 0) for sev, _l in Severity.choices])
        for who, who_label in AtRisk.choices
    ]
    heat = Figure("risk_heat", _("Risico's: voor wie en hoe ernstig"), "R4.1, R4.2",
                  [str(label) for _c, label in Severity.choices], rows, "heat")  # fmt: skip
    heat.hidden = hide_table([values for _l, values in rows])
    timing = _choices_figure("risk_timing", _("Risico's: wanneer"), "R4.1", _("risico's"),
                             Timing.choices, _sum_by(counted, "timing"))  # fmt: skip
    return [heat, timing]


def decisions(scope: Scope) -> list[Figure]:
    begin, stop = scope.moments()
    current = scope.of_cases(SharingDecision, is_current=True).filter(
        Q(decided_on__range=(scope.start, scope.end))
        | Q(decided_on__isnull=True, recorded_at__gte=begin, recorded_at__lt=stop)
    )
    rows = _grouped(current, "status", "share", "consent")
    signed = DecisionStatus.SIGNED_OFF
    share = _sum_by(rows, "share", status=signed)
    consent = _sum_by(rows, "consent", status=signed, share=True)
    statuses = [(c, label) for c, label in DecisionStatus.choices if c != DecisionStatus.DRAFT]
    status = _sum_by(rows, "status", status=[c for c, _label in statuses])
    return [
        _choices_figure("decision_share", _("Besluiten: wel of niet delen"), "R5.1, R5.2",
                        _("besluiten"), [(True, _("wel delen")), (False, _("niet delen"))],
                        share),
        _choices_figure("decision_consent", _("Besluiten om te delen: toestemming"),
                        "R5.1, R5.2", _("besluiten"), Consent.choices, consent),
        _choices_figure("decision_status", _("Besluiten: afgetekend of teruggestuurd"), "R5.3",
                        _("besluiten"), statuses, status),
    ]  # fmt: skip


def disclosures(scope: Scope) -> list[Figure]:
    shared = scope.of_cases(Disclosure, shared_on__range=(scope.start, scope.end))
    today = date.today()
    first = FeedbackReceipt.objects.filter(disclosure=OuterRef("pk")).order_by("received_on")
    feedback = shared.filter(feedback_possible=True).annotate(
        received=Subquery(first.values("received_on")[:1])
    )
    on_time = Q(received__isnull=False) & (
        Q(feedback_due_on__isnull=True) | Q(received__lte=F("feedback_due_on"))
    )
    late = Q(received__isnull=False, received__gt=F("feedback_due_on"))
    missing = Q(received__isnull=True, feedback_due_on__lt=today)
    waiting = Q(received__isnull=True) & (
        Q(feedback_due_on__gte=today) | Q(feedback_due_on__isnull=True)
    )
    found = feedback.order_by().aggregate(
        on_time=Count("pk", filter=on_time),
        late=Count("pk", filter=late),
        missing=Count("pk", filter=missing),
        waiting=Count("pk", filter=waiting),
    )
    feedback_rows = [
        ("on_time", _("op tijd ontvangen")),
        ("late", _("te laat ontvangen")),
        ("missing", _("niet ontvangen, termijn verstreken")),
        ("waiting", _("termijn loopt nog")),
    ]
    rows = _grouped(shared, "recipient_kind", "ground")
    return [
        _choices_figure("disclosure_kind", _("Verstrekkingen per soort ontvanger"), "R6.6",
                        _("verstrekkingen"), ContactKind.choices, _sum_by(rows, "recipient_kind")),
        _choices_figure("disclosure_ground", _("Verstrekkingen per grond"), "R5.1, R5.2",
                        _("verstrekkingen"), Ground.choices, _sum_by(rows, "ground")),
        _choices_figure("feedback", _("Terugkoppeling na verstrekking"), "R6.5",
                        _("verstrekkingen"), feedback_rows, found),
    ]  # fmt: skip


# -- open findings of the engine per rule ID (which rules people struggle with) -------------


def _rule_order(rule: str) -> tuple[int, ...]:
    """R1.10 after R1.9: the catalogue's order, not the alphabet's."""
    return tuple(int(part) for part in rule.lstrip("R").split(".") if part.isdigit())


def open_findings(scope: Scope) -> Figure:
    """Per rule ID, the open findings of the cases open now and how many cases have one:
    counted in the summary that each evaluation leaves (cases.findings), not by judging
    every case again. A state, not a period: the period chosen does not apply. The note says
    how many open cases changed since their summary was counted (those count as then)."""
    cases = scope.cases().filter(status=CaseStatus.OPEN)
    found = OpenFinding.objects.filter(case__in=cases)
    grouped = found.order_by().values("rule").annotate(n=Sum("findings"), cases=Count("pk"))
    counts = sorted(((r["rule"], [r["n"], r["cases"]]) for r in grouped),
                    key=lambda row: _rule_order(row[0]))  # fmt: skip
    figure = Figure("open_findings", _("Open bevindingen per regel"), "R1.1-R6.7",
                    [_("bevindingen"), _("casussen")], counts)  # fmt: skip
    # no total is shown (a case can have findings under several rules): only small cells go
    figure.hidden = {(r, c) for r, (_l, values) in enumerate(counts)
                     for c, v in enumerate(values) if 0 < v < 5}  # fmt: skip
    figure.note = (
        _(
            "De casussen die nu open zijn, los van de gekozen periode: per regel hoeveel "
            "bevindingen de laatste beoordeling van de werkwijze heeft opengelaten (tekorten, "
            "overtredingen en waarschuwingen), en bij hoeveel casussen. Een casus kan bij meer "
            "regels staan. Regels zonder open bevinding staan er niet in."
        )
        + " "
        + _freshness(stale(cases).count())
    )
    return figure


def _freshness(waiting: int) -> str:
    """How fresh the figure is: the open cases changed since their last judgement (or judged
    by an earlier version of Deelwijzer)."""
    if waiting == 0:
        return _("Alle open casussen zijn na hun laatste wijziging beoordeeld.")
    many = _("minder dan 5") if waiting < 5 else str(waiting)
    return _(
        "Bij %(n)s open casussen is er sinds de laatste beoordeling iets gewijzigd (in de "
        "casus, of in Deelwijzer zelf na een update): zij tellen hier zoals bij die "
        "beoordeling. Ze worden opnieuw beoordeeld zodra iemand de casus opent, en 's nachts "
        "met deelwijzer open-findings."
    ) % {"n": many}


def all_figures(scope: Scope) -> list[Figure]:
    steps = _steps(scope)
    return [
        trend(scope),
        funnel(scope, steps),
        durations(scope, steps),
        *advice(scope),
        conversations(scope),
        *risks(scope),
        *decisions(scope),
        *disclosures(scope),
        open_findings(scope),
    ]
