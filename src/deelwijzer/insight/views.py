"""The statistics page and the audit trail with its filters and exports (issue #22). Thin:
the form, one service, the answer. A refused filter answers 422 with the input kept."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from deelwijzer.insight import exports, services
from deelwijzer.insight.forms import PeriodForm, TrailFilterForm
from deelwijzer.insight.trail import TrailFilter, all_rows

UNPROCESSABLE = 422


def _cursor(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _trail_form(request: HttpRequest):
    organisation = services.trail_access(request.user)
    form = TrailFilterForm(request.GET or None, organisation=organisation)
    if not request.GET:
        return form, TrailFilter()
    return form, form.trail_filter() if form.is_valid() else None


def _refused(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, status=UNPROCESSABLE)


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form, wanted = _trail_form(request)
    if wanted is None:
        return _refused(request, "insight/audit_log.html", {"form": form, "page": None})
    organisation, page = services.audit_trail_read(
        actor=request.user,
        wanted=wanted,
        before=_cursor(request, "voor"),
        after=_cursor(request, "na"),
    )
    context = {"form": form, "page": page, "organisation": organisation}
    context["query"] = _query_without(request, "voor", "na")
    return render(request, "insight/audit_log.html", context)


@login_required
def audit_export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form, wanted = _trail_form(request)
    if wanted is None:
        return _refused(request, "insight/audit_log.html", {"form": form, "page": None})
    export = services.audit_trail_export(actor=request.user, wanted=wanted, kind="csv")
    response = StreamingHttpResponse(
        exports.trail_csv(all_rows(export.rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _attachment("audittrail", "csv")
    return response


@login_required
def audit_export_pdf(request: HttpRequest) -> HttpResponse:
    form, wanted = _trail_form(request)
    if wanted is None:
        return _refused(request, "insight/audit_log.html", {"form": form, "page": None})
    export = services.audit_trail_export(actor=request.user, wanted=wanted, kind="pdf")
    # the export's own row is in the selection when the filter lets it through: leave it out
    chosen = export.rows.filter(id__lt=export.event.id)
    rows = list(all_rows(chosen, limit=services.PDF_ROWS_MAX + 1))
    more = len(rows) > services.PDF_ROWS_MAX
    rows = rows[: services.PDF_ROWS_MAX]
    signed = services.sign_selection(export, rows)
    pdf = exports.trail_pdf(
        organisation=export.organisation, rows=rows, signed=signed, wanted=wanted, more=more
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = _attachment("audittrail", "pdf")
    return response


def _attachment(name: str, ext: str) -> str:
    return f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{ext}"'


def _period(request: HttpRequest):
    services.statistics_access(request.user)  # 403 before the form says anything
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form.cleaned_data = {}  # unbound: the default period
    return form, form.period()


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return _refused(request, "insight/statistics.html", {"form": form, "charts": []})
    start, end, per = period
    organisation, figures = services.statistics_read(
        actor=request.user, start=start, end=end, per=per
    )
    context = {
        "form": form,
        "organisation": organisation,
        "charts": [
            (f, exports.charts.data_uri(svg) if svg else "")
            for f, svg in exports.with_charts(figures)
        ],  # fmt: skip
        "start": start,
        "end": end,
        "query": request.GET.urlencode(),
    }
    return render(request, "insight/statistics.html", context)


@login_required
def statistics_csv(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return _refused(request, "insight/statistics.html", {"form": form, "charts": []})
    start, end, per = period
    _organisation, figures = services.statistics_read(
        actor=request.user, start=start, end=end, per=per, action="statistics.export_csv"
    )
    response = HttpResponse(exports.figures_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment("statistieken", "csv")
    return response


@login_required
def statistics_pdf(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return _refused(request, "insight/statistics.html", {"form": form, "charts": []})
    start, end, per = period
    organisation, figures = services.statistics_read(
        actor=request.user, start=start, end=end, per=per, action="statistics.export_pdf"
    )
    pdf = exports.figures_pdf(organisation=organisation, figures=figures, start=start, end=end)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = _attachment("statistieken", "pdf")
    return response
