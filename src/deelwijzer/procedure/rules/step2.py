"""Step 2, asking advice: R2.1, R2.3-R2.6 and R2.8 (R2.2 is the basis of R2.1, R2.7 an order)."""

from __future__ import annotations

from collections.abc import Iterator

from deelwijzer.procedure.casefile import Advice, AdviceAnswers, Adviser
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, filled, finding

ORGANISATION_NL = {
    "veiligheidshuis": "het Veiligheidshuis",
    "police": "de politie",
    "municipality_aoov": "de ambtenaar openbare orde en veiligheid",
    "education_trust_inspector": "de vertrouwensinspecteur",
    "platform_jep": "Platform JEP",
    "other": "een externe deskundige",
}


def adviser_nl(adviser: Adviser) -> str:
    if adviser.kind == "attention_officer":
        return "de aandachtsfunctionaris"
    if adviser.kind == "team_member":
        return f"teamlid {adviser.member}"
    return ORGANISATION_NL.get(adviser.organisation or "other", "een externe deskundige")


def _identifier_words(ctx: Context, text: str) -> list[str]:
    from deelwijzer.procedure.identifiers import bidi_controls, find_identifiers

    words: list[str] = []
    reordered = bidi_controls(text)
    if reordered:  # what is shown is not what is stored: it cannot be checked
        words.append("tekens die de leesrichting omdraaien (" + ", ".join(reordered) + ")")
    for match in find_identifiers(text, ctx.cf):
        label = getattr(match, "label", "") or match.kind
        word = f"{label} '{match.original}'"
        if word not in words:
            words.append(word)
    return words


def r2_1_anonymous(ctx: Context) -> Iterator[Finding]:
    for a in ctx.cf.advice:
        if not a.adviser.outside_team:
            continue
        reasons: list[str] = []
        if a.identifies_youth:
            reasons.append("is gemarkeerd als herkenbaar")
        if filled(a.request_text):
            words = _identifier_words(ctx, a.request_text or "")
            if words:
                reasons.append("bevat " + "; ".join(words))
        if reasons:
            yield finding(
                "R2.1",
                "violation",
                f"adviesvraag {a.id} aan {adviser_nl(a.adviser)} {' en '.join(reasons)}. "
                "Buiten het team mag niet te zien zijn om welke jongere het gaat: haal deze "
                "gegevens weg en stel de vraag anoniem.",
                a.id,
            )


def r2_3_attention_officer(ctx: Context) -> Iterator[Finding]:
    cf = ctx.cf
    if not cf.organisation.attention_officer or not cf.advice:
        return
    if not any(a.adviser.kind == "attention_officer" for a in cf.advice):
        yield finding(
            "R2.3",
            "missing",
            "je organisatie heeft een aandachtsfunctionaris radicalisering, maar die is niet "
            "om advies gevraagd. Vraag ook hem of haar om advies, op anonieme gegevens.",
        )


def missing_answer_fields(answers: AdviceAnswers, outcome: str | None) -> list[tuple[str, str]]:
    """The questions of R2.4 that the answers leave open: each as (the answer it wants, the
    question in Dutch), so that a form can say it at that answer."""
    out: list[tuple[str, str]] = []
    if answers.may_indicate_radicalisation is None:
        out.append(
            ("may_indicate_radicalisation", "of de signalen op radicalisering kunnen duiden")
        )
    concerned = answers.may_indicate_radicalisation != "no"
    if concerned:
        for name, value, what in (
            ("severity", answers.severity, "hoe ernstig ze zijn"),
            ("safety_risks", answers.safety_risks, "welke veiligheidsrisico's er zijn"),
            ("timing", answers.timing, "of die risico's op korte termijn of later spelen"),
        ):
            if not filled(value):
                out.append((name, what))
    if not filled(answers.follow_up_steps):
        out.append(("follow_up_steps", "welke vervolgstappen nodig zijn"))
    elif outcome != "no_follow_up" and not filled(answers.follow_up_by):
        out.append(("follow_up_by", "wie de vervolgstappen zet"))
    if concerned:
        out.extend(_conversation_gaps(answers))
    return out


def missing_answers(answers: AdviceAnswers, outcome: str | None) -> list[str]:
    """The questions of R2.4 that the answers leave open, in Dutch."""
    return [what for _name, what in missing_answer_fields(answers, outcome)]


def _conversation_gaps(answers: AdviceAnswers) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if answers.conversation_possible is None:
        out.append(
            ("conversation_possible", "of een gesprek met de jongere en/of ouders mogelijk is")
        )
    elif answers.conversation_possible and not filled(answers.conversation_by):
        out.append(("conversation_by", "wie dat gesprek kan voeren"))
    if not filled(answers.conversation_risks):
        out.append(("conversation_risks", "welke risico's het gesprek zelf kan geven"))
    return out


def r2_4_answers(ctx: Context) -> Iterator[Finding]:
    for a in ctx.cf.advice:
        if a.answers is None and a.outcome is None:
            continue  # nothing recorded yet: R2.6 says so
        # An outcome without the answers it rests on: every question of R2.4 is still open.
        gaps = missing_answers(a.answers or AdviceAnswers(), a.outcome)
        if gaps:
            yield finding(
                "R2.4",
                "missing",
                f"het advies op adviesvraag {a.id} zegt nog niet {'; '.join(gaps)}. "
                "Vraag dit na en vul het aan.",
                a.id,
            )


def r2_5_outcome(ctx: Context) -> Iterator[Finding]:
    for a in ctx.cf.advice:
        if a.answers is not None and a.outcome is None:
            yield finding(
                "R2.5",
                "missing",
                f"adviesvraag {a.id} heeft nog geen besluit. Kies er één: geen vervolgstappen, "
                "extra aandacht, een gesprek met de jongere, of meer advies vragen.",
                a.id,
            )


def _unanswered(a: Advice) -> bool:
    """Nothing of the advice is in the dossier yet: no answers and no outcome.

    With an outcome but no answers the outcome *is* recorded; R2.4 names what is missing.
    """
    return a.answers is None and a.outcome is None


def r2_6_recorded(ctx: Context) -> Iterator[Finding]:
    for a in ctx.cf.advice:
        if _unanswered(a):
            yield finding(
                "R2.6",
                "missing",
                f"de uitkomst van adviesvraag {a.id} staat nog niet in het dossier. Leg het "
                "antwoord vast zodra je het hebt.",
                a.id,
            )


def r2_8_risk_needs_advice(ctx: Context) -> Iterator[Finding]:
    cf = ctx.cf
    if cf.risks and not cf.advice:
        yield finding(
            "R2.8",
            "missing",
            "er zijn veiligheidsrisico's vastgelegd, maar er is geen advies gevraagd. "
            "Blijf er niet alleen mee rondlopen: vraag advies.",
            *(r.id for r in cf.risks),
        )


RULES = (
    r2_1_anonymous,
    r2_3_attention_officer,
    r2_4_answers,
    r2_5_outcome,
    r2_6_recorded,
    r2_8_risk_needs_advice,
)
