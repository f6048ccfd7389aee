"""The result of judging a case file, format ``deelwijzer-evaluation/1``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FORMAT = "deelwijzer-evaluation/1"

Kind = Literal["violation", "missing", "warning"]
Status = Literal["complete", "incomplete", "not_started", "not_applicable"]
Ground = Literal["consent", "serious_risk_only_way"]

KINDS: tuple[str, ...] = ("violation", "missing", "warning")
STATUS_ORDER: dict[str, int] = {"not_started": 0, "incomplete": 1, "complete": 2}


@dataclass(frozen=True)
class Finding:
    """One finding: the rule it comes from, its kind, a Dutch message and the ids it concerns."""

    rule: str
    kind: Kind
    message: str
    refs: tuple[str, ...] = ()

    @property
    def step(self) -> int:
        return int(self.rule[1])

    @property
    def blocking(self) -> bool:
        """Missing pieces and violations keep a step from being complete; warnings do not."""
        return self.kind != "warning"

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "kind": self.kind, "message": self.message, "refs": [*self.refs]}


@dataclass(frozen=True)
class StepStatus:
    step: int
    status: Status

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status}


@dataclass(frozen=True)
class Sharing:
    """Whether a decision to share would be lawful now (R5.1/R5.2), whatever was decided."""

    allowed: bool
    ground: Ground | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"allowed": self.allowed, "ground": self.ground}


@dataclass(frozen=True)
class Evaluation:
    age: int
    steps: dict[int, StepStatus]
    findings: list[Finding] = field(default_factory=list)
    sharing: Sharing = field(default_factory=lambda: Sharing(False))

    def findings_for(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evaluation:
        """The inverse of :meth:`to_dict` (for an evaluation this program wrote itself)."""
        sharing = data["sharing"]
        return cls(
            age=data["age"],
            steps={int(n): StepStatus(int(n), s["status"]) for n, s in data["steps"].items()},
            findings=[
                Finding(f["rule"], f["kind"], f["message"], tuple(f["refs"]))
                for f in data["findings"]
            ],
            sharing=Sharing(sharing["allowed"], sharing["ground"]),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "age": self.age,
            "steps": {str(n): self.steps[n].to_dict() for n in sorted(self.steps)},
            "findings": [f.to_dict() for f in self.findings],
            "sharing": self.sharing.to_dict(),
        }
