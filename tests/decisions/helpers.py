"""Form bodies and set-ups for the step 5 tests (the real views are always used)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from deelwijzer.decisions.models import SharingDecision
from tests.risks.helpers import risk, signals, url


def decision_body(
    *,
    share: str = "yes",
    consent: str = "not_asked",
    risks: tuple[str, ...] = (),
    only_way: bool = False,
    only_way_reason: str = "",
    reasoning: str = "Het risico voor de mentor is ernstig en speelt nu.",
    action: str = "submit",
    expected_version: int = 0,
    record: bool = True,
) -> dict:
    """A step 5 form post. ``record``: a consent given or refused comes with its own record
    (date, how, note: R5.1), as step 3 of these cases recorded no statement."""
    body = {
        "share": share,
        "consent": consent,
        "serious_concrete_risks": list(risks),
        "only_way_reason": only_way_reason,
        "reasoning": reasoning,
        "action": action,
        "expected_version": str(expected_version),
    }
    if only_way:
        body["only_way"] = "on"
    if record and consent != "not_asked":
        body.update(CONSENT_RECORD)
    return body


CONSENT_RECORD = {
    "consent_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
    "consent_how": "in_writing",
    "consent_note": "De jongere schreef het in een brief aan de mentor.",
}


def prepared(personas):
    """The personas' case with a signal, a contra-signal, a serious risk r1 and a limited r2."""
    case, user = personas.case, personas.professional
    signals(case, user)
    risk(case, user, "r1", severity="serious")
    risk(case, user, "r2", severity="limited", description="Hij kan de les verstoren.")
    return case


def submit(client, case, **overrides):
    return client.post(url("decision_save", case), decision_body(**overrides))


def lawful_without_consent(**overrides) -> dict:
    values = {
        "consent": "refused",
        "risks": ("r1",),
        "only_way": True,
        "only_way_reason": "Een gesprek met hem en zijn ouders is al gevoerd en hielp niet.",
    }
    values.update(overrides)
    return values


def decisions(case) -> list[tuple[str, int, str]]:
    rows = SharingDecision.objects.filter(case=case).order_by("key", "version")
    return list(rows.values_list("key", "version", "status"))
