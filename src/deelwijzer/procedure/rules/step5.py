"""Step 5, deciding on external sharing: R5.1-R5.4 and the sharing verdict."""

from __future__ import annotations

from collections.abc import Iterator

from deelwijzer.procedure.evaluation import Finding, Sharing
from deelwijzer.procedure.rules.context import Context, dutch_date, filled, finding


def serious_concrete(ctx: Context) -> list[str]:
    """Risks the decision names that are serious and concretely described (R5.2a)."""
    decision = ctx.cf.decision
    if decision is None:
        return []
    named = (ctx.risk_by_id.get(i) for i in decision.serious_concrete_risks)
    return [r.id for r in named if r and r.severity == "serious" and filled(r.description)]


def only_way(ctx: Context) -> bool:
    """Sharing is shown to be the only way (R5.2b): stated and explained."""
    decision = ctx.cf.decision
    return bool(decision and decision.only_way is True and filled(decision.only_way_reason))


def sharing_verdict(ctx: Context) -> Sharing:
    """Whether a decision to share would be lawful now (R5.1/R5.2); computed once."""
    verdict: Sharing | None = ctx.memo.get("sharing")
    if verdict is None:
        verdict = ctx.memo["sharing"] = _verdict(ctx)
    return verdict


def _verdict(ctx: Context) -> Sharing:
    if ctx.consent == "given":
        return Sharing(True, "consent")
    if serious_concrete(ctx) and only_way(ctx):
        return Sharing(True, "serious_risk_only_way")
    return Sharing(False, None)


def _why_not_allowed(ctx: Context) -> list[str]:
    reasons = ["er is geen toestemming van de jongere"]
    decision = ctx.cf.decision
    assert decision is not None
    if not serious_concrete(ctx):
        weak = list(decision.serious_concrete_risks)
        if weak:
            why = "; ".join(_weak_risk(ctx, i) for i in weak)
            reasons.append(
                f"risico {', '.join(weak)} is niet als ernstig en concreet beschreven ({why})"
            )
        else:
            reasons.append("het besluit noemt geen concreet, ernstig veiligheidsrisico")
    if not only_way(ctx):
        reasons.append(f"het is niet onderbouwd dat delen de enige weg is ({_only_way_gap(ctx)})")
    return reasons


_SEVERITY_NL = {"limited": "beperkt", "considerable": "aanzienlijk", "serious": "ernstig"}


def _weak_risk(ctx: Context, ident: str) -> str:
    """Why one risk the decision names is not serious and concrete: what it lacks (R5.2a)."""
    r = ctx.risk_by_id.get(ident)
    if r is None:
        return f"{ident}: dat is geen risico uit stap 4"
    gaps: list[str] = []
    if r.severity is None:
        gaps.append("de ernst ontbreekt")
    elif r.severity != "serious":
        gaps.append(f"de ernst is {_SEVERITY_NL.get(r.severity, r.severity)}, niet ernstig")
    if not filled(r.description):
        gaps.append("de concrete beschrijving ontbreekt")
    return f"{ident}: {' en '.join(gaps)}"


def _only_way_gap(ctx: Context) -> str:
    """What of R5.2b is missing: the statement that sharing is the only way, or its reason."""
    decision = ctx.cf.decision
    assert decision is not None
    if decision.only_way is not True:
        return "het besluit stelt niet dat andere wegen tekortschieten"
    return "er staat niet waarom andere wegen tekortschieten"


CONSENT_WORDS = {
    "given": "geeft toestemming",
    "refused": "weigert toestemming",
    "not_asked": "niet gevraagd",
}
HOW_WORDS = {"in_conversation": "in een gesprek", "in_writing": "schriftelijk"}


def consent_change_gap(ctx: Context) -> str | None:
    """Why the decision's statement on consent does not count (None: it counts or repeats).

    A statement that differs from the last one recorded in a conversation needs its own
    record with a date and how it was made; "not asked" cannot undo a recorded statement."""
    decision = ctx.cf.decision
    said = ctx.conversation_consent
    if decision is None or decision.consent == said.value:
        return None
    if decision.consent != "not_asked" and decision.consent_record is not None:
        return None
    where = (
        f"in gesprek {said.conversation_id} ({dutch_date(said.on)}) staat: de jongere "
        f"{CONSENT_WORDS[said.value]}"
        if said.on is not None
        else "in stap 3 is niet vastgelegd dat de jongere zich over delen uitsprak"
    )
    chosen = CONSENT_WORDS[decision.consent]
    if decision.consent == "not_asked":
        return (
            f"het besluit zegt 'niet gevraagd', maar {where}. Neem over wat in stap 3 "
            "vastligt, of leg vast wanneer en hoe de jongere zich anders uitsprak."
        )
    # With nothing in step 3 the decision's statement is the only one, not "another" one.
    which = "Een andere uitspraak" if said.on is not None else "Die uitspraak"
    return (
        f"het besluit zegt 'de jongere {chosen}', maar {where}. {which} telt pas met een "
        "eigen vastlegging: wanneer, hoe (in een gesprek of schriftelijk) en een toelichting."
    )


