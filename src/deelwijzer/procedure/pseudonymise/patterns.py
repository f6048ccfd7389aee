"""Layer 3: identifiers deduce misses, found by their usual shape.

Class names ("klas 3B", "3 havo-b", "groep 8", "4vwo"), social-media handles ("@yusuf_b"),
Dutch postcodes ("1234 AB"), and names of schools, clubs and places of worship recognised by
their usual words with a proper name next to them ("Het Baken College", "Basisschool De
Regenboog", "VV Oranje", "Moskee Al-Fath"). The usual word on its own ("de moskee", "op
school", "bij de club") is a common noun that the adviser needs, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class PatternFind:
    start: int
    end: int
    kind: str  # class | account | postcode | school | club | religious
    base: str  # placeholder base: KLAS, ACCOUNT, POSTCODE, SCHOOL, CLUB, MOSKEE, …


_LEVEL = r"(?:havo|vwo|vmbo|mavo|atheneum|gymnasium|gym|tl|kader|basis|bb|kb|gl|mbo|pro)"
_CLASS_RES = (
    re.compile(
        r"(?<![\w])(?i:klas|groep|leerjaar|mentorklas|stamgroep)\s+\d{1,2}(?:\s?[A-Za-z]{1,2}\d?)?"
        r"(?:\s?-?\s?(?i:" + _LEVEL + r")(?:[\s\-]?[A-Za-z]\d?)?)?(?![\w])"
    ),
    re.compile(r"(?<![\w])\d\s?-?\s?(?i:" + _LEVEL + r")(?:[\s\-]?(?:[A-Za-z]\d?|\d))?(?![\w])"),
    re.compile(r"(?<![\w])(?i:havo|vwo|vmbo|mavo)[\s\-]?\d(?:[\s\-]?[A-Za-z])?(?![\w])"),
    re.compile(r"\b(?:in|uit|van|naar)\s(?P<code>\d[A-Z]\d?)(?![\w])"),
)
_HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
_MONTH = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
# "3 november", "3 nov." and "3 november 2025": deduce wants a year, a date without one is
# still a date the adviser could look up.
_DAY_MONTH_RE = re.compile(
    rf"(?<![\w])(?:[12]\d|3[01]|0?[1-9])(?:e|de|ste)?\s+(?i:{_MONTH})\.?(?:\s+\d{{4}})?(?![\w])"
)
_POSTCODE_RE = re.compile(r"(?<![\w])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])")

_SCHOOL = (
    r"Basisschool|Scholengemeenschap|College|Lyceum|Gymnasium|Atheneum|Campus|Mavo|Vmbo|"
    r"Montessorischool|Daltonschool|Vrije School|Kindcentrum|IKC|OBS|CBS|RKBS|SG|CSG|ROC"
)
_CLUB = (
    r"VV|V\.V\.|SV|S\.V\.|FC|Voetbalvereniging|Sportvereniging|Sportclub|Sportschool|"
    r"Hockeyclub|Hockeyvereniging|Zwemvereniging|Korfbalvereniging|Tennisvereniging|"
    r"Kickboksschool|Boksschool|Vechtsportschool|Judoschool|Dojo|Scouting|Jeugdhonk|Buurthuis|"
    r"HV|Handbalvereniging|Schietvereniging|Volleybalvereniging|Basketbalvereniging|"
    r"Atletiekvereniging|Turnvereniging|Schaakvereniging|Schaakclub|Dansschool|Harmonie|Fanfare"
)
_RELIGIOUS = r"Moskee|Kerk|Synagoge|Tempel|Gebedshuis|Gurdwara|Mandir"
_KEYWORD_KIND = (("school", _SCHOOL), ("club", _CLUB), ("religious", _RELIGIOUS))

# Capitalised words that begin a sentence or join clauses: never part of a proper name.
STOP_WORDS = frozenset(
    "de het een op in naar van bij met voor na over uit door om te tot en of maar ook dan "
    "dat die dit deze zijn haar hij zij ze ik we wij jij je u hun hen men er hier daar toen "
    "als sinds vandaag gisteren morgen vanochtend vanmiddag vanavond nu nog al wel niet geen "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag volgens tijdens via "
    "school college lyceum gymnasium moskee kerk club vereniging".split()
)
_NAME_WORD = r"(?:[A-Z][\w'\u2019]*(?:-[A-Z]?[\w']+)*|'t|al-\w+|el-\w+)"
_INTERFIX = r"(?:van|de|der|den|ter|ten)"
_ARTICLE = r"(?:[Dd]e|[Hh]et|'t|[Aa]l|[Ee]l|[Aa]n|[Ss]t\.)"


def _keyword_res() -> list[tuple[str, re.Pattern[str], tuple[re.Pattern[str], ...]]]:
    """Per kind: a cheap regex for the keyword, and the patterns to try around each hit."""
    compiled = []
    for kind, words in _KEYWORD_KIND:
        keyword = rf"(?:{words}|(?i:{words.lower()}))"
        names = rf"{_NAME_WORD}(?:\s+(?:{_INTERFIX}\s+){{0,2}}{_NAME_WORD}){{0,2}}"
        after = rf"(?<![\w])(?P<kw>{keyword})\s+(?:{_ARTICLE}\s+)?{names}"
        before = rf"(?<![\w])(?:{_NAME_WORD}\s+){{1,3}}(?P<kw>{keyword})(?![\w])"
        compound = rf"(?<![\w])[A-Z][a-z]{{2,}}(?P<kw>(?i:{words.lower()}))(?![\w])"
        patterns = tuple(re.compile(p) for p in (after, before, compound))
        compiled.append((kind, re.compile(words.lower()), patterns))
    return compiled


_WINDOW = 120
_KEYWORD_RES = _keyword_res()
_GENERIC_COMPOUNDS = frozenset(
    "basisschool middelbareschool hogeschool sportschool brugklascollege moskee kerk "
    "huiskerk buurtkerk dorpskerk stadskerk sportclub jeugdclub voetbalclub".split()
)


def find_patterns(text: str) -> list[PatternFind]:
    """All layer-3 finds, possibly overlapping; the caller resolves overlaps."""
    finds: list[PatternFind] = []
    for regex in _CLASS_RES:
        for m in regex.finditer(text):
            group = "code" if "code" in regex.groupindex else 0
            finds.append(PatternFind(m.start(group), m.end(group), "class", "KLAS"))
    finds.extend(
        PatternFind(m.start(), m.end(), "account", "ACCOUNT") for m in _HANDLE_RE.finditer(text)
    )
    finds.extend(
        PatternFind(m.start(), m.end(), "postcode", "POSTCODE") for m in _POSTCODE_RE.finditer(text)
    )
    finds.extend(_institutions(text))
    finds.extend(
        PatternFind(m.start(), m.end(), "date", "DATUM") for m in _DAY_MONTH_RE.finditer(text)
    )
    return finds


def _institutions(text: str) -> Iterator[PatternFind]:
    lowered = text.lower()
    for kind, hint, patterns in _KEYWORD_RES:
        for hit in hint.finditer(lowered):
            for m in _around(text, hit.start(), patterns):
                span = _proper_span(text, m.start(), m.end(), m.start("kw"), m.end("kw"))
                if span is not None:
                    yield PatternFind(span[0], span[1], kind, _base(kind, m.group("kw")))


def _around(text: str, at: int, patterns: tuple[re.Pattern[str], ...]) -> Iterator[re.Match[str]]:
    """Anchored tries of the after/before/compound patterns for a keyword found at ``at``."""
    after, before, compound = patterns
    word_start = at
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "'-"):
        word_start -= 1
    starts = [at] if word_start == at else [word_start]
    if word_start == at:
        starts += [m.start() for m in _WORD_START.finditer(text, max(0, at - 80), at)][-3:]
    for regex in (after, compound, before):
        for start in starts:
            m = regex.match(text, start)
            if m and m.start("kw") == at:
                yield m


_WORD_START = re.compile(r"(?<![\w'\-])\w")


def _proper_span(
    text: str, start: int, end: int, kw_start: int, kw_end: int
) -> tuple[int, int] | None:
    """Drop stop words at either edge; None unless a proper name stays next to the keyword."""
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = list(words)
    while keep and _is_stop(keep[0].group(), start + keep[0].start(), kw_start):
        keep.pop(0)
    while keep and _is_stop(keep[-1].group(), start + keep[-1].start(), kw_start):
        keep.pop()
    if not keep:
        return None
    s, e = start + keep[0].start(), start + keep[-1].end()
    whole = text[s:e]
    if (s, e) == (kw_start, kw_end) or whole.lower() in _GENERIC_COMPOUNDS:
        return None
    if not any(
        w.group()[:1].isupper() and not _is_keyword_word(w, start, kw_start, kw_end) for w in keep
    ):
        return None
    return s, e


def _is_stop(word: str, position: int, kw_start: int) -> bool:
    return position != kw_start and word.lower().strip(".,;:") in STOP_WORDS


def _is_keyword_word(word: re.Match[str], offset: int, kw_start: int, kw_end: int) -> bool:
    return kw_start <= offset + word.start() < kw_end


def _base(kind: str, keyword: str) -> str:
    if kind == "school":
        return "SCHOOL"
    if kind == "club":
        return "CLUB"
    word = keyword.lower()
    return {"moskee": "MOSKEE", "kerk": "KERK", "synagoge": "SYNAGOGE", "tempel": "TEMPEL"}.get(
        word, "GEBEDSHUIS"
    )


# Names of services in the youth and safety domain and content words of signals: they do not
# identify the youth and the adviser needs them, so no layer may replace them ("Veilig Thuis"
# is not "Petra Smit van Veilig" + "Thuis").
_KEEP_RE = re.compile(
    r"(?<![\w])(?:Veilig Thuis|Raad voor de Kinderbescherming|Zorg- en Veiligheidshuis|"
    r"Veiligheidshuis|Jeugdbescherming|Bureau Jeugdzorg|Jeugdzorg|Leerplicht|Wijkteam|"
    r"Sociaal Wijkteam|Politie|GGD|GGZ|Platform JEP|JEP|Exitfaciliteit|NCTV|AIVD|"
    r"Koran|Bijbel|Thora|Islam|Allah|Ramadan|Suikerfeest|Offerfeest|IS|ISIS|Daesh|"
    r"YouTube|TikTok|Instagram|Snapchat|Telegram|WhatsApp|Discord|Facebook)(?![\w])"
)


def find_keep(text: str) -> list[tuple[int, int]]:
    """Spans that must survive every layer but the case's own identifiers."""
    return [(m.start(), m.end()) for m in _KEEP_RE.finditer(text)]
