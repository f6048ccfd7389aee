"""Periods of the statistics: month, quarter, school year (1 August to 31 July)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

GROUPINGS = [
    ("month", _("maand")),
    ("quarter", _("kwartaal")),
    ("school_year", _("schooljaar")),
]
_MONTHS = "jan feb mrt apr mei jun jul aug sep okt nov dec".split()


def default_period(end: date | None = None) -> tuple[date, date]:
    """The month of ``end`` (default: today) and the eleven before it, up to ``end``: in
    December, the calendar year."""
    end = end or timezone.localdate()
    start = date(end.year - 1, end.month, 1)
    if end.month == 12:
        start = date(end.year, 1, 1)
    return start, end


def bucket(month: date, per: str) -> tuple[date, str]:
    """The period a month falls in: its first day (to sort by) and its Dutch name."""
    if per == "quarter":
        quarter = (month.month - 1) // 3
        return date(month.year, quarter * 3 + 1, 1), f"{month.year} K{quarter + 1}"
    if per == "school_year":
        first = month.year if month.month >= 8 else month.year - 1
        return date(first, 8, 1), f"{first}-{first + 1}"
    return date(month.year, month.month, 1), f"{_MONTHS[month.month - 1]} {month.year}"


def buckets_between(start: date, end: date, per: str) -> list[tuple[date, str]]:
    """Every period from ``start`` to ``end``, also those without a single count."""
    found: dict[date, str] = {}
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first, name = bucket(date(year, month, 1), per)
        found.setdefault(first, name)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(found.items())
