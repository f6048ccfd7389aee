"""Layer 1 of the pseudonymiser: every known identifier of the case, in every usual spelling.

``find_identifiers(text, cf)`` is the single source of truth for R2.1: the rule engine calls
it on an advice request's text and the pseudonymiser replaces exactly what it returns, so the
two can never disagree.

Decisions (documented here because the engine and the UI rely on them):

* One placeholder per person: ``[JONGERE]`` for the youth, ``[OUDER-1]``, ``[OUDER-2]`` … for
  the guardians in the order of the case file. A guardian's first name alone, full name and
  initials with surname all map to that guardian's placeholder.
* A surname shared by the youth and a guardian ("Bakker" alone, "mevrouw Bakker") maps to
  ``[JONGERE]``: it identifies the youth either way, and the youth is who R2.1 protects.
  Initials decide when present: "F. Bakker" is the guardian Fatima, "Y. Bakker" the youth.
* Text and identifiers are normalised before matching (``fold_term``): compatibility forms
  (NFKD), no diacritics, no invisible format characters (zero-width, bidi), look-alike letters
  of other scripts read as the Latin letter they imitate (Unicode's confusables data:
  Cyrillic "Ѕami", "Grооt"), and the words of an identifier may be written without the space
  or punctuation between them ("klas3B", "Sami_Jansen"). A text with a bidi control character
  is refused outright by R2.1 (:func:`bidi_controls`).
* Matching ignores diacritics (Zoë = Zoe) and case ("yusuf"), except for the bare core of a
  surname with an interfix ("Berg" of "van den Berg") and the proper-name part of a school or
  club ("Baken" of "Het Baken College"): those count only when capitalised, because in lower
  case they are ordinary Dutch words.
* The birth date is matched in numeric, ISO and written forms, and also as day and month
  without a year ("14 maart"): with the age in years that gives the birth date away.
* Strings in ``youth.identifiers`` are classified (address, school, class, club, account, …);
  a class "klas 3B" also matches "3B", an address also its street alone, an account also
  without "@", a school or club also without its leading article and by its proper name.
* A name listed in ``youth.identifiers`` with the surname of the youth or a guardian (a
  sibling: "Anouar Bouzid") gets ``[NAAM-n]`` and its first name alone is matched too. Other
  listed strings that merely look like names ("Karakter Ede") are matched as written, so
  that their first word alone ("karakter") is not taken for a first name.
* The case's pseudonym (``youth.pseudonym``) is not an identifier: it is what anonymous views
  show. Team members' names are not the youth's identifiers either (they are not an R2.1
  matter); :func:`find_team_names` finds them for the pseudonymiser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from deelwijzer.procedure.identifier_variants import (
    AFTER,
    AFTER_NAME,
    KIND_LABEL,
    SPELLED_RUN,
    SPELLED_SEP,
    NameParts,
    bare_initials,
    birth_date_patterns,
    capitalised,
    classify,
    fold_term,
    identifier_variants,
    initials_with_surname,
    loose,
    placeholder_base,
    spelled_out,
    split_name,
)
from deelwijzer.procedure.intervals import Intervals

if TYPE_CHECKING:
    from deelwijzer.procedure.casefile import CaseFile

YOUTH = "[JONGERE]"
BIRTH_DATE = "[GEBOORTEDATUM]"


@dataclass(frozen=True)
class IdentifierMatch:
    """One occurrence of a known identifier; ``start``/``end`` index the text searched."""

    start: int
    end: int
    original: str
    placeholder: str
    kind: str
    label: str


@dataclass(frozen=True)
class _Variant:
    pattern: str
    placeholder: str
    kind: str
    label: str
    rank: int  # lower wins a tie between equally long matches


class _Variants:
    """Collects variants; a variant already claimed by an earlier person is not taken again."""

    def __init__(self) -> None:
        self.items: list[_Variant] = []
        self._seen: set[str] = set()

    def add(self, pattern: str, placeholder: str, kind: str, label: str, tier: int = 0) -> None:
        key = pattern.lower()
        if key in self._seen:
            return
        self._seen.add(key)
        rank = tier * 100_000 + len(self.items)
        self.items.append(_Variant(pattern, placeholder, kind, label, rank))


def find_identifiers(text: str, cf: CaseFile) -> list[IdentifierMatch]:
    """Every occurrence of the case's known identifiers in ``text``, sorted, never overlapping."""
    return _find(text, _case_matcher(cf))


