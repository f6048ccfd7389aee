"""The permission table for the step 5 URLs and the decision maker's queue.

The personas' decision maker is not involved in the case, so the case is a 404 for them too;
the professional on the team may not sign off (403: they see the case, but not in that role).
"""

from __future__ import annotations

from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "step5": table(404, professional=200),
    "decision_save": table(404, professional=405),
    "decision_check": table(404, professional=405),
    "decision_sign_off": table(404, professional=405),
    "decision_return": table(404, professional=405),
    "decision_involve": table(404, professional=405),
    "decision_queue": table(403, decision_maker=200),
}

# With the harmless body {"active": "1"}: the form comes back (200), the verdict fragment is
# shown (200), involving the decision maker redirects (302). Signing off or returning is not
# the professional's role: 403, nothing changes.
POST_TABLE: dict[str, dict[str, int]] = {
    "decision_save": table(404, professional=200),
    "decision_check": table(404, professional=200),
    "decision_sign_off": table(404, professional=403),
    "decision_return": table(404, professional=403),
    "decision_involve": table(404, professional=302),
}


def url_kwargs(name: str, personas) -> dict:
    if name == "decision_queue":
        return {}
    return case_kwargs(personas)
