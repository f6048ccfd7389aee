"""Charts of the statistics as SVG, drawn by pygal on the server (issue #22): no script, no
fetch; a hidden small cell is left out of the chart (the table beside it says "< 5", and
``chart_note`` says so under the chart)."""

from __future__ import annotations

import base64
import functools
import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from deelwijzer.insight.figures import Figure

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    colors=("#01689b", "#e17000", "#39870c", "#a90061", "#42145f", "#775b00"),
    font_family="sans-serif",
)
_CONFIG = {
    "js": [],  # no script in the page or the PDF
    "style": _STYLE,
    "width": 720,
    "height": 360,
    "show_legend": True,
    "legend_at_bottom": True,
    "print_values": False,
    "disable_xml_declaration": True,
    "explicit_size": True,
    "no_data_text": "Geen gegevens",  # pygal's default is English ("No data")
}


def _values(figure: Figure, column: int, *, body: int) -> list[int | None]:
    return [
        None if (r, column) in figure.hidden else values[column]
        for r, (_label, values) in enumerate(figure.rows[:body])
    ]


def _body(figure: Figure) -> int:
    """The rows that are data, not the total row."""
    last = figure.rows[-1][0] if figure.rows else ""
    return len(figure.rows) - 1 if last in {"Totaal"} else len(figure.rows)


def _small_ones(figure: Figure) -> tuple[bool, bool]:
    """Whether the chart's cells (the total row aside) have a hidden one, and a visible one
    that is not 0."""
    body = _body(figure)
    hidden = any(r < body for r, _c in figure.hidden)
    visible = any(
        v and (r, c) not in figure.hidden
        for r, (_label, values) in enumerate(figure.rows[:body])
        for c, v in enumerate(values)
    )
    return hidden, visible


def chart_note(figure: Figure) -> str:
    """What the chart leaves out, said under it (the statistics walk: counts under 5 showed as
    no bar, as if 0, and a chart of only such counts said "Geen gegevens" beside a table that
    had them)."""
    if figure.chart == "none" or not figure.rows:
        return ""
    hidden, visible = _small_ones(figure)
    if hidden and not visible:
        return _("Alle aantallen zijn hier kleiner dan 5, dus er is geen grafiek: zie de tabel.")
    if hidden:
        return _("Aantallen kleiner dan 5 staan niet in de grafiek; de tabel noemt ze “< 5”.")
    return ""


def svg(figure: Figure) -> str:
    """The chart of a figure as an SVG document, or "" for a figure without one.

    pygal takes 30-60 ms of CPU a chart and the page has fourteen; the same figures (title,
    columns, counts, hidden cells) make the same drawing, so the drawings of the last
    ``DRAWINGS_KEPT`` figures are kept in the process: a page seen again, or its PDF and CSV,
    draws only what changed. Only counts are kept, as on the page."""
    if figure.chart == "none" or not figure.rows:
        return ""
    hidden, visible = _small_ones(figure)
    if hidden and not visible:  # nothing to draw but "Geen gegevens": chart_note says why
        return ""
    shape = (figure.key, figure.title, figure.rule, tuple(figure.columns),
             tuple((label, tuple(values)) for label, values in figure.rows),
             figure.chart, frozenset(figure.hidden))  # fmt: skip
    return _drawn(shape)


DRAWINGS_KEPT = 256


@functools.lru_cache(maxsize=DRAWINGS_KEPT)
def _drawn(shape: tuple) -> str:
    key, title, rule, columns, rows, chart, hidden = shape
    figure = Figure(key, title, rule, list(columns), [(label, list(v)) for label, v in rows],
                    chart, set(hidden))  # fmt: skip
    return _draw(figure)


def _draw(figure: Figure) -> str:
    body = _body(figure)
    labels = [label for label, _v in figure.rows[:body]]
    if figure.chart == "heat":
        chart = pygal.Dot(x_label_rotation=20, **_CONFIG)
        chart.x_labels = figure.columns
        for r, label in enumerate(labels):
            chart.add(label, [None if (r, c) in figure.hidden else v
                              for c, v in enumerate(figure.rows[r][1])])  # fmt: skip
    elif figure.chart == "funnel":
        chart = pygal.HorizontalBar(**{**_CONFIG, "show_legend": False})
        chart.x_labels = labels
        chart.add(figure.columns[0], _values(figure, 0, body=body))
    else:
        chart = pygal.Bar(x_label_rotation=30, **_CONFIG)
        chart.x_labels = labels
        for c, column in enumerate(figure.columns):
            chart.add(column, _values(figure, c, body=body))
    chart.title = figure.title
    return _SCRIPT.sub("", chart.render(is_unicode=True))


# pygal writes its configuration as an inline script whatever ``js`` says; nothing runs it here
# (an <img> runs no script; WeasyPrint neither), so it goes, with the comments naming its site.
_SCRIPT = re.compile(r"<script\b.*?</script>|<!--.*?-->", re.S)


def data_uri(document: str) -> str:
    """For an <img>: the page's Content-Security-Policy allows no inline style, and pygal's
    SVG carries its own; as an image it is a document of its own."""
    return "data:image/svg+xml;base64," + base64.b64encode(document.encode()).decode()