# Characters that reorder what is shown: an override (LRO/RLO), embedding (LRE/RLE), isolate
# (LRI/RLI/FSI) or the pop that ends one. "\u202eimaS" shows as "Sami" but reads "imaS".
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def bidi_controls(text: str) -> list[str]:
    """The bidi control characters in ``text`` (as "U+202E"), once each.

    Text that holds one cannot be checked for identifiers: what a reader sees is not what is
    stored. R2.1 refuses it outright instead.
    """
    return [f"U+{ord(ch):04X}" for ch in sorted(BIDI_CONTROLS.intersection(text))]


def find_team_names(text: str, cf: CaseFile) -> list[IdentifierMatch]:
    """Team members' names (``[MEDEWERKER-n]``): not the youth's identifiers, still names."""
    return _find(text, _team_matcher(tuple(member.name for member in cf.team)))


# --- building the variants of a case ----------------------------------------------------

# Everything of a case that the variants depend on, hashable: the compiled matcher is built
# once per case identity (not once per call) and shared; a changed case gets a new key (a
# corrected name, guardian, birth date or listed identifier is never served from the cache).
# Bounded (64 cases, a few hundred KB of compiled patterns) so a long-running worker stays flat.
_CaseKey = tuple[str | None, date, tuple[tuple[str | None, str | None], ...], tuple[str, ...]]


def _case_matcher(cf: CaseFile) -> _Matcher:
    guardians = tuple((g.name, g.relation) for g in cf.guardians)
    return _matcher_for(
        (cf.youth.name, cf.youth.birth_date, guardians, tuple(cf.youth.identifiers))
    )


@lru_cache(maxsize=64)
def _matcher_for(key: _CaseKey) -> _Matcher:
    youth_name, birth_date, guardians, identifiers = key
    variants = _Variants()
    if youth_name:
        _add_person(variants, youth_name, YOUTH, "youth_name", "de jongere")
    # One alternation, longest spellings first: one scan of the text instead of six.
    dates = "|".join(f"(?:{pattern})" for pattern, _ in birth_date_patterns(birth_date))
    variants.add(dates, BIRTH_DATE, "birth_date", "geboortedatum")
    for i, (name, relation) in enumerate(guardians, start=1):
        who = f"ouder {i}" + (f" ({relation})" if relation else "")
        _add_person(variants, name, f"[OUDER-{i}]", "guardian_name", who)
    family = {_surname(youth_name)} | {_surname(name) for name, _ in guardians}
    _add_listed(variants, list(identifiers), family - {""})
    return _compile(tuple(variants.items))


@lru_cache(maxsize=64)
def _team_matcher(names: tuple[str | None, ...]) -> _Matcher:
    variants = _Variants()
    for i, name in enumerate(names, start=1):
        _add_person(variants, name, f"[MEDEWERKER-{i}]", "team_name", f"medewerker {i}")
    return _compile(tuple(variants.items))


def _add_person(
    variants: _Variants, name: str | None, placeholder: str, kind: str, who: str
) -> None:
    parts = split_name(fold_term(name or "").strip())
    if parts is None:
        return
    name_end = AFTER_NAME
    variants.add(loose(parts.full) + name_end, placeholder, kind, f"volledige naam van {who}")
    label = f"initialen en naam van {who}"
    for tier, own in ((0, True), (1, False)):
        initials = initials_with_surname(parts, own)
        if initials:
            variants.add(f"(?:{initials}){name_end}", placeholder, kind, label, tier)
    if len(parts.given) > 1 and parts.surname:
        for given in parts.given:
            short = f"{given} {parts.surname}"
            variants.add(loose(short) + name_end, placeholder, kind, f"naam van {who}")
    for given in parts.given:
        variants.add(loose(given) + name_end, placeholder, kind, f"voornaam van {who}")
    _add_surname(variants, parts, placeholder, kind, who)
    label = f"gespatieerde naam van {who}"
    for term in dict.fromkeys([parts.full, *parts.given, parts.surname]):
        if pattern := spelled_out(term):
            variants.add(pattern, placeholder, kind, label)


def _add_surname(
    variants: _Variants, parts: NameParts, placeholder: str, kind: str, who: str
) -> None:
    if not parts.surname:
        return
    variants.add(loose(parts.surname) + AFTER_NAME, placeholder, kind, f"achternaam van {who}")
    for core in parts.cores:
        if core.lower() != parts.surname.lower():
            pattern = capitalised(core) + AFTER_NAME
            variants.add(pattern, placeholder, kind, f"deel van de achternaam van {who}")
    initials = bare_initials(parts)
    if initials:
        variants.add(f"(?:{initials})", placeholder, kind, f"initialen van {who}")


