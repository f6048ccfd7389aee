"""The one place that says how long each kind of text may be, on every path.

Web forms, the API's input types, the case-file import and the services read these numbers;
none of them declares a length of its own. Pure Python: ``procedure/`` uses them too.

A free text (a signal, a reason, an answer, a remark) holds at most ``TEXT_MAX`` characters:
about eight printed pages, far more than a step needs, and small enough that the largest case
Deelwijzer accepts still renders its dossier PDF within the server's time-out (``make bench``
measures it). A request body is at most ``REQUEST_BODY_MAX`` bytes.
"""

from __future__ import annotations

import unicodedata

TEXT_MAX = 20_000
PSEUDONYM_MAX = 20
NAME_MAX = 200  # a person's name; also a source's or a diagnostician's name and role
RELATION_MAX = 60  # a parent's relation to the youth ("moeder")
ROLE_MAX = 100  # a role on the team
IDENTIFIER_MAX = 200  # one listed identifier (an address, a school, an account)
IDENTIFIERS_MAX = 30  # listed identifiers of one youth
GUARDIANS_MAX = 10  # parents of one youth

# A form with a dozen free texts at their maximum, percent-encoded, fits; a megabyte-long
# paste does not. Applies to the web forms (Django's DATA_UPLOAD_MAX_MEMORY_SIZE) and to the
# API and the import (RequestBodyLimitMiddleware: 413).
REQUEST_BODY_MAX = 2 * 1024 * 1024

# Youth-domain cases: the young person is at least MIN and at most MAX years old when the
# case opens (youth care and youth work reach up to 27; the age rules of step 3 start at 12).
AGE_MIN_YEARS = 4
AGE_MAX_YEARS = 27


def control_characters(text: str) -> list[str]:
    """The control characters in ``text`` (as "U+0007"), once each, in order of code: invisible,
    never part of a written text (they come along with a pasted text), and no page or document
    can show them. Tab and line breaks are text."""
    found = {c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"}
    return [f"U+{ord(c):04X}" for c in sorted(found)]
