"""Data types of the language checker: findings, patterns and the lexicon."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

RULE_BY_CATEGORY: dict[str, str] = {
    "interpretation": "R1.1",
    "characterisation": "R1.1",
    "inference": "R1.1",
    "mind_reading": "R1.1",
    "generalisation": "R1.1",
    "opinion_marker": "R1.2",
    "diagnosis": "R1.4",
}


MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class LanguageFinding:
    """One place in a text that reads as interpretation, opinion or diagnosis.

    ``text`` is always ``source[start:end]``.
    """

    rule: str
    category: str
    start: int
    end: int
    text: str
    hint: str


@dataclass(frozen=True)
class Slot:
    """One word position of a pattern.

    kind "word": the token is one of ``forms`` or starts with one of ``prefixes``;
    kind "gap": up to ``size`` arbitrary tokens of the same sentence;
    kind "not": the next token is none of ``forms`` (nothing is consumed);
    kind "comparative": a comparative adjective such as "religieuzer".
    """

    kind: str
    forms: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    size: int = 0

    def accepts(self, word: str) -> bool:
        if word in self.forms:
            return True
        return any(word.startswith(p) for p in self.prefixes)


@dataclass(frozen=True)
class Pattern:
    """A lexicon entry: a sequence of slots with its category, hint and flags."""

    source: str
    category: str
    slots: tuple[Slot, ...]
    hint: str
    flags: frozenset[str] = frozenset()

    @property
    def rule(self) -> str:
        return RULE_BY_CATEGORY[self.category]

    @cached_property
    def required_forms(self) -> tuple[frozenset[str], ...]:
        """Per later word slot without prefixes, its forms: a text that has none of one
        slot's forms cannot match this pattern (a cheap test before matching)."""
        return tuple(s.forms for s in self.slots[1:] if s.kind == "word" and not s.prefixes)

    def possible_in(self, words: set[str]) -> bool:
        """False when the text with these distinct words cannot contain this pattern."""
        for forms in self.required_forms:
            if forms.isdisjoint(words):
                return False
        return True


@dataclass
class Lexicon:
    """All patterns plus the word lists that steer them.

    ``patterns`` are indexed by the forms and prefixes of their first slot so that
    matching is one dictionary lookup per distinct word of a text.
    """

    patterns: list[Pattern] = field(default_factory=list)
    qualified_sources: frozenset[str] = frozenset()
    evaluative: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    hints: dict[str, str] = field(default_factory=dict)
    # Characterising words (subjectivity lexicon, vague change words): form -> hint key.
    characterising: dict[str, str] = field(default_factory=dict)
    # Nouns for people, groups and attitudes: exact forms, and endings of compounds.
    people: frozenset[str] = frozenset()
    people_endings: tuple[str, ...] = ()
    _first_exact: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)
    _first_prefix: dict[int, dict[str, list[Pattern]]] = field(default_factory=dict, repr=False)
    _memo: dict[str, tuple[Pattern, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._memo = {}
        self._first_exact = {}
        self._first_prefix = {}
        for pattern in self.patterns:
            first = pattern.slots[0]
            for form in first.forms:
                self._first_exact.setdefault(form, []).append(pattern)
            for prefix in first.prefixes:
                by_len = self._first_prefix.setdefault(len(prefix), {})
                by_len.setdefault(prefix, []).append(pattern)

    def is_people_word(self, word: str) -> bool:
        """True for a noun naming people, a group or an attitude ("gezin", "vriendengroep")."""
        return word in self.people or word.endswith(self.people_endings)

    def starting_with(self, word: str) -> tuple[Pattern, ...]:
        """Patterns whose first slot accepts ``word`` (lower case); remembered per word."""
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = self._lookup(word)
        return found

    def _lookup(self, word: str) -> tuple[Pattern, ...]:
        found = list(self._first_exact.get(word, ()))
        for size, by_prefix in self._first_prefix.items():
            if len(word) >= size:
                found.extend(by_prefix.get(word[:size], ()))
        return tuple(found)