def _surname(name: str | None) -> str:
    parts = split_name(fold_term(name or "").strip())
    return parts.surname.lower() if parts else ""


def _add_listed(variants: _Variants, identifiers: list[str], family: set[str]) -> None:
    """Listed strings; one that looks like a name with the family's surname is a relative."""
    kinds = [classify(item) for item in identifiers]
    kinds = [
        "identifier" if k == "person" and _surname(item) not in family else k
        for k, item in zip(kinds, identifiers, strict=True)
    ]
    bases = [placeholder_base(k, item) for k, item in zip(kinds, identifiers, strict=True)]
    numbered = {"identifier", "person"}
    counters: dict[str, int] = {}
    for item, kind, base in zip(identifiers, kinds, bases, strict=True):
        if not item.strip():
            continue
        counters[base] = counters.get(base, 0) + 1
        several = kind in numbered or bases.count(base) > 1
        placeholder = f"[{base}-{counters[base]}]" if several else f"[{base}]"
        if kind == "person":
            _add_person(variants, item, placeholder, "listed_name", "een genoemde persoon")
            continue
        label = KIND_LABEL[kind]
        for pattern in identifier_variants(item, kind):
            variants.add(pattern, placeholder, kind, label)


# --- matching -----------------------------------------------------------------------------


class _Compiled:
    """One variant, compiled when it first has to run: a variant whose needle is not in the
    text never runs, and compiling all of a case's variants up front (a few dozen patterns with
    wide character classes) cost a case's first evaluation in each process several ms.
    Two threads that compile the same pattern at once both get an equal pattern."""

    __slots__ = ("_lower", "_regex", "lower_source", "needle", "source", "spelled", "variant")

    def __init__(
        self, source: str, lower_source: str | None, variant: _Variant, needle: str, spelled: bool
    ) -> None:
        self.source = source  # run on the folded text (case kept)
        self.lower_source = lower_source  # the same on lower-cased text: a literal prefix, faster
        self.variant = variant
        self.needle = needle  # the regex only runs when this literal is in the lower-cased text
        self.spelled = spelled  # a name spelled out: runs only on a text with such a run
        self._regex: re.Pattern[str] | None = None
        self._lower: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source)
        return self._regex

    @property
    def lower(self) -> re.Pattern[str] | None:
        if self._lower is None and self.lower_source is not None:
            self._lower = re.compile(self.lower_source)
        return self._lower


@dataclass(frozen=True)
class _Matcher:
    regexes: tuple[_Compiled, ...]


_CASE_INSENSITIVE = re.compile(r"\(\?i:([^()|]*)\)")


def _compile(variants: tuple[_Variant, ...]) -> _Matcher:
    return _Matcher(tuple(_compile_one(v) for v in variants))


def _compile_one(v: _Variant) -> _Compiled:
    """The left word boundary is checked by hand: a leading look-behind would cost re its
    literal-prefix search, which makes the lower-cased variant several times faster."""
    tail = AFTER_NAME if v.pattern.endswith(AFTER_NAME) else AFTER
    core = v.pattern.removesuffix(AFTER_NAME)
    whole = _CASE_INSENSITIVE.fullmatch(core)
    lower = whole.group(1).lower() + tail if whole else None
    return _Compiled(
        "(?:" + core + ")" + tail, lower, v, _needle(v.pattern), SPELLED_SEP in v.pattern
    )


def _needle(pattern: str) -> str:
    """A lower-case literal every match must contain ('' when none can be told safely)."""
    core = pattern.removesuffix(AFTER_NAME)
    if "|" in core:
        return ""
    plain = re.sub(r"\\.|\[[^\]]*\]|\{[^}]*\}|\(\?[a-z]*:?", " ", core)
    runs = re.findall(r"[A-Za-z0-9]+", plain)
    longest = max(runs, key=len, default="")
    return longest.lower() if len(longest) >= 3 else ""


def _starts_word(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before in "_@")


def _matches(c: _Compiled, folded: str, lowered: str | None) -> Iterator[tuple[int, int]]:
    lower = c.lower if lowered is not None else None
    regex, text = (
        (lower, lowered) if lower is not None and lowered is not None else (c.regex, folded)
    )
    position = 0
    while (m := regex.search(text, position)) is not None:
        if m.end() > m.start() and _starts_word(folded, m.start()):
            yield m.start(), m.end()
        position = m.start() + 1


