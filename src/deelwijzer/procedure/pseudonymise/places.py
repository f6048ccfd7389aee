"""Streets, squares, neighbourhoods and the organisation's own names (Stap 2, R2.1).

deduce finds street names from its street list and its own suffix pattern, but drops them
unless a house number follows; "de moskee aan de Dorpsstraat" then stays readable. This module
decides which of those street finds to keep (:func:`street_span`), adds what deduce has no
list for (:func:`find_places`: capitalised words ending in a street or neighbourhood suffix,
with hyphens and diacritics, and names after a cue word such as "wijk" or "winkelcentrum"),
and finds the organisation's own names (:func:`find_names`).

Content words stay: a lowercase noun ("de straat op", "op het plein") never matches, nor does
a generic compound at the start of a sentence ("Fietspad", "Schoolplein"), nor a word from
deduce's common-word list ("Markt", "Park").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from deelwijzer.procedure.identifier_variants import fold_term
from deelwijzer.procedure.pseudonymise.patterns import STOP_WORDS, word_starts
from deelwijzer.procedure.pseudonymise.spans import TITLES

# Endings of Dutch street, square and neighbourhood names (full words only: deduce's
# abbreviations such as -st and -gr also match "Eerst" and "Dienst").
STREET_SUFFIX = (
    "straat|straatweg|laan|weg|plein|pleintje|singel|kade|gracht|dreef|hof|park|dijk|markt|"
    "plantsoen|steeg|pad|wal|burgwal|boulevard|promenade|baan|dam|erf|hoek|haven|veld|"
    "akker|weide|ring|passage|galerij|tuin"
)
NEIGHBOURHOOD_SUFFIX = "wijk|buurt|kwartier|eiland|polder|hoven|oord|meer|hage|rode"
_SUFFIX_BASE = (
    ("neighbourhood", NEIGHBOURHOOD_SUFFIX, "WIJK"),
    ("street", STREET_SUFFIX, "STRAAT"),
    ("school", "school", "SCHOOL"),
)
_LETTER = "A-Za-z\u00c0-\u00ff"
_CAP = rf"[A-Z\u00c0-\u00de][{_LETTER}'\u2019]*(?:-[{_LETTER}'\u2019]+)*"
_JOIN = r"(?:van|de|der|den|het|'t|ten|ter)"
_SUFFIX_RES = tuple(
    (
        kind,
        base,
        re.compile(
            rf"(?<![\w\-])(?:{_CAP}\s+(?:{_JOIN}\s+){{0,2}}){{0,3}}"
            rf"[A-Z\u00c0-\u00de][{_LETTER}'\u2019\-]{{2,}}?(?:{suffix})(?![\w\-])"
        ),
    )
    for kind, suffix, base in _SUFFIX_BASE
)
# Generic compounds with a place suffix: capitalised only at the start of a sentence, and then
# a content word ("Schoolplein is afgesloten"), never a name.
GENERIC_PLACES = frozenset(
    "schoolplein speelplein sportpark sportveld voetbalveld trapveld grasveld speelveld "
    "snelweg rijksweg ringweg rondweg zandweg fietspad voetpad wandelpad bospad jaagpad "
    "zijstraat winkelstraat hoofdstraat dorpsplein stadspark stadsplein marktplein kerkhof "
    "binnenhof woonwijk nieuwbouwwijk probleemwijk achterstandswijk volksbuurt achterbuurt "
    "woonerf schoolpad parkeerplaats tramhalte bushalte treinstation spoorweg uitvalsweg "
    "snelwegen fietspaden buurt wijk kwartier eiland polder binnenstad bolwerk hoek haven "
    "jachthaven zeehaven kinderboerderij ijsbaan schaatsbaan atletiekbaan loopbaan racebaan "
    "speelweide ligweide rotonde passage galerij brandweg tuin speeltuin moestuin achtertuin "
    "voortuin volkstuin kindertuin schooltuin binnentuin".split()
)
# Kinds of school named by a compound: never a name, wherever they stand ("de Basisschool").
GENERIC_SCHOOLS = frozenset(
    "school basisschool hogeschool sportschool rijschool dansschool muziekschool zwemschool "
    "bijlesschool koranschool weekendschool zondagsschool moskeeschool taalschool "
    "praktijkschool vakschool nachtschool kunstschool toneelschool vechtsportschool "
    "boksschool kickboksschool judoschool internaatschool".split()
)
# A single word from deduce's street list counts after these ("op het Zaailand").
_PLACE_PREPOSITION = re.compile(
    r"(?<![\w\-])(?i:aan|op|in|bij|naar|over|langs|via|rond|richting|achter|voor|vanaf|"
    r"vanuit|uit|door|rondom|naast|tegenover)\s+(?:de|het|'t)\s+$"
)
# ... and after these without an article ("hij hangt rond in Lombok", "de moskee in Zuilen").
_BARE_PREPOSITION = re.compile(r"(?<![\w\-])(?i:in|uit|naar|bij|rond|rondom|vanuit)\s+$")


def _content_places() -> frozenset[str]:
    """Countries, continents, cities abroad, months, days, languages, religions and feasts
    (``content_places.txt``), folded and lower-cased: content the adviser needs, never a
    neighbourhood, although deduce's street list holds many of them ("Marokko", "Europa")."""
    lines = Path(__file__).with_name("content_places.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in lines.splitlines())
    return frozenset(fold_term(word).lower() for word in words if word)


CONTENT_PLACES = _content_places()
# Words after which a capitalised name is a neighbourhood, a shopping centre or a park.
_AREA_CUES = frozenset("wijk woonwijk buurt stadsdeel stadswijk dorp dorpje".split())
_CUES = tuple(
    sorted(
        _AREA_CUES
        | set(
            "winkelcentrum winkelgebied jongerencentrum speeltuin flat torenflat wooncomplex "
            "complex park plein camping woonwagenkamp".split()
        ),
        key=len,
        reverse=True,
    )
)
_CUE_RE = re.compile(
    rf"(?<![\w\-])(?P<cue>(?i:{'|'.join(_CUES)}))"
    rf"\s+(?:(?:de|het|'t)\s+)?(?P<name>{_CAP}(?:\s+{_CAP}){{0,2}})"
)
_ALL_SUFFIXES = tuple("|".join((NEIGHBOURHOOD_SUFFIX, STREET_SUFFIX, "school")).split("|"))
_CAPITALISED_RE = re.compile(rf"(?<![\w\-])[A-Z\u00c0-\u00de][{_LETTER}'\u2019\-]{{4,}}")
_PRECEDING_RE = re.compile(rf"(?:{_CAP}\s+(?:{_JOIN}\s+){{0,2}}){{1,3}}$")
_NAME_ARTICLE = re.compile(r"(?:De|Het|'t)\s+[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"\u201c(]\s*|\n\s*[-*\u2022]\s*)$")


@dataclass(frozen=True)
class PlaceFind:
    start: int
    end: int
    kind: str  # street | neighbourhood | organisation
    base: str  # STRAAT | WIJK | PLEK | SCHOOL | CLUB | ORGANISATIE
    key: str | None = None  # the organisation's name, whichever way it is written


def at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4) : start]))


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each run of non-space characters in text[start:end], as
    ``\\S+`` finds them (``str.split`` splits at the characters re's ``\\s`` matches)."""
    parts = text[start:end].split()
    if len(parts) == 1 and len(parts[0]) == end - start:
        return [(start, end)]  # one word without spaces: the common case
    out, position = [], start
    for part in parts:
        position = text.find(part, position, end)
        out.append((position, position + len(part)))
        position += len(part)
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Without lowercase and stop words at either edge; None when no capitalised word is left."""
    words = _words(text, start, end)
    strip = ".,;:!?()\"'"

    def dropped(bounds: tuple[int, int]) -> bool:
        word = text[bounds[0] : bounds[1]].strip(strip)
        return not word[:1].isupper() or word.lower() in STOP_WORDS

    while words and dropped(words[0]):
        words.pop(0)
    while words and dropped(words[-1]):
        words.pop()
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in strip:
        e -= 1
    return (s, e) if e > s else None


def _suffix_kind(word: str) -> tuple[str, str] | None:
    for kind, base, regex in _SUFFIX_RES:
        if regex.fullmatch(word):
            return kind, base
    return None


@dataclass(frozen=True)
class Lexicon:
    """deduce's word lists as membership tests: common Dutch words, people's names, the
    names that several streets are named after (:func:`area_names`: "Bijlmer"), deduce's
    place names (towns, provinces, regions: its own place finds) and the words it excludes
    from its street list ("Centrum", "Oost")."""

    common: Callable[[str], bool]
    name: Callable[[str], bool] = lambda word: False
    area: Callable[[str], bool] = lambda word: False
    place: Callable[[str], bool] = lambda word: False
    no_street: Callable[[str], bool] = lambda word: False


# A street name made of a name, a linking s/e/en, and a street suffix ("Bijlmer|dreef").
_STREET_NAME_RE = re.compile(rf"^([A-Z][a-z]{{3,}}?)(?:s|e|en)?({STREET_SUFFIX})$", re.MULTILINE)


def area_names(street_names: str, streets: int = 2) -> frozenset[str]:
    """Names that at least ``streets`` street names with different suffixes are made of.

    Dutch streets are often named after the neighbourhood, polder or estate they lie in: the
    Bijlmerdreef and the Bijlmerplein lie in the Bijlmer. ``street_names`` is a list, one name
    a line (deduce's street list). Common words among them ("Kerk", "Molen") are the caller's
    to leave out; :func:`find_places` only takes one after a preposition and an article.
    """
    suffixes: dict[str, set[str]] = {}
    for m in _STREET_NAME_RE.finditer(street_names):
        suffixes.setdefault(m.group(1), set()).add(m.group(2))
    return frozenset(name for name, found in suffixes.items() if len(found) >= streets)


def street_span(text: str, start: int, end: int, lexicon: Lexicon) -> PlaceFind | None:
    """deduce's street find at text[start:end], kept only when it is a name, not a noun.

    One word must end in a street or neighbourhood suffix, be no common word and, at the start
    of a sentence, no generic compound; without a suffix it must follow a preposition and an
    article ("op het Zaailand") and be no one's name. Several words need two capitalised ones
    ("Laan van Meerdervoort", "Pieter Baanplein") or a suffix on the last.
    """
    is_common = lexicon.common
    span = _trimmed(text, start, end)
    if span is None:
        return None
    s, e = span
    words = [text[a:b] for a, b in _words(text, s, e)]
    last = words[-1]
    kind_base = _suffix_kind(last)
    if len(words) == 1:
        if kind_base is None:
            return _after_preposition(text, s, e, lexicon)
        if not _proper(text, s, last, is_common) or lexicon.place(last):
            return None  # a town with a suffix ("Amsterdam", "Hoogeveen"): deduce's place find
        return PlaceFind(s, e, *kind_base)
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in STOP_WORDS]
    if len(capitals) < 2 and kind_base is None:
        return None
    if kind_base is None and words[0].lower().rstrip(".") in TITLES:
        return None  # a person ("Mevrouw Bakker": "-akker" ends a street's name too)
    if kind_base is None and lexicon.name(words[0]) and lexicon.name(last):
        return None  # a person's name ("Joost Bakker"): deduce's find of the person stands
    if all(is_common(w.lower()) for w in capitals):
        return None
    return PlaceFind(s, e, *(kind_base or ("street", "STRAAT")))


def _after_preposition(
    text: str, s: int, e: int, lexicon: Lexicon, kind: str = "street", base: str = "STRAAT"
) -> PlaceFind | None:
    """A single word from deduce's street list, or one several streets are named after
    (:func:`area_names`), that follows a preposition: with an article ("op het Zaailand", "in de
    Bijlmer") as a street or neighbourhood, without one ("in Lombok", "uit Zuilen") as a
    neighbourhood. A common word, a person's name or a word of :data:`CONTENT_PLACES`
    ("naar Marokko", "in Augustus") stays; without an article, so does a word deduce judges
    itself (``lexicon.place``: "uit Almere" is deduce's place find, "in Oost" is no street)."""
    word = text[s:e]
    before = text[max(0, s - 20) : s]
    if not _PLACE_PREPOSITION.search(before):
        if not _BARE_PREPOSITION.search(before) or lexicon.place(word) or lexicon.no_street(word):
            return None
        kind, base = "neighbourhood", "WIJK"
    if fold_term(word).lower() in CONTENT_PLACES:
        return None
    if lexicon.common(word.lower()) or lexicon.name(word) or not word[:1].isupper():
        return None
    return PlaceFind(s, e, kind, base)


def _proper(text: str, start: int, word: str, is_common: Callable[[str], bool]) -> bool:
    lowered = word.lower()
    if is_common(lowered) or lowered in GENERIC_SCHOOLS:
        return False
    return not (lowered in GENERIC_PLACES and at_sentence_start(text, start))


_AREA = ("neighbourhood", "WIJK")


def find_places(text: str, lexicon: Lexicon) -> Iterator[PlaceFind]:
    """Street, neighbourhood and school names deduce has no list for; possibly overlapping.

    Cheap first: capitalised words are checked for a suffix with ``str.endswith`` and cue words
    found with ``str.find``; the full patterns only run where those hit.
    """
    is_area = lexicon.area
    for m in _CAPITALISED_RE.finditer(text):
        word = m.group()
        if not word.lower().endswith(_ALL_SUFFIXES):
            if is_area(word):  # "in de Bijlmer"
                area = _after_preposition(text, m.start(), m.end(), lexicon, *_AREA)
                if area is not None:
                    yield area
            continue
        start = m.start()
        before = _PRECEDING_RE.search(text, max(0, start - 80), start)
        span = _trimmed(text, before.start() if before else start, m.end())
        found = street_span(text, *span, lexicon) if span is not None else None
        if found is not None:
            yield found
    yield from _after_cues(text, lexicon.common)


def _after_cues(text: str, is_common: Callable[[str], bool]) -> Iterator[PlaceFind]:
    lowered, seen = text.lower(), set()
    for cue in _CUES:
        at = lowered.find(cue)
        while at >= 0:
            m = _CUE_RE.match(text, at) if at not in seen else None
            seen.add(at)
            at = lowered.find(cue, at + 1)
            span = _trimmed(text, m.start("name"), m.end("name")) if m else None
            if m is None or span is None:
                continue
            if _NAME_ARTICLE.match(m.group("name")):
                span = (m.start("name"), span[1])  # "speeltuin De Leeuw": the article is the name's
            elif all(is_common(w.lower()) for w in text[span[0] : span[1]].split()):
                continue
            base = "WIJK" if m.group("cue").lower() in _AREA_CUES else "PLEK"
            yield PlaceFind(span[0], span[1], "neighbourhood", base)


_SCHOOL_WORDS = re.compile(
    r"(?i:school|college|lyceum|gymnasium|atheneum|campus|mavo|vmbo|havo|vwo|kindcentrum|"
    r"\bikc\b|\bobs\b|\bcbs\b|\brkbs\b|\bsg\b|\bcsg\b|\broc\b)"
)
_CLUB_WORDS = re.compile(
    r"(?i:\b[vshk]v\b|\bfc\b|vereniging|club|dojo|scouting|sportschool|boksschool)"
)
_ARTICLE_RE = re.compile(r"^(?i:de|het|'t)\s+")
# A first word that only says what kind of organisation it is ("HV Zwaluwen" is "Zwaluwen").
_KIND_WORD_RE = re.compile(
    r"^(?:[A-Z]{2,4}|(?i:stichting|gemeente|praktijk|vereniging|jongerenwerk|basisschool|"
    r"school|scholengemeenschap|buurthuis|sportclub|voetbalvereniging))\s+(?=\S{4,})"
)


@lru_cache(maxsize=256)
def name_base(name: str) -> str:
    if _CLUB_WORDS.search(name):
        return "CLUB"
    if _SCHOOL_WORDS.search(name):
        return "SCHOOL"
    return "ORGANISATIE"


def find_names(text: str, names: Iterable[str]) -> list[PlaceFind]:
    """Every mention of the organisation's own names: the whole name in any case, with or
    without its accents ("Het Baken College", "het baken college"); without its article or the
    word for its kind only as written ("Baken College", "Zwaluwen" of "HV Zwaluwen"), so that
    "een baken" stays."""
    cleaned = tuple(sorted({" ".join(n.split()) for n in names if len(n.strip()) >= 3}))
    if not cleaned:
        return []
    whole_re, short_re, owner, lowered_re = _name_patterns(cleaned)
    lowered = text.lower()
    key: Callable[[str], str] = str.lower
    if lowered_re is not None and lowered_folds_plainly(text, lowered):
        wholes, key = word_starts(lowered_re, lowered, "-"), _same
    else:
        wholes = word_starts(whole_re, text, "-")
    finds = []
    for matches, spelling in ((wholes, key), (word_starts(short_re, text, "-"), _same)):
        for m in matches:
            name = owner.get(spelling(m.group()))
            if name is None:  # a case-insensitive match by Unicode's special foldings
                continue
            finds.append(PlaceFind(m.start(), m.end(), "organisation", name_base(name), name))
    return finds


def _same(word: str) -> str:
    return word


# The letters other than ASCII that re's IGNORECASE matches to a letter with another lower
# case ("ſ" to "s", "ς" to "σ"): re._casefix._EXTRA_CASES of Python 3.11, checked by a test.
EXTRA_CASES = (
    "\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
)
_EXTRA_CASE_RE = re.compile(f"[{EXTRA_CASES}]")


def lowered_folds_plainly(text: str, lowered: str) -> bool:
    """Whether an IGNORECASE regex finds in ``text`` what its lower-cased form finds in
    ``lowered`` (``text.lower()``), at the same positions: every character lowered to one
    character (not "İ"), and none that IGNORECASE matches to a letter with another lower case
    (:data:`EXTRA_CASES`; a final "Σ" lowers to "ς"). re's ``\\w`` is the same on a character and
    on its lower case (for every character of Unicode)."""
    return len(lowered) == len(text) and _EXTRA_CASE_RE.search(lowered) is None


@lru_cache(maxsize=64)
def _name_patterns(
    names: tuple[str, ...],
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str] | None]:
    """One regex for the whole names (any case), one for their short forms (as written), and
    which name each spelling belongs to (the longer name wins a shared short form); then the
    whole names' regex for lower-cased text (None when a name does not lower plainly). The
    left boundary of each regex is :func:`.patterns.word_starts`'s to check."""
    owner: dict[str, str] = {}
    wholes: set[str] = set()
    shorts: set[str] = set()
    for name in sorted(names, key=len):
        for whole in (name, fold_term(name)):
            wholes.add(whole)
            owner[whole.lower()] = name
        bare = _ARTICLE_RE.sub("", name)
        for short in {bare, _KIND_WORD_RE.sub("", bare)} - {name}:
            if len(short) >= 3:
                shorts.add(short)
                owner[short] = name

    def alternation(words: Iterable[str]) -> str:
        listed = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return rf"(?:{listed or '(?!)'})(?![\w\-])"

    joined = " ".join(wholes)
    plain = lowered_folds_plainly(joined, joined.lower())
    lowered_re = re.compile(alternation({w.lower() for w in wholes})) if plain else None
    return (
        re.compile(alternation(wholes), re.IGNORECASE),
        re.compile(alternation(shorts)),
        owner,
        lowered_re,
    )
