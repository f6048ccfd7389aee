"""Step 3, the conversation with the young person and/or parents: R3.1-R3.5."""

from __future__ import annotations

from collections.abc import Iterator

from deelwijzer.procedure.casefile import Conversation
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, filled, finding, quoted

_PARTS_OF_CONVERSATION = (
    ("purpose_explained", "het doel uitgelegd"),
    ("signals_and_concerns_described", "de signalen en zorgen beschreven"),
    ("reaction_asked", "om een reactie gevraagd"),
    (
        "next_steps_after_reaction",
        "pas na de reactie de vervolgstappen genoemd of contact toegezegd",
    ),
)


def r3_1_parts(ctx: Context) -> Iterator[Finding]:
    """R3.1 over the conversations together: an incomplete first talk that a later one
    completes is the normal course, so a part counts once any conversation covered it."""
    conversations = ctx.conversations_by_date
    if not conversations:
        return
    gaps = [
        (name, what)
        for name, what in _PARTS_OF_CONVERSATION
        if not any(getattr(c, name) is True for c in conversations)
    ]
    if not gaps:
        return
    what = ", ".join(text for _name, text in gaps)
    refs = [c.id for c in conversations if any(getattr(c, n) is not True for n, _t in gaps)]
    if len(conversations) == 1:
        where = f"bij gesprek {refs[0]} staat niet vast"
    else:
        where = f"in geen van de gesprekken ({quoted(refs)}) staat vast"
    yield finding(
        "R3.1",
        "missing",
        f"{where} dat je {what} hebt. Vul het gesprek aan als dat wel zo was, "
        "of neem het mee in een volgend gesprek: de gesprekken samen tellen.",
        *refs,
    )


def _under_16(ctx: Context) -> list[Conversation]:
    return [c for c in ctx.cf.conversations if ctx.age_at(c) < 16]


def _advice_against(ctx: Context, advice_id: str | None) -> str | None:
    """Why the advice a step 3 exception rests on does not carry it (R3.2, R3.4): it is not
    answered yet, or it says a conversation is possible. None when it carries it, or when
    there is no such advice (the callers name that gap themselves)."""
    advice = ctx.advice_by_id.get(advice_id or "")
    if advice is None:
        return None
    if advice.answers is None:
        return f"advies {advice.id} is nog niet beantwoord"
    if advice.answers.conversation_possible is True:
        return f"advies {advice.id} zegt juist dat een gesprek mogelijk is"
    return None


def exception_gap(ctx: Context) -> str | None:
    """Why the recorded exception to talking with the parents does not hold (None: it holds)."""
    exception = ctx.cf.guardians_not_involved
    if exception is None:
        return "Voer ook een gesprek met hen, of leg vast waarom dat niet kan."
    no_reason = not filled(exception.reason)
    on_advice = exception.ground == "unsafe_per_advice"
    no_advice = on_advice and exception.advice_id is None
    if no_reason and no_advice:
        return (
            "De uitzondering heeft geen reden, en ze rust op een advies maar welk advies staat "
            "er niet bij: vul de reden en het advies aan."
        )
    if no_advice:
        return (
            "De uitzondering rust op een advies, maar welk advies staat er niet bij: vul dat aan."
        )
    gaps = []
    if no_reason:
        gaps.append("De uitzondering heeft geen reden: vul de reden aan.")
    against = _advice_against(ctx, exception.advice_id) if on_advice else None
    if against:
        gaps.append(
            f"De uitzondering rust op een deskundig advies, maar {against}. Kies het advies "
            "dat het onveilig vindt de ouders te betrekken, of een andere grond."
        )
    return " ".join(gaps) or None


def _absent_guardians(absent: int, with_authority: int) -> str:
    """Who was not spoken with, in words: never the internal keys (g2, g3) (#16.9)."""
    if with_authority == 1:
        return "de ouder met gezag"
    if absent == with_authority:
        return "beide ouders met gezag" if absent == 2 else "de ouders met gezag"
    if absent == 1:
        return "een van de ouders met gezag"
    return f"{absent} van de ouders met gezag"


def r3_2_guardians_under_16(ctx: Context) -> Iterator[Finding]:
    under = _under_16(ctx)
    if not under:
        return
    spoken = {g for c in under for g in c.guardian_ids}
    with_authority = [g.id for g in ctx.cf.guardians if g.has_authority]
    absent = [g for g in with_authority if g not in spoken]
    if with_authority and not absent:
        return
    gap = exception_gap(ctx)
    if gap is None:
        return
    if with_authority:
        who = "niet gesproken met " + _absent_guardians(len(absent), len(with_authority))
    else:
        who = "geen gezaghebbende ouder vastgelegd of gesproken"
    yield finding(
        "R3.2",
        "missing",
        f"de jongere was jonger dan 16, maar er is {who}. {gap}",
        *absent,
    )


def r3_3_consent_16_plus(ctx: Context) -> Iterator[Finding]:
    cf = ctx.cf
    override = cf.guardians_without_consent
    if override is not None and filled(override.reason):
        return
    consent_dates = [c.held_on for c in cf.conversations if c.youth_consents_to_parent_contact]
    first_consent = min(consent_dates) if consent_dates else None
    for c in cf.conversations:
        if "guardians" not in c.participants or ctx.age_at(c) < 16:
            continue
        if first_consent is not None and first_consent <= c.held_on:
            continue
        yield finding(
            "R3.3",
            "violation",
            f"in gesprek {c.id} is met de ouders gesproken over een jongere van 16 of ouder, "
            "zonder diens toestemming en zonder vastgelegde reden. Vraag de jongere om "
            "toestemming, of leg vast waarom het gesprek nodig was voor de veiligheid.",
            c.id,
        )


def _skip_gaps(ctx: Context) -> list[str]:
    skipped = ctx.cf.conversation_skipped
    assert skipped is not None
    gaps: list[str] = []
    if not filled(skipped.reason):
        gaps.append("er staat geen reden bij")
    if skipped.advice_id not in ctx.advice_by_id:
        gaps.append("er staat niet bij op welk advies het rust")
    elif against := _advice_against(ctx, skipped.advice_id):
        gaps.append(against)
    return gaps


def r3_4_skip(ctx: Context) -> Iterator[Finding]:
    cf = ctx.cf
    if cf.conversation_skipped is not None:
        gaps = _skip_gaps(ctx)
        if gaps:
            refs = [cf.conversation_skipped.advice_id] if cf.conversation_skipped.advice_id else []
            yield finding(
                "R3.4",
                "violation",
                f"het gesprek is overgeslagen, maar {' en '.join(gaps)}. Overslaan mag alleen "
                "bij te grote veiligheidsrisico's, vastgelegd met het advies waarop dat rust.",
                *refs,
            )
    elif not cf.conversations and (cf.disclosures or (cf.decision and cf.decision.share)):
        yield finding(
            "R3.4",
            "violation",
            "er is besloten extern te delen zonder gesprek met de jongere of ouders en zonder "
            "vastgelegde reden om het over te slaan. Voer eerst het gesprek, of leg vast "
            "waarom het te grote veiligheidsrisico's heeft en op welk advies dat rust.",
        )


def r3_5_held_by(ctx: Context) -> Iterator[Finding]:
    for c in ctx.cf.conversations:
        if not c.held_by:
            yield finding(
                "R3.5",
                "missing",
                f"bij gesprek {c.id} staat niet wie het voerde. Vul aan wie het gesprek hield.",
                c.id,
            )


RULES = (r3_1_parts, r3_2_guardians_under_16, r3_3_consent_16_plus, r3_4_skip, r3_5_held_by)
