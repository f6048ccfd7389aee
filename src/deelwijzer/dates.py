"""One date style for people: "24 november 2026" (issue #16.9).

ISO dates stay in the API, JSON, CSV and machine-readable attributes; every date a person
reads, in a page, a PDF or an e-mail, goes through ``nl_date``.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from django.utils import formats, timezone

USER_DATE_FORMAT = "j F Y"


def nl_date(value, default: str = "?") -> str:
    """``value`` (a date, a datetime or an ISO date string) as "24 november 2026"."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value or default
    if isinstance(value, datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if not isinstance(value, date):
        return default
    return formats.date_format(value, USER_DATE_FORMAT)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), clamped to the end of a shorter
    month, and to the first and last day there is."""
    index = day.year * 12 + (day.month - 1) + months
    if index < 12:  # before the year 1
        return date.min
    if index >= 12 * 10_000:
        return date.max
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
