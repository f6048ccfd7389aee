"""One date style for people: "24 november 2026" (issue #16.9).

ISO dates stay in the API, JSON, CSV and machine-readable attributes; every date a person
reads, in a page, a PDF or an e-mail, goes through ``nl_date``.
"""

from __future__ import annotations

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
