"""Matching lexicon patterns against the words of a text.

Linear in the size of the text: each distinct word is looked up once, and only the
words that start a pattern are examined further.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Lexicon, Pattern, Slot
from .tokens import Tokens

# Words ending in -er that are not comparatives, for "<comparative>".
_NOT_COMPARATIVE = frozenset(
    "weer meer over onder achter daar waar hier maar door voor naar zeer wier ander andere "
    "anders leraar leraren vader moeder broer zuster zomer winter nummer kamer keer".split()
)


@dataclass(frozen=True)
class Match:
    """A pattern found at words [first, last)."""

    first: int
    last: int
    pattern: Pattern


def is_comparative(word: str) -> bool:
    if word in _NOT_COMPARATIVE or len(word) < 5:
        return False
    return word.endswith(("er", "ere")) and not word.endswith(("eer", "ier", "oer"))


def _slot_accepts(slot: Slot, word: str) -> bool:
    if slot.kind == "comparative":
        return is_comparative(word)
    return slot.accepts(word)


def _match_from(
    words: list[str], breaks: list[bool], slots: tuple[Slot, ...], k: int, j: int
) -> int | None:
    """Index just past the match of slots[k:] starting at word j, or None.

    ``breaks[j]`` tells whether a sentence ends before word j (``Tokens.break_flags``).
    """
    if k == len(slots):
        return j
    slot = slots[k]
    kind = slot.kind
    if kind == "not":
        blocked = j < len(words) and not breaks[j] and words[j] in slot.forms
        return None if blocked else _match_from(words, breaks, slots, k + 1, j)
    if kind == "gap":
        for skip in range(slot.size + 1):
            if skip and (j + skip > len(words) or breaks[j + skip - 1]):
                break
            found = _match_from(words, breaks, slots, k + 1, j + skip)
            if found is not None:
                return found
        return None
    if j >= len(words) or (k > 0 and breaks[j]):
        return None
    if not _slot_accepts(slot, words[j]):
        return None
    return _match_from(words, breaks, slots, k + 1, j + 1)


def _anchors(lexicon: Lexicon, words: list[str]) -> dict[str, tuple[Pattern, ...]]:
    """Per word that starts a pattern, the patterns that could match in this text."""
    anchors: dict[str, tuple[Pattern, ...]] = {}
    present = set(words)
    starting_with = lexicon.starting_with
    for word in present:
        patterns = starting_with(word)
        if not patterns:
            continue
        possible = [p for p in patterns if p.possible_in(present)]
        if possible:
            anchors[word] = tuple(possible)
    return anchors


def find_matches(tokens: Tokens, lexicon: Lexicon) -> list[Match]:
    """Every pattern occurrence, unfiltered, in word order."""
    words = tokens.words
    anchors = _anchors(lexicon, words)
    if not anchors:
        return []
    breaks = tokens.break_flags()
    matches: list[Match] = []
    for i in [i for i, w in enumerate(words) if w in anchors]:
        for pattern in anchors[words[i]]:
            last = _match_from(words, breaks, pattern.slots, 1, i + 1)
            if last is not None:
                matches.append(Match(i, last, pattern))
    return matches
