"""check_text: from a text to sorted, non-overlapping findings."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate

from .characterise import find_characterisations
from .context import (
    in_reported_speech,
    names_qualified_source,
    negation_start,
    passes_verdict,
)
from .loader import default_lexicon
from .matcher import Match, find_matches
from .model import LanguageFinding, Lexicon
from .quotes import QuotedSpans
from .tokens import Tokens

# Nothing is found across an empty line (sentences and quotes end there), so long texts
# are checked in pieces that end at one: the work stays linear and cache-friendly.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
CHUNK_CHARS = 20_000
# Findings that make a generalisation next to them a verdict ("is altijd negatief").
JUDGING = frozenset({"interpretation", "characterisation"})


def check_text(text: str, lexicon: Lexicon | None = None) -> list[LanguageFinding]:
    """Interpretations, opinions in a fact, generalisations and diagnoses in ``text``."""
    lex = lexicon if lexicon is not None else default_lexicon()
    if len(text) <= CHUNK_CHARS:
        return _check_piece(text, lex)
    findings: list[LanguageFinding] = []
    for start, end in _pieces(text):
        findings.extend(_shifted(_check_piece(text[start:end], lex), start))
    return findings


def _pieces(text: str) -> list[tuple[int, int]]:
    """Consecutive [start, end) ranges of at least CHUNK_CHARS, cut at empty lines."""
    pieces, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text, CHUNK_CHARS):
        if match.start() - start >= CHUNK_CHARS:
            pieces.append((start, match.start()))
            start = match.start()
    pieces.append((start, len(text)))
    return pieces


def _shifted(findings: list[LanguageFinding], offset: int) -> list[LanguageFinding]:
    if not offset:
        return findings
    return [replace(f, start=f.start + offset, end=f.end + offset) for f in findings]


def _check_piece(text: str, lex: Lexicon) -> list[LanguageFinding]:
    tokens = Tokens(text)
    matches = find_matches(tokens, lex)
    taken = {
        j for m in matches if m.pattern.category != "generalisation" for j in range(m.first, m.last)
    }
    matches += find_characterisations(tokens, lex, taken)
    if not matches:
        return []
    quoted = QuotedSpans(text)
    judged = {j for m in matches if m.pattern.category in JUDGING for j in range(m.first, m.last)}
    findings = []
    for match in matches:
        finding = _judge(tokens, lex, match, judged, quoted)
        if finding is not None:
            findings.append(finding)
    return _without_overlaps(findings)


def _judge(
    tokens: Tokens, lex: Lexicon, match: Match, judged: set[int], quoted: QuotedSpans
) -> LanguageFinding | None:
    pattern = match.pattern
    category = pattern.category
    first = match.first
    if category == "interpretation":
        first = negation_start(tokens, first)
    start, end = tokens.start(first), tokens.end(match.last - 1)
    if quoted.overlaps(start, end):
        return None
    if category == "diagnosis":
        if names_qualified_source(tokens, lex, match.first):
            return None
    elif in_reported_speech(tokens, lex, match.first, quoted):
        return None
    if "verdict" in pattern.flags and not passes_verdict(tokens, lex, match, judged):
        return None
    text = tokens.text
    return LanguageFinding(pattern.rule, category, start, end, text[start:end], pattern.hint)


def _without_overlaps(findings: list[LanguageFinding]) -> list[LanguageFinding]:
    """Of overlapping findings of one category keep the longest; drop a generalisation
    inside an interpretation ("trekt zich steeds meer terug"); sort by position."""
    inside = _inside_interpretation(findings)
    ordered = sorted(
        (f for f in findings if f.category != "generalisation" or not inside(f)),
        key=lambda f: (f.start, -(f.end - f.start)),
    )
    kept: list[LanguageFinding] = []
    reach: dict[str, int] = {}
    for finding in ordered:
        if finding.start < reach.get(finding.category, -1):
            continue
        kept.append(finding)
        reach[finding.category] = finding.end
    return kept


def _inside_interpretation(findings: list[LanguageFinding]) -> Callable[[LanguageFinding], bool]:
    """A test whether a finding lies within an interpretation: O(log n) per call."""
    spans = sorted((f.start, f.end) for f in findings if f.category == "interpretation")
    starts = [start for start, _ in spans]
    furthest = list(accumulate((end for _, end in spans), max))

    def inside(finding: LanguageFinding) -> bool:
        index = bisect_right(starts, finding.start) - 1
        return index >= 0 and furthest[index] >= finding.end

    return inside
