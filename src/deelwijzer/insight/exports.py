"""CSV and PDF of the statistics and of a selection from the audit trail."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from deelwijzer.insight import charts
from deelwijzer.insight.figures import Figure
from deelwijzer.insight.trail import Row
from deelwijzer.pdf import render_pdf


class _Line:
    """A file-like object that hands back what csv.writer writes (for streaming)."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(row)


def figures_csv(figures: list[Figure]) -> str:
    """One line per cell: figure, rule, row, column, value ("< 5" for a small cell); a
    figure's note (e.g. how fresh the open findings are) as a line of its own, row
    "toelichting", without a column."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("figuur"), _("regel"), _("rij"), _("kolom"), _("waarde")])
    for figure in figures:
        for label, values in figure.shown_rows():
            for column, value in zip(figure.columns, values, strict=True):
                writer.writerow([figure.title, figure.rule, label, column, value])
        if figure.note:
            writer.writerow([figure.title, figure.rule, _("toelichting"), "", figure.note])
    return out.getvalue()


def with_charts(figures: list[Figure]) -> list[tuple[Figure, str]]:
    return [(figure, charts.svg(figure)) for figure in figures]


def with_chart_images(figures: list[Figure]) -> list[tuple[Figure, str, str]]:
    """Each figure with its chart as a ``data:`` URI for an <img> ("" without one), and what the
    chart leaves out (``charts.chart_note``): on the
    page (whose Content-Security-Policy allows no inline style) and in the PDF (as an image
    WeasyPrint draws each SVG as a document of its own: inline, pygal's ids repeat from
    chart to chart, and it took a quarter longer)."""
    return [
        (f, charts.data_uri(svg) if svg else "", charts.chart_note(f))
        for f, svg in with_charts(figures)
    ]


def figures_pdf(*, organisation, figures: list[Figure], start, end) -> bytes:
    return render_pdf(
        "insight/statistics_pdf.html",
        {
            "organisation": organisation,
            "charts": with_chart_images(figures),
            "start": start,
            "end": end,
            "made_at": timezone.now(),
        },
    )


def _when(row: Row) -> str:
    return date_format(timezone.localtime(row.occurred_at), "j F Y H:i:s")


TRAIL_HEADER = ["id", "tijdstip", "wie", "rol", "handeling", "code", "object", "uitkomst",
                "adres", "hash"]  # fmt: skip


def trail_csv(rows: Iterable[Row]) -> Iterator[str]:
    def lines():
        yield TRAIL_HEADER
        for r in rows:
            yield [r.id, _when(r), r.who, r.role, r.action_label, r.action, r.object_label,
                   r.outcome_label, r.client_address, r.hash]  # fmt: skip

    return _csv_lines(lines())


def trail_pdf(*, organisation, rows: list[Row], signed: dict, wanted, more: bool) -> bytes:
    return render_pdf(
        "insight/trail_pdf.html",
        {
            "organisation": organisation,
            "rows": rows,
            "signed": signed,
            "wanted": wanted.as_detail(),
            "more": more,
            "made_at": timezone.now(),
        },
    )
