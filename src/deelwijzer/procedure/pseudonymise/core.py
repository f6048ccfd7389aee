"""``pseudonymise(text, cf)``: the safe text for an advice request, and what was done to it.

Three layers, in order of precedence (a later layer never overrides an earlier one):

1. the case's own identifiers (:mod:`deelwijzer.procedure.identifiers`), plus the team's
   names; these must all go, and they get fixed placeholders ([JONGERE], [OUDER-1], …);
2. the organisation's own names (``organisation_names``: the school or club the professional
   works for), then layer 3 patterns deduce misses (classes, handles, postcodes, schools,
   clubs, places of worship, street and neighbourhood names by their suffix or a cue word such
   as "wijk"; :mod:`.places`) — applied before deduce's finds because they are more specific;
3. deduce (layer 2) for other names, places, institutions, dates and numbers.

Where a lower layer's find overlaps a higher one, the lower find is cut back to the part not
yet covered and kept only if something proper is left ("mevrouw de Wit van het Baken
College" from deduce becomes "de Wit" once the school is taken). One exception: deduce's
find of a person with the family's surname and a first name the case does not know ("Ahmed
Bakker", an unlisted brother) goes whole, as one person. Placeholders already in the text are
never touched, so running the pseudonymiser on its own output changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from deelwijzer.procedure.identifier_variants import fold_term, split_name
from deelwijzer.procedure.identifiers import find_identifiers, find_team_names
from deelwijzer.procedure.pseudonymise.generic import deduce_finds, lexicon
from deelwijzer.procedure.pseudonymise.patterns import PatternFind, find_keep, find_patterns
from deelwijzer.procedure.pseudonymise.places import PlaceFind, find_names, find_places
from deelwijzer.procedure.pseudonymise.review import review_points
from deelwijzer.procedure.pseudonymise.spans import (
    PLACEHOLDER_RE,
    Numbering,
    Span,
    clean,
    longest_first,
    merged,
    overlaps,
    subtract,
)

if TYPE_CHECKING:
    from deelwijzer.procedure.casefile import CaseFile


@dataclass(frozen=True)
class Replacement:
    """One replaced span; ``start``/``end`` index the ORIGINAL text."""

    start: int
    end: int
    original: str
    placeholder: str
    kind: str


@dataclass(frozen=True)
class PseudonymiseResult:
    text: str
    replacements: list[Replacement]
    review: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "replacements": [asdict(r) for r in self.replacements],
            "review": list(self.review),
        }


def pseudonymise(
    text: str, cf: CaseFile, model: Any = None, organisation_names: Sequence[str] = ()
) -> PseudonymiseResult:
    """Replace every identifier of the case and other identifying details in ``text``.

    ``model`` is a deduce instance; by default the process's shared one
    (:func:`deelwijzer.procedure.deidentify.get_deduce`, which never builds on a request).
    ``organisation_names`` are names of the professional's own organisation (its school or
    club): every mention goes, whatever its shape.
    """
    if model is None:
        from deelwijzer.procedure.deidentify import get_deduce

        model = get_deduce()
    protected = [Span(m.start(), m.end(), "placeholder") for m in PLACEHOLDER_RE.finditer(text)]
    deduced = _deduce_spans(model, text, cf)
    fixed = _without_relatives_surnames(text, cf, _layer_one(text, cf, protected), deduced)
    keep = [Span(s, e, "keep") for s, e in find_keep(text)]
    occupied = protected + fixed + keep
    own = _claim(text, _spans(find_names(text, organisation_names)), occupied)
    occupied += own
    found = _spans(find_patterns(text)) + _spans(find_places(text, lexicon(model)))
    patterns = _claim(text, found, occupied)
    generic = _claim(text, deduced, occupied + patterns)
    chosen = sorted(fixed + own + patterns + generic, key=lambda s: s.start)
    replacements = _numbered(text, chosen)
    output = _rewrite(text, replacements)
    return PseudonymiseResult(output, replacements, review_points(text, output, replacements))


def _layer_one(text: str, cf: CaseFile, protected: list[Span]) -> list[Span]:
    youth = [
        Span(m.start, m.end, m.kind, placeholder=m.placeholder) for m in find_identifiers(text, cf)
    ]
    youth = [s for s in youth if not any(overlaps(s, p) for p in protected)]
    team = [
        Span(m.start, m.end, m.kind, placeholder=m.placeholder) for m in find_team_names(text, cf)
    ]
    team = [s for s in team if not any(overlaps(s, o) for o in protected + youth)]
    return youth + team


def _without_relatives_surnames(
    text: str, cf: CaseFile, fixed: list[Span], deduced: list[Span]
) -> list[Span]:
    """Layer one's finds, less a family surname inside deduce's find of another person: "Ahmed
    Bakker", a brother the case does not list, then goes whole as one person (it read
    "[PERSOON-1] [JONGERE]", the surname taken for the youth's). Only where something proper
    is left of the person besides the surname: "mevrouw Bakker" stays the family's."""
    family = _family_surnames(cf)
    drop: set[Span] = set()
    for person in (d for d in deduced if d.kind == "person"):
        inside = [
            f
            for f in fixed
            if person.start <= f.start
            and f.end <= person.end
            and fold_term(text[f.start : f.end]).lower() in family
        ]
        rest = subtract(person, merged(inside)) if inside else []
        if any(clean(text, replace(piece, kind="person")) for piece in rest):
            drop.update(inside)
    return [f for f in fixed if f not in drop]


def _family_surnames(cf: CaseFile) -> set[str]:
    """The surnames of the youth and the guardians, and their cores ("berg" of "van den
    Berg"), folded and in lower case."""
    out: set[str] = set()
    for name in [cf.youth.name, *(g.name for g in cf.guardians)]:
        parts = split_name(fold_term(name or "").strip())
        if parts is not None and parts.surname:
            out.update(w.lower() for w in (parts.surname, *parts.cores))
    return out


def _spans(finds: Iterable[PatternFind | PlaceFind]) -> list[Span]:
    return [Span(f.start, f.end, f.kind, f.base, key=getattr(f, "key", None)) for f in finds]


def _deduce_spans(model: Any, text: str, cf: CaseFile) -> list[Span]:
    return [
        Span(f.start, f.end, f.kind, f.base, f.placeholder) for f in deduce_finds(model, text, cf)
    ]


def _claim(text: str, candidates: list[Span], occupied: list[Span]) -> list[Span]:
    """Cut candidates back to what is not occupied, clean them, keep a non-overlapping set."""
    pieces, taken = [], merged(occupied)
    for span in candidates:
        for piece in subtract(span, taken):
            cleaned = clean(text, piece)
            if cleaned is not None:
                pieces.append(cleaned)
    return longest_first(pieces)


def _numbered(text: str, spans: list[Span]) -> list[Replacement]:
    numbering = Numbering()
    out = []
    for span in spans:
        original = text[span.start : span.end]
        placeholder = span.placeholder or numbering.placeholder(span.base, span.key or original)
        out.append(Replacement(span.start, span.end, original, placeholder, span.kind))
    return out


def _rewrite(text: str, replacements: list[Replacement]) -> str:
    parts, position = [], 0
    for r in replacements:
        parts.append(text[position : r.start])
        parts.append(r.placeholder)
        position = r.end
    parts.append(text[position:])
    return "".join(parts)
