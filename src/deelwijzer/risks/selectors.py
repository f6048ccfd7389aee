"""What the step 4 pages read beside the risks (their versions: risks.history): the signals
and contra-signals side by side, and the advice that can be named. A constant number of
queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from deelwijzer.advice.models import AdviceRequest, RequestStatus
from deelwijzer.cases.models import Case
from deelwijzer.risks.services import key_number
from deelwijzer.signalling.models import Signal, SignalKind
from deelwijzer.ui.views import short


@dataclass(frozen=True)
class Workspace:
    signals: list[Signal]
    contra_signals: list[Signal]
    advice: list[AdviceRequest]

    def signal_choices(self) -> list[tuple[str, str]]:
        return [
            (s.key, f"{s.key} ({s.get_kind_display().lower()}): {short(s.text)}")
            for s in sorted(self.signals + self.contra_signals, key=lambda s: key_number(s.key))
        ]

    def advice_choices(self) -> list[tuple[str, str]]:
        return [
            (a.key, _("%(key)s: %(adviser)s, %(status)s")
             % {"key": a.key, "adviser": a.get_adviser_kind_display().lower(),
                "status": a.get_status_display()})
            for a in self.advice
        ]  # fmt: skip


def workspace(case: Case) -> Workspace:
    signals: list[Signal] = []
    contra: list[Signal] = []
    for s in sorted(Signal.current(case), key=lambda s: key_number(s.key)):
        (contra if s.kind == SignalKind.CONTRA_SIGNAL else signals).append(s)
    advice = AdviceRequest.objects.filter(
        case=case, is_current=True, status__in=(RequestStatus.SENT, RequestStatus.ANSWERED)
    )
    return Workspace(signals, contra, sorted(advice, key=lambda a: key_number(a.key)))
