"""Step 1, describing the signals: R1.1-R1.5 and R1.7 (R1.6 is a feature without findings)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from deelwijzer.procedure.casefile import Signal
from deelwijzer.procedure.evaluation import Finding
from deelwijzer.procedure.rules.context import Context, LanguageFinding, filled, finding

_LANGUAGE_ADVICE = {
    "R1.1": "beschrijf wat je zag of hoorde in plaats van een oordeel",
    "R1.2": "zet een mening of veronderstelling apart als mening, niet in de feiten",
    "R1.4": "noem een diagnose alleen als een bevoegde beroepskracht haar vaststelde, "
    "en leg haar dan vast als diagnose",
}


def describe_words(found: Iterable[LanguageFinding]) -> str:
    """'"agressief" (tip: …); "ik denk" (tip: …)' for a list of language findings."""
    parts = []
    for f in found:
        hint = f" ({f.hint})" if f.hint else ""
        parts.append(f"'{f.text}'{hint}")
    return "; ".join(parts)


def language_findings(ctx: Context, ident: str, text: str, label: str) -> Iterator[Finding]:
    """Group the language checker's findings on one text into one finding per rule."""
    by_rule: dict[str, list[LanguageFinding]] = {}
    for f in ctx.language(text):
        by_rule.setdefault(f.rule, []).append(f)
    for rule, found in by_rule.items():
        advice = _LANGUAGE_ADVICE.get(rule, "beschrijf het als waarneming")
        words = describe_words(found)
        yield finding(rule, "warning", f"{label} {ident} bevat {words}; {advice}.", ident)


def r1_1_r1_2_language(ctx: Context) -> Iterator[Finding]:
    for s in ctx.cf.signals:
        label = "Contrasignaal" if s.kind == "contra_signal" else "Signaal"
        yield from language_findings(ctx, s.id, s.text, label)


def r1_2_follow_up(ctx: Context) -> Iterator[Finding]:
    for o in ctx.cf.opinions:
        if o.status != "open" and not any(filled(n.text) for n in o.follow_ups):
            word = "bevestigd" if o.status == "confirmed" else "ontkracht"
            yield finding(
                "R1.2",
                "missing",
                f"mening {o.id} is {word}, maar er is geen vervolgaantekening. "
                "Leg met datum vast waardoor de mening is " + word + ".",
                o.id,
            )


def name_and_role_gap(name: str | None, role: str | None) -> str | None:
    """'naam en rol', 'naam' or 'rol': what of a person is not filled in (None: both are)."""
    gaps = [what for value, what in ((name, "naam"), (role, "rol")) if not filled(value)]
    return " en ".join(gaps) or None


def source_problem(s: Signal) -> str | None:
    if s.source is None:
        return "vermeldt geen bron. Noteer of je het zelf waarnam of van wie het komt."
    gap = name_and_role_gap(s.source.name, s.source.role) if s.source.kind == "other" else None
    if gap:
        return f"komt van een ander, maar de {gap} van de bron staat er niet bij. Vul dat aan."
    return None


def r1_3_source(ctx: Context) -> Iterator[Finding]:
    for s in ctx.cf.signals:
        problem = source_problem(s)
        if problem:
            label = "contrasignaal" if s.kind == "contra_signal" else "signaal"
            yield finding("R1.3", "missing", f"{label} {s.id} {problem}", s.id)


def r1_4_diagnosis(ctx: Context) -> Iterator[Finding]:
    for d in ctx.cf.diagnoses:
        by = d.established_by
        gap = "naam en rol" if by is None else name_and_role_gap(by.name, by.role)
        if gap:
            yield finding(
                "R1.4",
                "violation",
                f"diagnose {d.id} is niet vastgesteld door een bevoegde beroepskracht "
                f"({gap} van die beroepskracht {'ontbreken' if ' en ' in gap else 'ontbreekt'})"
                ". Noem wie haar vaststelde, of haal haar weg.",
                d.id,
            )
        if not filled(d.relevance):
            yield finding(
                "R1.4",
                "missing",
                f"bij diagnose {d.id} staat niet waarom ze relevant is voor de signalen. "
                "Vul de relevantie aan.",
                d.id,
            )


def started(ctx: Context) -> bool:
    cf = ctx.cf
    return bool(cf.signals or cf.opinions or cf.diagnoses or cf.no_contra_signals_known)


def r1_5_contra_signals(ctx: Context) -> Iterator[Finding]:
    cf = ctx.cf
    has_contra = any(s.kind == "contra_signal" for s in cf.signals)
    if started(ctx) and not has_contra and not cf.no_contra_signals_known:
        yield finding(
            "R1.5",
            "missing",
            "er is geen contrasignaal vastgelegd. Beschrijf wat het vermoeden tegenspreekt, "
            "of verklaar uitdrukkelijk dat je geen contrasignalen kent.",
        )


def r1_7_signal(ctx: Context) -> Iterator[Finding]:
    if started(ctx) and not any(s.kind == "signal" for s in ctx.cf.signals):
        yield finding(
            "R1.7",
            "missing",
            "er is nog geen signaal beschreven. Leg minstens één signaal feitelijk vast.",
        )


RULES = (
    r1_1_r1_2_language,
    r1_2_follow_up,
    r1_3_source,
    r1_4_diagnosis,
    r1_5_contra_signals,
    r1_7_signal,
)
