"""The API's refusals of a request that does not fit its schema, in Dutch, as the rest of its
answers: pydantic says them in English ("String should have at most 20000 characters",
"Input should be a valid dictionary"). One line per kind of error, with the limit it names;
a kind not listed keeps pydantic's words."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from deelwijzer.api.types import VISIBLE
from deelwijzer.inputs import hidden_characters

DATE = _("Hier hoort een datum als JJJJ-MM-DD.")
NUMBER = _("Hier hoort een geheel getal (zonder aanhalingstekens).")
OBJECT = _("Hier hoort een JSON-object ({…}).")
TEXT = _("Hier hoort tekst (een JSON-string).")
YES_NO = _("Hier hoort true of false.")
ID = _("Hier hoort een id (UUID).")

MESSAGES = {
    "missing": _("Dit veld ontbreekt."),
    "extra_forbidden": _("Dit veld kent de API hier niet."),
    "string_type": TEXT,
    "string_unicode": _("Dit is geen geldige tekst: er staat een teken in dat geen letter is."),
    "string_too_long": _("Te lang: hoogstens %(max_length)s tekens."),
    "string_too_short": _("Te kort: minstens %(min_length)s tekens."),
    "string_pattern_mismatch": _("Dit heeft niet de vorm die hier hoort (%(pattern)s)."),
    "int_type": NUMBER,
    "int_parsing": NUMBER,
    "int_from_float": NUMBER,
    "int_parsing_size": NUMBER,
    "bool_type": YES_NO,
    "bool_parsing": YES_NO,
    "dict_type": OBJECT,
    "model_type": OBJECT,
    "model_attributes_type": OBJECT,
    "list_type": _("Hier hoort een lijst ([…])."),
    "too_long": _("Te veel: hoogstens %(max_length)s."),
    "too_short": _("Te weinig: minstens %(min_length)s."),
    "uuid_type": ID,
    "uuid_parsing": ID,
    "date_type": DATE,
    "date_parsing": DATE,
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "literal_error": _("Kies een van: %(expected)s."),
    "enum": _("Kies een van: %(expected)s."),
    "greater_than_equal": _("Minstens %(ge)s."),
    "less_than_equal": _("Hoogstens %(le)s."),
    "greater_than": _("Meer dan %(gt)s."),
    "less_than": _("Minder dan %(lt)s."),
    "json_invalid": _("Dit is geen geldige JSON."),
}


def in_dutch(error: dict[str, Any]) -> str | None:
    """The Dutch message for one of pydantic's errors (with its ``input``), or None."""
    kind, context = error["type"], dict(error.get("ctx") or {})
    if kind == "string_pattern_mismatch" and context.get("pattern") == VISIBLE:
        value = error.get("input")
        return hidden_characters(value) if isinstance(value, str) else None
    message = MESSAGES.get(kind)
    if message is None:
        return None
    if "expected" in context:
        context["expected"] = str(context["expected"]).replace(" or ", " of ")
    try:
        return str(message) % context
    except (KeyError, TypeError, ValueError):
        return None
