"""Span arithmetic for the pseudonymiser: resolving overlaps, trimming, consistent numbering."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from deelwijzer.procedure.identifier_variants import INTERFIXES, fold_term
from deelwijzer.procedure.intervals import Intervals
from deelwijzer.procedure.pseudonymise.patterns import STOP_WORDS

# An existing placeholder is never touched again: pseudonymising twice changes nothing.
PLACEHOLDER_RE = re.compile(r"\[[A-Z]+(?:-[A-Z]+)*(?:-\d+)?\]")
TITLES = frozenset(
    "mevrouw mevr mw mej meneer mnr dhr heer de heer juf juffrouw meester mr dr drs ir ing "
    "trainer coach oom tante opa oma broer zus neef nicht vriend vriendin collega wijkagent "
    "agent mentor docent leraar lerares imam pastoor dominee vader moeder stiefvader "
    "stiefmoeder ouders jongerenwerker buschauffeur conciërge klasgenoot medeleerling "
    "vrijwilliger tolk buurman buurvrouw huisarts dokter zorgcoördinator leerplichtambtenaar "
    "jeugdverpleegkundige psycholoog gz-psycholoog therapeut teamleider voorzitter".split()
)
EDGE_WORDS = INTERFIXES | frozenset("en of het een 's".split())
# Finds that are proper names: a remnant without a capital once a higher layer took its name
# ("handbalvereniging" of "handbalvereniging HV Zwaluwen") is a common noun and stays.
PROPER_KINDS = frozenset(
    {"person", "place", "street", "neighbourhood", "school", "club", "religious"}
)
UNNUMBERED = frozenset({"TELEFOON", "EMAIL", "URL", "BSN", "NUMMER", "POSTCODE"})
DATE_LIKE = re.compile(r"\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}|[a-z]{3}", re.IGNORECASE)
# The unions the trimming and numbering look words up in, built once (not per word).
_LEADING = TITLES | STOP_WORDS
_TRAILING = EDGE_WORDS | TITLES | STOP_WORDS
_NOT_NAME = TITLES | EDGE_WORDS
_STRIP = " \t\r\n.,;:!?()[]{}\"'\u2018\u2019\u201c\u201d-/"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    base: str = ""
    placeholder: str | None = None
    key: str | None = None  # numbered by this instead of the text (an organisation's name)


def longest_first(spans: list[Span]) -> list[Span]:
    """Non-overlapping subset, longer spans first, then earlier ones; sorted by start."""
    taken = Intervals()
    chosen = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if taken.add_if_free(span.start, span.end):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def merged(occupied: list[Span]) -> list[tuple[int, int]]:
    """The occupied spans as a sorted list of disjoint (start, end) pairs."""
    out: list[tuple[int, int]] = []
    for span in sorted(occupied, key=lambda s: s.start):
        if out and span.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span.end))
        else:
            out.append((span.start, span.end))
    return out


def subtract(span: Span, occupied: list[tuple[int, int]]) -> list[Span]:
    """The parts of ``span`` that no occupied interval (sorted, disjoint) covers."""
    i = max(bisect.bisect_right(occupied, (span.start, span.start)) - 1, 0)
    pieces, position = [], span.start
    while i < len(occupied) and occupied[i][0] < span.end:
        start, end = occupied[i]
        if end > position:
            if start > position:
                pieces.append((position, start))
            position = max(position, end)
        i += 1
    if position < span.end:
        pieces.append((position, span.end))
    if pieces == [(span.start, span.end)]:
        return [span]  # nothing taken: the common case, without copying
    return [replace(span, start=s, end=e) for s, e in pieces]


def clean(text: str, span: Span) -> Span | None:
    """Trim punctuation, titles and dangling interfixes; None when nothing proper is left."""
    s, e = span.start, span.end
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP and not _initial_dot(text, s, e):
        e -= 1
    if span.kind in ("person", "place", "youth_name", "institution"):
        s, e = _trim_words(text, s, e)
    piece = text[s:e]
    if not any(ch.isalnum() for ch in piece):
        return None
    if span.kind in PROPER_KINDS and not any(ch.isupper() for ch in piece):
        return None
    if span.kind == "date" and not DATE_LIKE.search(piece):
        return None  # a remnant such as "16" once the birth date "1 oktober" was taken
    return span if (s, e) == (span.start, span.end) else replace(span, start=s, end=e)


def _initial_dot(text: str, s: int, e: int) -> bool:
    return (
        text[e - 1] == "."
        and e - s >= 2
        and text[e - 2].isupper()
        and (e - s == 2 or not text[e - 3].isalpha())
    )


_NON_SPACE = re.compile(r"\S+")


def _trim_words(text: str, s: int, e: int) -> tuple[int, int]:
    words = [(m.start(), m.end()) for m in _NON_SPACE.finditer(text, s, e)]
    while words and _word(text, words[0]) in _LEADING:
        words.pop(0)
    while words and _word(text, words[-1]) in _TRAILING:
        words.pop()
    if not words:
        return s, s
    return words[0][0], words[-1][1]


def _word(text: str, bounds: tuple[int, int]) -> str:
    return text[bounds[0] : bounds[1]].lower().strip(_STRIP)


class Numbering:
    """Placeholders for generic finds: the same string (or person) gets the same number."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], str] = {}
        self._people: list[tuple[frozenset[str], str]] = []
        self._counts: dict[str, int] = {}

    def placeholder(self, base: str, original: str) -> str:
        if base in UNNUMBERED:
            return f"[{base}]"
        key = (base, _folded(original))
        if key not in self._keys:
            found = self._person(original) if base == "PERSOON" else None
            self._keys[key] = found or self._next(base)
            if base == "PERSOON":
                self._people.append((_name_tokens(original), self._keys[key]))
        return self._keys[key]

    def _next(self, base: str) -> str:
        self._counts[base] = self._counts.get(base, 0) + 1
        return f"[{base}-{self._counts[base]}]"

    def _person(self, original: str) -> str | None:
        """The placeholder of an earlier person this one is part of ("Jansen" of "Mark Jansen")."""
        tokens = _name_tokens(original)
        if not tokens:
            return None
        matches = {p for known, p in self._people if tokens <= known or known <= tokens}
        return matches.pop() if len(matches) == 1 else None


@lru_cache(maxsize=4096)
def _folded(original: str) -> str:
    return " ".join(fold_term(original).lower().split())


@lru_cache(maxsize=4096)
def _name_tokens(original: str) -> frozenset[str]:
    words = re.split(r"[\s\-.]+", fold_term(original).lower())
    return frozenset(w for w in words if len(w) > 1 and w not in _NOT_NAME)
