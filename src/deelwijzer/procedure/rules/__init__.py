"""The rules of the werkwijze, one module per step. Each rule is a small function that takes
the evaluation context and yields findings; ``ALL_RULES`` lists them in step order."""

from __future__ import annotations

from deelwijzer.procedure.rules import step1, step2, step3, step4, step5, step6
from deelwijzer.procedure.rules.context import Context, Rule

ALL_RULES: tuple[Rule, ...] = (
    *step1.RULES,
    *step2.RULES,
    *step3.RULES,
    *step4.RULES,
    *step5.RULES,
    *step6.RULES,
)

__all__ = ["ALL_RULES", "Context", "Rule"]