def r5_1_consent_recorded(ctx: Context) -> Iterator[Finding]:
    gap = consent_change_gap(ctx)
    if gap is not None:
        said = ctx.conversation_consent.conversation_id
        yield finding("R5.1", "missing", gap, *([said] if said else []))


def r5_2_ground(ctx: Context) -> Iterator[Finding]:
    decision = ctx.cf.decision
    if decision is None or not decision.share:
        return
    if not sharing_verdict(ctx).allowed:
        yield finding(
            "R5.2",
            "violation",
            f"er is besloten extern te delen, maar {'; '.join(_why_not_allowed(ctx))}. Zonder "
            "toestemming mag delen alleen bij een concreet, ernstig risico én als delen de "
            "enige weg is om het te verkleinen. Herzie het besluit of vul de onderbouwing aan.",
            *decision.serious_concrete_risks,
        )
        return
    yield from _ground_overstated(ctx)


_GROUND_WORDS = {
    "consent": "de toestemming van de jongere",
    "serious_risk_only_way": "de andere risico's die het noemt",
}


def _ground_overstated(ctx: Context) -> Iterator[Finding]:
    """A lawful decision to share that names a risk as serious and concrete which step 4 does
    not describe so (say re-assessed after the decision was written; the team walk): the
    sharing stands on its other ground, but what the decision says of that risk is untrue."""
    decision = ctx.cf.decision
    assert decision is not None
    strong = set(serious_concrete(ctx))
    weak = [i for i in decision.serious_concrete_risks if i not in strong]
    if not weak:
        return
    ground = _GROUND_WORDS.get(sharing_verdict(ctx).ground or "", "een andere grond")
    why = "; ".join(_weak_risk(ctx, i) for i in weak)
    yield finding(
        "R5.2",
        "warning",
        f"het besluit noemt {', '.join(weak)} als concreet, ernstig risico, maar volgens stap 4 "
        f"is dat niet zo ({why}). Delen mag hier op grond van {ground}. Haal "
        f"{', '.join(weak)} uit het besluit, of pas de inschatting in stap 4 aan als die niet "
        "klopt.",
        *weak,
    )


# The organisation's decision-making roles as the app stores them (organisations'
# DecisionMakerRole), in the words a finding uses; a role outside this list (a case file's
# own wording) is shown as written (issue #16.9: no internal labels in texts).
ROLE_WORDS = {
    "team_leader": "teamleider",
    "care_coordinator": "zorgcoördinator",
    "location_manager": "locatiedirecteur",
    "director": "directeur of bestuurder",
    "privacy_officer": "functionaris gegevensbescherming",
}


def role_words(role: str) -> str:
    return ROLE_WORDS.get(role.strip().casefold(), role)


def _same_role(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def r5_3_decided_by(ctx: Context) -> Iterator[Finding]:
    decision = ctx.cf.decision
    if decision is None:
        return
    role = role_words(ctx.cf.organisation.decision_maker_role)
    by = decision.decided_by
    if by is None or not (filled(by.role) or filled(by.name)):
        yield finding(
            "R5.3",
            "missing",
            f"er staat niet wie het besluit nam. Leg vast dat de {role} (volgens de interne "
            "procedure) besliste.",
        )
    elif not filled(by.role):
        yield finding(
            "R5.3",
            "missing",
            f"er staat niet in welke rol {by.name} het besluit nam. Leg vast dat de {role} "
            "(volgens de interne procedure) besliste.",
        )
    elif not _same_role(role_words(by.role or ""), role):
        yield finding(
            "R5.3",
            "violation",
            f"het besluit is genomen door een {role_words(by.role or '')}, maar volgens de "
            "interne procedure "
            f"beslist de {role}. Leg het besluit aan die functionaris voor.",
        )
    elif not filled(by.name):
        yield finding(
            "R5.3",
            "missing",
            f"het besluit is nog niet afgetekend. De {role} die het neemt, tekent het af; "
            "pas dan staat vast wie besliste.",
        )


def r5_4_risks_first(ctx: Context) -> Iterator[Finding]:
    if ctx.cf.decision is not None and not ctx.cf.risks:
        yield finding(
            "R5.4",
            "missing",
            "er is een besluit vastgelegd zonder risicotaxatie. Beschrijf eerst in stap 4 de "
            "veiligheidsrisico's en hun ernst, en neem daarna het besluit.",
        )


RULES = (r5_1_consent_recorded, r5_2_ground, r5_3_decided_by, r5_4_risks_first)
