"""The advice requests of step 2 that a step 3 statement may rest on (R3.2, R3.4).

Imported lazily: step 2 is its own app, and steps 2 and 3 may come in either order (R2.7).
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from deelwijzer.cases.models import Case


def advice_choices(case: Case) -> list[tuple[str, str]]:
    """(key, label) of the case's current advice requests that were sent (drafts never count)."""
    try:
        from deelwijzer.advice.models import AdviceRequest
    except ImportError:  # step 2 not installed
        return []
    requests = AdviceRequest.current(case).exclude(status="draft").order_by("pk")
    return [(a.key, _label(a)) for a in requests]


def _label(advice) -> str:
    asked = date_format(advice.asked_on, "j F Y") if advice.asked_on else _("datum onbekend")
    return _("%(key)s – gevraagd op %(date)s – %(adviser)s") % {
        "key": advice.key,
        "date": asked,
        "adviser": advice.get_adviser_kind_display(),
    }