def _find(text: str, matcher: _Matcher) -> list[IdentifierMatch]:
    folded, index = fold_text(text)
    lowered = folded.lower()
    aligned = lowered if len(lowered) == len(folded) else None
    candidates: list[tuple[int, int, _Variant]] = []
    spelled = SPELLED_RUN.search(folded) is not None
    for compiled in matcher.regexes:
        if compiled.needle and compiled.needle not in lowered:
            continue
        if compiled.spelled and not spelled:
            continue
        candidates.extend((s, e, compiled.variant) for s, e in _matches(compiled, folded, aligned))
    candidates = _widen_to_addresses(folded, candidates)
    chosen = [
        (index[s], _end(text, index[e - 1] + 1), v) for s, e, v in _non_overlapping(candidates)
    ]
    return [IdentifierMatch(s, e, text[s:e], v.placeholder, v.kind, v.label) for s, e, v in chosen]


# An e-mail address, web address or handle that contains a name is replaced as a whole.
_ADDRESS_RES = (
    (re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"), "email", "[EMAIL]"),
    (re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)]"), "url", "[URL]"),
    (re.compile(r"(?<![\w.@])@\w(?:[\w.]*\w)?"), "account", "[ACCOUNT]"),
)


# Each address pattern needs one of these in its match; none matches across white space.
_ADDRESS_MARKS = (("@",), ("www.", "http"), ("@",))


def _chunks_with(text: str, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """The white-space-delimited stretches of ``text`` that hold one of ``marks``, in order.

    An address pattern run on these stretches only finds what it finds on the whole text (no
    match spans white space and the text around a stretch is white space), without trying
    every position of a long text.
    """
    found: set[tuple[int, int]] = set()
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            start, end = at, at + len(mark)
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            while end < len(text) and not text[end].isspace():
                end += 1
            found.add((start, end))
            at = text.find(mark, end)
    return sorted(found)


def _address_tokens(folded: str) -> list[tuple[int, int, str, str]]:
    """Every e-mail address, web address and handle: as ``finditer`` on the whole text."""
    return [
        (m.start(), m.end(), kind, placeholder)
        for (regex, kind, placeholder), marks in zip(_ADDRESS_RES, _ADDRESS_MARKS, strict=True)
        for start, end in _chunks_with(folded, marks)
        for m in regex.finditer(folded, start, end)
    ]


def _widen_to_addresses(
    folded: str, candidates: list[tuple[int, int, _Variant]]
) -> list[tuple[int, int, _Variant]]:
    if "@" not in folded and "www" not in folded and "http" not in folded:
        return candidates
    tokens = _address_tokens(folded)
    widened = []
    for s, e, v in candidates:
        token = next(
            (t for t in tokens if t[0] <= s and e <= t[1] and (t[0], t[1]) != (s, e)), None
        )
        if token is None:
            widened.append((s, e, v))
            continue
        label = f"{KIND_LABEL[token[2]]} met de {v.label}"
        wide = _Variant(v.pattern, token[3], token[2], label, v.rank + 1_000_000)
        widened.append((token[0], token[1], wide))
    return widened


def _end(text: str, end: int) -> int:
    """Take combining marks that follow the last character along."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def _non_overlapping(candidates: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Longest match first, then the earliest-registered variant; never two that overlap."""
    ordered = sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2].rank, c[0]))
    free = Intervals()
    taken = [cand for cand in ordered if free.add_if_free(cand[0], cand[1])]
    return sorted(taken, key=lambda c: c[0])


def fold_text(text: str) -> tuple[str, Sequence[int]]:
    """Text without diacritics (case kept) and, per folded character, its index in ``text``.

    The index sequence has one extra entry, ``len(text)``, so an end offset maps too.
    """
    if text.isascii():
        return text, range(len(text) + 1)
    folds = {ch: _fold_char(ch) for ch in set(text) if ord(ch) >= 128}
    if all(len(f) == 1 for f in folds.values()):
        if all(f.isascii() for f in folds.values()):
            # Same result as str.translate (an ASCII fold is never replaced again), but a few
            # C-level replaces are several times faster than translate's per-character lookup.
            for ch, fold in folds.items():
                text = text.replace(ch, fold)
            return text, range(len(text) + 1)
        return text.translate({ord(c): f for c, f in folds.items()}), range(len(text) + 1)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = folds.get(ch, ch)
        out.append(piece)
        index.extend([i] * len(piece))
    index.append(len(text))
    return "".join(out), index


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """A non-ASCII character folded; combining marks and invisible format characters vanish."""
    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
        return ""
    return fold_term(ch) or " "
