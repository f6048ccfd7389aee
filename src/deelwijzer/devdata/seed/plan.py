"""How many entries each seeded case gets, and of which kind.

The sizes vary the way real files do (most small, some large: a log-normal spread), a few
cases per organisation are "big" (``big_size`` entries, 200 by default) and the sum is
exactly ``cases * entries_per_case``. An entry is one row of a step's table: a version of a
signal, opinion, diagnosis, advice request, conversation, risk or decision, a follow-up note,
or a disclosure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Share of a case's rows per kind, before the decision and the disclosure are set apart.
WEIGHTS = (
    ("signals", 0.40),
    ("contra_signals", 0.07),
    ("opinions", 0.10),
    ("follow_ups", 0.05),
    ("diagnoses", 0.02),
    ("advice", 0.16),
    ("conversations", 0.08),
    ("risks", 0.12),
)


@dataclass
class CasePlan:
    signals: int = 0
    signal_corrections: int = 0
    contra_signals: int = 0
    opinions: int = 0
    follow_ups: int = 0
    diagnoses: int = 0
    advice: int = 0  # rows: an answered request has 3 versions, a sent one 2, a draft 1
    conversations: int = 0
    risks: int = 0
    decision: int = 0  # rows: 1 draft, 2 submitted, 3 signed off
    share: bool = False
    disclosure: int = 0
    # Tests: fixed statuses of the advice requests (advisers then take turns by kind).
    advice_mix: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return (
            self.signals
            + self.signal_corrections
            + self.contra_signals
            + self.opinions
            + self.follow_ups
            + self.diagnoses
            + self.advice
            + self.conversations
            + self.risks
            + self.decision
            + self.disclosure
        )


def sizes(total: int, cases: int, big: int, big_size: int, rng: random.Random) -> list[int]:
    """``cases`` sizes summing to ``total``; the first ``big`` are ``big_size``."""
    if cases <= 0:
        return []
    big = min(big, cases)
    if big * big_size > total:
        big = 0
    rest_total, rest_cases = total - big * big_size, cases - big
    if rest_cases == 0:
        return [big_size] * big
    weights = [rng.lognormvariate(0, 0.6) for _ in range(rest_cases)]
    scale = rest_total / sum(weights)
    raw = [w * scale for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(rest_cases), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: rest_total - sum(out)]:
        out[i] += 1
    return [big_size] * big + out


def _split(rows: int, rng: random.Random) -> dict[str, int]:
    counts = {name: int(rows * weight) for name, weight in WEIGHTS}
    counts["signals"] += rows - sum(counts.values())
    if counts["opinions"] == 0:
        counts["signals"] += counts.pop("follow_ups")
        counts["follow_ups"] = 0
    if counts["signals"] == 0 and rows > 0:
        for name in ("contra_signals", "advice", "risks", "conversations", "diagnoses"):
            if counts[name]:
                counts[name] -= 1
                counts["signals"] = 1
                break
    return counts


def plan_case(rows: int, rng: random.Random) -> CasePlan:
    """What one case of ``rows`` entries holds."""
    plan = CasePlan()
    if rows >= 15 and rng.random() < 0.35:
        plan.decision = rng.choices((1, 2, 3), weights=(15, 25, 60))[0]
        plan.share = plan.decision == 3 and rng.random() < 0.6
        plan.disclosure = 1 if plan.share and rng.random() < 0.7 else 0
    counts = _split(rows - plan.decision - plan.disclosure, rng)
    signal_rows = counts.pop("signals")
    plan.signal_corrections = min(signal_rows // 2, round(signal_rows * 0.08))
    plan.signals = signal_rows - plan.signal_corrections
    for name, value in counts.items():
        setattr(plan, name, value)
    if plan.risks == 0:
        plan.share = False
        plan.signals += plan.disclosure
        plan.disclosure = 0
    return plan


def advice_statuses(rows: int, rng: random.Random) -> list[str]:
    """Split advice rows into requests: ``answered`` (3 rows), ``sent`` (2), ``draft`` (1)."""
    out: list[str] = []
    while rows > 0:
        if rows >= 3 and rng.random() < 0.75:
            out.append("answered")
            rows -= 3
        elif rows >= 2 and rng.random() < 0.7:
            out.append("sent")
            rows -= 2
        else:
            out.append("draft")
            rows -= 1
    return out
