"""Dutch adjective inflection, generous on purpose.

A lexicon word written as ``agressief~`` stands for all its inflected forms:
agressieve, agressiever, agressievere, agressiefst, agressiefste. Generating a
form that does not exist costs nothing (it never occurs in a text); the rules
below only avoid forms that are real, different words.
"""

from __future__ import annotations

_VOWELS = "aeiouy"
_LONG = ("aa", "ee", "oo", "uu")
_DIPHTHONG_ENDINGS = ("ie", "eu", "ui", "ou", "au", "ei", "ij", "oe")
# Endings of unstressed final syllables: never a doubled consonant.
_UNSTRESSED = ("ig", "lijk", "isch", "en", "el", "er", "baar", "zaam", "loos", "achtig")


def _e_stem(word: str) -> str:
    """The stem that takes -e / -er: radicaal -> radical, agressief -> agressiev."""
    if word.endswith("isch"):
        return word
    stem = word
    last, before = stem[-1], stem[-3:-1]
    if before in _LONG and last not in _VOWELS:
        stem = stem[:-2] + last
    elif _is_short_closed(word):
        stem = stem + last
    if stem.endswith("f") and stem[-2:-1] in tuple(_VOWELS) + ("l", "r"):
        stem = stem[:-1] + "v"
    elif stem.endswith("s") and _long_before_last(word):
        stem = stem[:-1] + "z"
    return stem


def _long_before_last(word: str) -> bool:
    body = word[:-1]
    return body.endswith(_LONG) or body.endswith(_DIPHTHONG_ENDINGS)


def _is_short_closed(word: str) -> bool:
    """One syllable with a short vowel and one final consonant: dom, stil, bot."""
    if word.endswith(_UNSTRESSED) or len(word) < 3:
        return False
    last, vowel, pre = word[-1], word[-2], word[-3]
    if last in _VOWELS or last in "wx" or vowel not in _VOWELS or pre in _VOWELS:
        return False
    if last in "fs":
        return False
    return sum(1 for ch in word if ch in _VOWELS) == 1


def _syllables(word: str) -> int:
    groups, previous = 0, False
    for ch in word:
        is_vowel = ch in _VOWELS
        groups += is_vowel and not previous
        previous = is_vowel
    return groups


def adjective_forms(word: str) -> set[str]:
    """The base form plus its inflected, comparative and superlative forms."""
    stem = _e_stem(word)
    forms = {word, stem + "e", stem + "er", stem + "ere", stem + "ers"}
    if word.endswith("r"):
        forms |= {word + "der", word + "dere"}
    # Superlatives of one-syllable words collide with verbs (bot -> botst, boos -> boost).
    if _syllables(word) > 1:
        tail = "t" if word.endswith("s") else "st"
        forms |= {word + tail, word + tail + "e"}
    if word.endswith("isch"):
        forms |= {word + "e", word + "er", word + "t", word + "te"}
    return forms
