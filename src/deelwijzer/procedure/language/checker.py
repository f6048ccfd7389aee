"""check_text: from a text to sorted, non-overlapping findings."""

from __future__ import annotations

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


def check_text(text: str, lexicon: Lexicon | None = None) -> list[LanguageFinding]:
    """Interpretations, opinions in a fact, generalisations and diagnoses in ``text``."""
    lex = lexicon if lexicon is not None else default_lexicon()
    tokens = Tokens(text)
    matches = find_matches(tokens, lex)
    if not matches:
        return []
    quoted = QuotedSpans(text)
    judged = {
        j for m in matches if m.pattern.category == "interpretation" for j in range(m.first, m.last)
    }
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
    interpretations = [(f.start, f.end) for f in findings if f.category == "interpretation"]
    findings = [
        f
        for f in findings
        if f.category != "generalisation"
        or not any(s <= f.start and f.end <= e for s, e in interpretations)
    ]
    ordered = sorted(findings, key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[LanguageFinding] = []
    reach: dict[str, int] = {}
    for finding in ordered:
        if finding.start < reach.get(finding.category, -1):
            continue
        kept.append(finding)
        reach[finding.category] = finding.end
    return kept
