"""Evaluative characterisations of people, groups and attitudes (R1.1).

An adjective from the subjectivity lexicon (negative and subjective enough, see
``loader.SUBJECTIVITY_MIN``/``POLARITY_MAX``) or a vague change word ("veranderd") is a
finding only where it characterises people, a group or an attitude:

- attributive, before such a noun: "een slechte groep", "negatieve houding", "een
  moeilijk gezin", "een harde, kille man";
- predicative, after a copula whose subject is a person, a group or an attitude: "hij is
  erg koppig", "de ouders zijn overbezorgd", "zijn houding is arrogant", "sinds de zomer
  is ze veranderd", "hoe labiel hij is".

"Slecht weer", "een moeilijke som", "de toets was moeilijk" and "het rooster is
veranderd" pass: the word describes a thing. The subject of a copula is the first word
of its clause that is not a determiner or an adverb of time; a pronoun right after the
copula ("is hij") is the subject of an inverted clause.
"""

from __future__ import annotations

from .matcher import Match
from .model import Lexicon, Pattern
from .tokens import Tokens

COPULAS = frozenset(
    "is zijn was waren wordt worden werd werden blijft blijven bleef bleven lijkt lijken "
    "leek leken bleek bleken raakt raakte".split()
)
PRONOUNS = frozenset("hij ze zij jij hen hun zijzelf hijzelf".split())
# Words that open a new clause: the subject of a copula is not before them.
CLAUSE_WORDS = frozenset("en maar of want omdat dat die wat waar als toen terwijl doordat".split())
# Words skipped when looking for the head of a subject.
SKIPPED = frozenset(
    "de het een zijn haar hun mijn onze jullie deze dit die dat er sinds vanaf na tijdens "
    "thuis nu toen vandaag gisteren laatst ook".split()
)
# Adverbs that may stand between "zijn" and its adjective ("zijn ronduit schokkend").
ADVERBS = frozenset(
    "erg heel zo nogal echt ronduit best behoorlijk enorm totaal helemaal flink sterk "
    "ontzettend vreselijk te ook wel niet nog steeds altijd nooit gewoon compleet".split()
)
# Capitalised words at the start of a sentence that are not names.
NOT_NAMES = frozenset(
    "waarom hoe wanneer waar wie wat welke daarom daarna toen dan soms vaak ook nu hier "
    "daar eerst later gisteren vandaag morgen".split()
)
LINKS = frozenset("en of".split())
ARTICLES = frozenset("een geen".split())
PREDICATE_REACH = 5  # words between a copula and its adjective, at most
SUBJECT_REACH = 8  # words of a clause before the copula that are looked at

_PATTERNS: dict[str, Pattern] = {}


def _pattern(lexicon: Lexicon, key: str) -> Pattern:
    hint = lexicon.hints.get(f"@{key}", "")
    found = _PATTERNS.get(key + hint)
    if found is None:
        found = _PATTERNS[key + hint] = Pattern(f"<{key}>", "characterisation", (), hint)
    return found


def find_characterisations(tokens: Tokens, lexicon: Lexicon, taken: set[int]) -> list[Match]:
    """Characterising adjectives not already part of another finding (``taken``)."""
    words = tokens.words
    present = lexicon.characterising.keys() & set(words)
    if not present:
        return []
    breaks = tokens.break_flags()
    found = []
    for i in [i for i, word in enumerate(words) if word in present]:
        if i in taken:
            continue
        key = lexicon.characterising[words[i]]
        last = _attributive_end(tokens, lexicon, breaks, i)
        if last is None and _predicative(tokens, lexicon, breaks, i):
            last = i + 1
        if last is not None:
            found.append(Match(i, last, _pattern(lexicon, key)))
    return found


def _attributive_end(tokens: Tokens, lexicon: Lexicon, breaks: list[bool], i: int) -> int | None:
    """End of "adjective [, adjective | en adjective] noun" when the noun names people."""
    words, n = tokens.words, len(tokens.words)
    j = i + 1
    for _ in range(2):
        if j >= n or breaks[j]:
            return None
        if lexicon.is_people_word(words[j]):
            return j + 1
        if words[j] in LINKS or words[j] in lexicon.characterising:
            j += 1
            continue
        return None
    return None


def _predicative(tokens: Tokens, lexicon: Lexicon, breaks: list[bool], i: int) -> bool:
    words = tokens.words
    if i > 0 and words[i - 1] in ARTICLES:
        return False  # "een slecht gebit": attributive, the noun decides
    if _inverted_after(tokens, breaks, i):
        return True  # "hoe labiel hij is"
    copula = _copula_before(tokens, breaks, i)
    if copula is None:
        return False
    after = copula + 1
    if after < i and words[after] in PRONOUNS:
        return True  # "sinds de zomer is hij veranderd"
    return _people_subject(tokens, lexicon, breaks, copula)


def _inverted_after(tokens: Tokens, breaks: list[bool], i: int) -> bool:
    words, n = tokens.words, len(tokens.words)
    return (
        i + 2 < n
        and not breaks[i + 1]
        and not breaks[i + 2]
        and words[i + 1] in PRONOUNS
        and words[i + 2] in COPULAS
    )


def _copula_before(tokens: Tokens, breaks: list[bool], i: int) -> int | None:
    words = tokens.words
    for j in range(i - 1, max(-1, i - PREDICATE_REACH - 2), -1):
        if breaks[j + 1] or "," in tokens.gap(j + 1) or words[j] in CLAUSE_WORDS:
            return None
        if words[j] in COPULAS:
            if words[j] == "zijn" and not all(w in ADVERBS for w in words[j + 1 : i]):
                return None  # "heeft zijn profiel veranderd": a possessive, not a copula
            return j
    return None


def _people_subject(tokens: Tokens, lexicon: Lexicon, breaks: list[bool], copula: int) -> bool:
    """True when the head of the clause before ``copula`` names people or an attitude."""
    words = tokens.words
    start = copula
    while start > 0 and copula - start < SUBJECT_REACH:
        if breaks[start] or "," in tokens.gap(start) or words[start - 1] in CLAUSE_WORDS:
            break
        start -= 1
    for j in range(start, copula):
        word = words[j]
        if word in SKIPPED:
            continue
        if word in PRONOUNS or lexicon.is_people_word(word):
            return True
        # A name as the whole subject: "Sanne is ..." (not "Waarom is ...")
        name = tokens.text[tokens.start(j)].isupper() and word not in NOT_NAMES
        return j == copula - 1 and name
    return False
