"""What the step 5 pages and the API read: the decision being prepared and the one in force,
what the young person said about sharing, and for the page the risks to choose from and
every decision with all its versions. A constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from deelwijzer.cases.models import Case
from deelwijzer.conversations.models import Conversation
from deelwijzer.decisions.models import OPEN_STATUSES, Consent, DecisionStatus, SharingDecision
from deelwijzer.risks.models import Risk
from deelwijzer.risks.services import key_number
from deelwijzer.ui.views import short

# --- the decisions -----------------------------------------------------------------------------


def _current_in(case: Case, *statuses: str):
    """The current decisions of the case in these statuses, the latest first."""
    rows = SharingDecision.objects.filter(case=case, is_current=True, status__in=statuses)
    return rows.order_by("-recorded_at", "-pk")


def _latest_current(case: Case, *statuses: str) -> SharingDecision | None:
    return _current_in(case, *statuses).select_related("decided_by", "consent_recorded_by").first()


def open_decision(case: Case) -> SharingDecision | None:
    """The decision being prepared (draft, submitted or returned), if any."""
    return _latest_current(case, *OPEN_STATUSES)


def signed_off_decision(case: Case) -> SharingDecision | None:
    """The most recently signed-off decision, to share or not."""
    return _latest_current(case, DecisionStatus.SIGNED_OFF)


def signed_off_share_decision(case: Case) -> SharingDecision | None:
    """The signed-off decision in force if it is a decision to share, else None (R6.7)."""
    decision = signed_off_decision(case)
    return decision if decision is not None and decision.share else None


def consent_from_conversations(case: Case) -> str:
    """What the young person last said about sharing in a conversation (R5.1); a later
    conversation where it was not asked does not undo it."""
    said = Conversation.current(case).exclude(youth_consents_to_sharing=Consent.NOT_ASKED)
    latest = said.order_by("-held_on", "-pk").first()
    return latest.youth_consents_to_sharing if latest else Consent.NOT_ASKED


# --- the step 5 page ---------------------------------------------------------------------------


@dataclass
class DecisionRow:
    key: str
    versions: list[SharingDecision] = field(default_factory=list)  # newest first

    @property
    def current(self) -> SharingDecision:
        return self.versions[0]


@dataclass
class DecisionPage:
    risks: list[Risk]
    rows: list[DecisionRow]  # newest decision first

    def _latest(self, statuses) -> SharingDecision | None:
        found = [r.current for r in self.rows if r.current.status in statuses]
        return max(found, key=lambda d: (d.recorded_at, d.pk)) if found else None

    @property
    def open(self) -> SharingDecision | None:
        return self._latest(OPEN_STATUSES)

    @property
    def signed_off(self) -> SharingDecision | None:
        return self._latest((DecisionStatus.SIGNED_OFF,))

    def risk_choices(self) -> list[tuple[str, str]]:
        return [
            (r.key, f"{r.key} – {r.get_severity_display()}, {r.get_at_risk_display()}: "
                    f"{short(r.description)}")
            for r in self.risks
        ]  # fmt: skip


def decision_page(case: Case) -> DecisionPage:
    risks = sorted(Risk.current(case), key=lambda r: key_number(r.key))
    by_key: dict[str, DecisionRow] = {}
    versions = (
        SharingDecision.objects.filter(case=case)
        .select_related("recorded_by", "submitted_by", "decided_by", "consent_recorded_by")
        .order_by("-version")
    )
    for entry in versions:
        by_key.setdefault(entry.key, DecisionRow(entry.key)).versions.append(entry)
    rows = sorted(by_key.values(), key=lambda r: key_number(r.key), reverse=True)
    return DecisionPage(risks, rows)


def step5_status(status: str, open_status: str | None) -> str:
    """Step 5 as the case stands: a submitted decision waits for sign-off; a draft (or one
    sent back) is being prepared when none was signed off yet. ``status``: the engine's (it
    sees signed-off decisions only); ``open_status``: the decision being prepared, if any."""
    if open_status == "submitted":
        return "waiting_sign_off"
    if open_status == "returned" and status == "not_started":
        return "returned"  # the decision maker's remark waits for the team
    if open_status == "draft" and status == "not_started":
        return "in_preparation"
    return status


def shown_step5_status(case: Case, status: str) -> str:
    """The status hook of step 5 (ui.stepview.register_status_hook), on the case page and
    every step page: the open decision's status is all it reads."""
    latest = _current_in(case, *OPEN_STATUSES).values_list("status", flat=True).first()
    return step5_status(status, latest)
