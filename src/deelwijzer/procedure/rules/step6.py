"""Step 6, what is shared and with whom: R6.1-R6.7."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from deelwijzer.procedure.casefile import Disclosure
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, filled, finding
from deelwijzer.procedure.rules.step1 import describe_words, source_problem
from deelwijzer.procedure.rules.step5 import sharing_verdict


def _name(key: str) -> str:
    """How a finding names a disclosure (``as_draft`` renames one being prepared)."""
    return f"verstrekking {key}"


def _item_problems(ctx: Context, item: str) -> list[str]:
    """Why a shared item does not follow the rules of step 1 (R6.1)."""
    problems: list[str] = []
    text = ctx.texts_by_id.get(item)
    if text and item not in ctx.opinion_ids:
        found = ctx.language(text)
        if found:
            problems.append(f"bevat {describe_words(found)}")
    signal = ctx.signal_by_id.get(item)
    if signal is not None:
        if source_problem(signal) is not None:
            problems.append("noemt de bron niet")
    return problems


def r6_1_like_step_1(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        for item in x.items:
            problems = _item_problems(ctx, item)
            if problems:
                yield finding(
                    "R6.1",
                    "warning",
                    f"in {_name(x.id)} {' en '.join(problems)} bij {item}. Deel feiten "
                    "met hun bron en meningen als mening, net als in stap 1.",
                    x.id,
                    item,
                )


def _missing(x: Disclosure, rule: str, text: str) -> Finding:
    return finding(rule, "missing", f"bij {_name(x.id)} {text}", x.id)


def r6_2_steps_taken(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        if not filled(x.steps_taken):
            yield _missing(x, "R6.2", "staat niet welke stappen je zelf al zette. Vul dat aan.")


def _and(ids: Sequence[str]) -> str:
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} en {ids[-1]}"


def _r6_3_message(name: str, loose: Sequence[str], chosen: Mapping[str, str]) -> str:
    """What R6.3 says about the items of a disclosure (``name``) that no risk of step 4 rests
    on (``loose``); ``chosen``: the risk the professional said an item helps reduce, where
    known (only while preparing a disclosure: the case file does not hold it per item)."""
    unlinked = [i for i in loose if not chosen.get(i)]
    why = [f"{chosen[i]} rust in stap 4 niet op {i}" for i in loose if chosen.get(i)]
    if unlinked:
        why.append(f"in stap 4 rust geen risico op {_and(unlinked)}")
    return (
        f"{name} deelt {_and(list(loose))}, maar {_and(why)}. Deel alleen wat nodig is om de "
        "risico's te verkleinen: onderbouwt het een risico, voeg het dan in stap 4 toe aan "
        "waar dat risico op rust; anders deel je het niet."
    )


def r6_3_only_what_is_needed(ctx: Context) -> Iterator[Finding]:
    """An item shared is linked to a risk when it is one, or when a risk of step 4 rests on
    it (``based_on``): the case file links items to risks only there."""
    risk_ids = ctx.risk_by_id
    for x in ctx.cf.disclosures:
        loose = [i for i in x.items if i not in risk_ids and i not in ctx.risk_basis]
        if loose:
            yield finding("R6.3", "warning", _r6_3_message(_name(x.id), loose, {}), x.id, *loose)


DRAFT = "deze verstrekking"


def as_draft(found: Finding, key: str, chosen: Mapping[str, str]) -> Finding:
    """A step 6 finding on a disclosure being prepared, which ``key`` only names in the case
    file the engine judged: called "deze verstrekking", as it has no key yet, and for R6.3
    with the risk the professional chose per item (``chosen``: item id to risk id)."""
    if found.rule == "R6.3":
        loose = [ref for ref in found.refs if ref != key]
        message = finding("R6.3", found.kind, _r6_3_message(DRAFT, loose, chosen)).message
    else:
        message = re.sub(rf"\b{re.escape(_name(key))}\b", DRAFT, found.message)
    return replace(found, message=message)


def r6_4_task_division(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        td = x.task_division
        mine = td is not None and filled(td.professional)
        theirs = td is not None and filled(td.recipient)
        if not mine and not theirs:
            yield _missing(
                x, "R6.4", "ontbreken afspraken over wat jij doet en wat de ontvanger doet."
            )
        elif not mine:
            yield _missing(x, "R6.4", "staat niet wat jij doet. Vul die afspraak aan.")
        elif not theirs:
            yield _missing(x, "R6.4", "staat niet wat de ontvanger doet. Vul die afspraak aan.")


def r6_5_feedback(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        fb = x.feedback
        if fb is None or fb.possible is None:
            yield _missing(
                x, "R6.5", "is niet afgesproken of de ontvanger kan terugkoppelen. Spreek dat af."
            )
        elif fb.possible and fb.due_on is None:
            yield _missing(
                x, "R6.5", "staat niet wanneer de terugkoppeling komt. Spreek een datum af."
            )


def r6_6_recipient(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        r = x.recipient
        if r is None:
            yield _missing(
                x,
                "R6.6",
                "staat niet met wie je deelt. Noem de ontvanger die kan ingrijpen "
                "(vaak politie of gemeente; Platform JEP helpt zoeken).",
            )
        elif r.organisation == "other" and not filled(r.name):
            yield _missing(
                x,
                "R6.6",
                "staat 'andere organisatie', maar niet welke. Noem de ontvanger die kan "
                "ingrijpen (vaak politie of gemeente; Platform JEP helpt zoeken).",
            )


def _unlawful(ctx: Context, x: Disclosure) -> str | None:
    decision = ctx.cf.decision
    if decision is None:
        return "er is geen besluit (stap 5) om te delen"
    if not decision.share:
        return "het besluit in stap 5 was om niet te delen"
    if not sharing_verdict(ctx).allowed:
        return "het besluit om te delen heeft geen geldige grond (toestemming of R5.2)"
    if x.shared_on and decision.decided_on and x.shared_on < decision.decided_on:
        return "er is gedeeld vóór het besluit"
    return None


def r6_7_after_decision(ctx: Context) -> Iterator[Finding]:
    for x in ctx.cf.disclosures:
        problem = _unlawful(ctx, x)
        if problem:
            yield finding(
                "R6.7",
                "violation",
                f"{_name(x.id)} is gedaan, maar {problem}. Deel pas na een besluit met "
                "een geldige grond; meld dit aan je privacyfunctionaris.",
                x.id,
            )


RULES = (
    r6_1_like_step_1,
    r6_2_steps_taken,
    r6_3_only_what_is_needed,
    r6_4_task_division,
    r6_5_feedback,
    r6_6_recipient,
    r6_7_after_decision,
)
