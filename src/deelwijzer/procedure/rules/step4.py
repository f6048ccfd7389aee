"""Step 4, assessing the risks: R4.1-R4.3."""

from __future__ import annotations

from collections.abc import Iterator

from deelwijzer.procedure.casefile import Risk
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, filled, finding


def risk_gaps(r: Risk) -> list[str]:
    """What R4.1 asks of a risk and this one lacks, in Dutch."""
    gaps: list[str] = []
    if not filled(r.description):
        gaps.append("een concrete beschrijving")
    if r.severity is None:
        gaps.append("de ernst")
    if r.timing is None:
        gaps.append("of het op korte termijn of later speelt")
    if not r.based_on:
        gaps.append("op welke signalen, gesprekken of adviezen het rust")
    return gaps


def _missing(r: Risk, rule: str, text: str) -> Finding:
    return finding(rule, "missing", f"bij risico {r.id} {text}", r.id)


def r4_1_described(ctx: Context) -> Iterator[Finding]:
    for r in ctx.cf.risks:
        gaps = risk_gaps(r)
        if gaps:
            yield _missing(r, "R4.1", f"ontbreekt {', '.join(gaps)}. Vul dit aan.")


def r4_2_at_risk(ctx: Context) -> Iterator[Finding]:
    for r in ctx.cf.risks:
        if r.at_risk is None:
            yield _missing(
                r,
                "R4.2",
                "staat niet voor wie of wat het een risico is (jezelf, de jongere, het gezin, "
                "de omgeving, regionale of landelijke veiligheid).",
            )


def r4_3_advice_named(ctx: Context) -> Iterator[Finding]:
    answered = [a.id for a in ctx.cf.advice if a.answers is not None]
    if not answered:
        return
    for r in ctx.cf.risks:
        if r.advice_id is None:
            yield finding(
                "R4.3",
                "warning",
                f"risico {r.id} noemt geen advies, terwijl er advies is gegeven "
                f"({', '.join(answered)}). Noem het advies waarop de inschatting rust, "
                "als dat zo is.",
                r.id,
            )


RULES = (r4_1_described, r4_2_at_risk, r4_3_advice_named)
