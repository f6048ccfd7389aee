"""The statistics page and the audit trail with its filters and exports (issue #22). Thin:
the form, one service, the answer. A refused filter answers 422 with the input kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from deelwijzer.insight import exports, services
from deelwijzer.insight.forms import PeriodForm, TrailFilterForm
from deelwijzer.insight.trail import TrailFilter, all_rows

UNPROCESSABLE = 422
CSV = "text/csv; charset=utf-8"
Answer = HttpResponseBase  # a page, a file, or a streamed CSV


def _cursor(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


@dataclass(frozen=True)
class _Asked:
    """A page's or an export's form and what it asked for (None: refused, 422)."""

    form: Any
    value: Any
    template: str
    empty: dict  # what the page shows besides the refused form


def _trail_asked(request: HttpRequest) -> _Asked:
    organisation = services.trail_access(request.user)  # 403 before the form says anything
    form = TrailFilterForm(request.GET or None, organisation=organisation)
    if not request.GET:
        wanted: TrailFilter | None = TrailFilter()
    else:
        wanted = form.trail_filter() if form.is_valid() else None
    return _Asked(form, wanted, "insight/audit_log.html", {"page": None})


def _period_asked(request: HttpRequest) -> _Asked:
    services.statistics_access(request.user)  # 403 before the form says anything
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return _Asked(form, None, "insight/statistics.html", {"charts": []})
    if not request.GET:
        form.cleaned_data = {}  # unbound: the default period
    return _Asked(form, form.period(), "insight/statistics.html", {"charts": []})


def _refused(request: HttpRequest, asked: _Asked) -> HttpResponse:
    context = {"form": asked.form, **asked.empty}
    return render(request, asked.template, context, status=UNPROCESSABLE)


def _export(
    request: HttpRequest, asked: _Asked, name: str, ext: str, make: Callable[[Any], Answer]
) -> Answer:
    """What the four exports share: a refused form is the page again (422, input kept);
    otherwise ``make`` reads through the audited service and the answer is a download."""
    if asked.value is None:
        return _refused(request, asked)
    response = make(asked.value)
    response["Content-Disposition"] = _attachment(name, ext)
    return response


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    asked = _trail_asked(request)
    if asked.value is None:
        return _refused(request, asked)
    organisation, page = services.audit_trail_read(
        actor=request.user,
        wanted=asked.value,
        before=_cursor(request, "voor"),
        after=_cursor(request, "na"),
    )
    context = {"form": asked.form, "page": page, "organisation": organisation}
    context["pdf_rows_max"] = services.PDF_ROWS_MAX
    context["query"] = _query_without(request, "voor", "na")
    return render(request, "insight/audit_log.html", context)


@login_required
def audit_export_csv(request: HttpRequest) -> HttpResponseBase:
    def make(wanted: TrailFilter) -> StreamingHttpResponse:
        export = services.audit_trail_export(actor=request.user, wanted=wanted, kind="csv")
        return StreamingHttpResponse(exports.trail_csv(all_rows(export.rows)), content_type=CSV)

    return _export(request, _trail_asked(request), "audittrail", "csv", make)


@login_required
def audit_export_pdf(request: HttpRequest) -> HttpResponseBase:
    def make(wanted: TrailFilter) -> HttpResponse:
        export = services.audit_trail_export(actor=request.user, wanted=wanted, kind="pdf")
        # the export's own row is in the selection when the filter lets it through: not shown
        chosen = export.rows.filter(id__lt=export.event.id)
        rows = list(all_rows(chosen, limit=services.PDF_ROWS_MAX + 1))
        more = len(rows) > services.PDF_ROWS_MAX
        rows = rows[: services.PDF_ROWS_MAX]
        signed = services.sign_selection(export, rows)
        pdf = exports.trail_pdf(
            organisation=export.organisation, rows=rows, signed=signed, wanted=wanted, more=more
        )
        return HttpResponse(pdf, content_type="application/pdf")

    return _export(request, _trail_asked(request), "audittrail", "pdf", make)


def _attachment(name: str, ext: str) -> str:
    return f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{ext}"'


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    asked = _period_asked(request)
    if asked.value is None:
        return _refused(request, asked)
    start, end, per = asked.value
    organisation, figures = services.statistics_read(
        actor=request.user, start=start, end=end, per=per
    )
    context = {
        "form": asked.form,
        "organisation": organisation,
        "charts": exports.with_chart_images(figures),
        "start": start,
        "end": end,
        "query": request.GET.urlencode(),
    }
    return render(request, "insight/statistics.html", context)


def _statistics_export(
    request: HttpRequest, ext: str, action: str, draw: Callable[..., HttpResponse]
) -> Answer:
    """The statistics as a file: the figures of the period asked, read through the audited
    service under ``action``; ``draw(organisation, figures, start, end)`` makes the file."""

    def make(period) -> HttpResponse:
        start, end, per = period
        organisation, figures = services.statistics_read(
            actor=request.user, start=start, end=end, per=per, action=action
        )
        return draw(organisation, figures, start, end)

    return _export(request, _period_asked(request), "statistieken", ext, make)


def _figures_csv(_organisation, figures, _start, _end) -> HttpResponse:
    return HttpResponse(exports.figures_csv(figures), content_type=CSV)


def _figures_pdf(organisation, figures, start, end) -> HttpResponse:
    pdf = exports.figures_pdf(organisation=organisation, figures=figures, start=start, end=end)
    return HttpResponse(pdf, content_type="application/pdf")


@login_required
def statistics_csv(request: HttpRequest) -> HttpResponseBase:
    return _statistics_export(request, "csv", "statistics.export_csv", _figures_csv)


@login_required
def statistics_pdf(request: HttpRequest) -> HttpResponseBase:
    return _statistics_export(request, "pdf", "statistics.export_pdf", _figures_pdf)
