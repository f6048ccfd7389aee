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
_MONTH = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)


@dataclass(frozen=True)
class _Shape:
    """One shape of layer 3: its regex, the words one of which a match must contain (none:
    no such test), and whether the regex's left word boundary is checked by hand
    (:func:`word_starts`) instead of by a leading look-behind."""

    kind: str
    base: str
    regex: re.Pattern[str]
    needles: tuple[str, ...] = ()
    starts_word: bool = False
    group: str | int = 0
    leads: re.Pattern[str] | None = None  # where a match can begin, in case-folded text


_SHAPES = (
    _Shape(
        "class",
        "KLAS",
        re.compile(
            r"(?<![\w])(?i:klas|groep|leerjaar|mentorklas|stamgroep)\s+\d{1,2}"
            r"(?:\s?[A-Za-z]{1,2}\d?)?(?:\s?-?\s?(?i:" + _LEVEL + r")(?:[\s\-]?[A-Za-z]\d?)?)?"
            r"(?![\w])"
        ),
        needles=("klas", "groep", "leerjaar"),
        leads=re.compile("klas|groep|leerjaar|mentorklas|stamgroep"),
    ),
    _Shape(
        "class",
        "KLAS",
        re.compile(r"\d\s?-?\s?(?i:" + _LEVEL + r")(?:[\s\-]?(?:[A-Za-z]\d?|\d))?(?![\w])"),
        starts_word=True,
    ),
    _Shape(
        "class",
        "KLAS",
        re.compile(r"(?<![\w])(?i:havo|vwo|vmbo|mavo)[\s\-]?\d(?:[\s\-]?[A-Za-z])?(?![\w])"),
        needles=("havo", "vwo", "vmbo", "mavo"),
        leads=re.compile("havo|vwo|vmbo|mavo"),
    ),
    _Shape(
        "class",
        "KLAS",
        re.compile(r"(?:in|uit|van|naar)\s(?P<code>\d[A-Z]\d?)(?![\w])"),
        starts_word=True,
        group="code",
    ),
    _Shape(
        "account",
        "ACCOUNT",
        re.compile(r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"),
        needles=("@",),
    ),
    _Shape(
        "postcode",
        "POSTCODE",
        re.compile(r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w])"),
        starts_word=True,
    ),
    # "3 november", "3 nov." and "3 november 2025": deduce wants a year, a date without one is
    # still a date the adviser could look up. (The day's forms are in the order of preference
    # of "[12]\d|3[01]|0?[1-9]", each led by a digit, so that re can skip to digits.)
    _Shape(
        "date",
        "DATUM",
        re.compile(
            rf"(?:[12]\d|3[01]|0[1-9]|[1-9])(?:e|de|ste)?\s+(?i:{_MONTH})\.?(?:\s+\d{{4}})?"
            r"(?![\w])"
        ),
        starts_word=True,
    ),
)


def _is_word_char(ch: str) -> bool:
    """What re's \\w matches in a str pattern: a letter, digit or numeral, or "_"."""
    return ch.isalnum() or ch == "_"


def word_starts(regex: re.Pattern[str], text: str, also: str = "") -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` as if the regex began with ``(?<![\\w])`` (with ``also``:
    ``(?<![\\w`` and those characters ``])``).

    The test is done here: a leading look-behind makes re try the whole pattern at every
    position, while a pattern that begins with a character or class lets it skip ahead to
    where one stands (3-4 times faster). After a match that follows a word character the
    search goes on one position further, so the matches are the ones the look-behind gives.
    """
    position = 0
    while (m := regex.search(text, position)) is not None:
        start = m.start()
        if start and (_is_word_char(text[start - 1]) or text[start - 1] in also):
            position = start + 1
            continue
        yield m
        position = m.end() if m.end() > start else start + 1


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
# The words for a kind of school, club or place of worship, as written ("Kerk", "Lyceum").
KEYWORDS = frozenset(
    word.replace("\\", "") for _, words in _KEYWORD_KIND for word in words.split("|")
)

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


def _keyword_res() -> list[tuple[str, tuple[str, ...], tuple[re.Pattern[str], ...]]]:
    """Per kind: the keywords in lower case (:func:`literal_starts` finds them), and the
    patterns to try around each hit."""
    compiled = []
    for kind, words in _KEYWORD_KIND:
        keyword = rf"(?:{words}|(?i:{words.lower()}))"
        names = rf"{_NAME_WORD}(?:\s+(?:{_INTERFIX}\s+){{0,2}}{_NAME_WORD}){{0,2}}"
        after = rf"(?<![\w])(?P<kw>{keyword})\s+(?:{_ARTICLE}\s+)?{names}"
        before = rf"(?<![\w])(?:{_NAME_WORD}\s+){{1,3}}(?P<kw>{keyword})(?![\w])"
        compound = rf"(?<![\w])[A-Z][a-z]{{2,}}(?P<kw>(?i:{words.lower()}))(?![\w])"
        patterns = tuple(re.compile(p) for p in (after, before, compound))
        hints = tuple(word.replace("\\", "") for word in words.lower().split("|"))
        compiled.append((kind, hints, patterns))
    return compiled


def literal_starts(words: tuple[str, ...], text: str) -> list[int]:
    """Where ``re.compile("|".join(map(re.escape, words))).finditer(text)`` finds a match.

    ``str.find`` per word is several times faster than re's scan for an alternation of
    words; at each position the first word in ``words`` that stands there wins, as in the
    alternation, and the next match begins at or after the end of the last one."""
    first: dict[int, int] = {}
    for index, word in enumerate(words):
        at = text.find(word)
        while at >= 0:
            first.setdefault(at, index)
            at = text.find(word, at + 1)
    starts, end = [], 0
    for at in sorted(first):
        if at >= end:
            starts.append(at)
            end = at + len(words[first[at]])
    return starts


_WINDOW = 120
_KEYWORD_RES = _keyword_res()
_GENERIC_COMPOUNDS = frozenset(
    "basisschool middelbareschool hogeschool sportschool brugklascollege moskee kerk "
    "huiskerk buurtkerk dorpskerk stadskerk sportclub jeugdclub voetbalclub".split()
)


# The non-ASCII letters that re's IGNORECASE reads as ASCII ones (as i, i, s, k).
IGNORECASE_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def has_ignorecase_ascii(text: str) -> bool:
    """Whether ``text`` holds one of :data:`IGNORECASE_ASCII` (four substring searches: far
    faster than walking the text's characters)."""
    return any(letter in text for letter in IGNORECASE_ASCII)


def led_matches(
    regex: re.Pattern[str], leads: re.Pattern[str], text: str, folded: str
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a case-insensitive regex whose matches begin with a word
    that ``leads`` (lower case, letters only) finds in ``folded``, ``text.casefold()``.

    A case-sensitive scan of the folded text for those words is several times faster than an
    IGNORECASE scan with a look-behind; the regex itself then runs only where one begins.
    When folding changed the text's length, or the text holds a letter that IGNORECASE
    reads as an ASCII one, the positions could differ: then the regex scans the text itself.
    """
    if len(folded) != len(text) or has_ignorecase_ascii(text):
        yield from regex.finditer(text)
        return
    end = 0
    for lead in leads.finditer(folded):
        if lead.start() >= end and (m := regex.match(text, lead.start())) is not None:
            yield m
            end = m.end()


def find_patterns(text: str) -> list[PatternFind]:
    """All layer-3 finds, possibly overlapping; the caller resolves overlaps."""
    folded = text.casefold()  # only to see whether a shape's words occur at all
    finds: list[PatternFind] = []
    for shape in _SHAPES[:-1]:
        finds.extend(_shape_finds(shape, text, folded))
    finds.extend(_institutions(text))
    finds.extend(_shape_finds(_SHAPES[-1], text, folded))
    return finds


def _shape_finds(shape: _Shape, text: str, folded: str) -> Iterator[PatternFind]:
    if shape.needles and not any(needle in folded for needle in shape.needles):
        return
    if shape.starts_word:
        matches = word_starts(shape.regex, text)
    elif shape.leads is not None:
        matches = led_matches(shape.regex, shape.leads, text, folded)
    else:
        matches = shape.regex.finditer(text)
    for m in matches:
        yield PatternFind(m.start(shape.group), m.end(shape.group), shape.kind, shape.base)


def _institutions(text: str) -> Iterator[PatternFind]:
    lowered = text.lower()
    for kind, hints, patterns in _KEYWORD_RES:
        for at in literal_starts(hints, lowered):
            for m in _around(text, at, patterns):
                span = _proper_span(text, m.start(), m.end(), m.start("kw"), m.end("kw"))
                if span is not None:
                    yield PatternFind(span[0], span[1], kind, _base(kind, m.group("kw")))


def _around(text: str, at: int, patterns: tuple[re.Pattern[str], ...]) -> Iterator[re.Match[str]]:
    """Anchored tries of the after/before/compound patterns for a keyword found at ``at``.

    Only the tries that can put the keyword at ``at`` run: inside a word ("Sportschool") the
    compound pattern from the word's start; at a word's start the after pattern from there
    and the before pattern from up to three earlier word starts. (The after pattern's keyword
    begins where it does, the compound's follows three letters of its own word, the before's
    follows a space.) Same matches, in the same order, as trying all three from every start.
    """
    after, before, compound = patterns
    word_start = at
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "'-"):
        word_start -= 1
    if word_start != at:
        tries = [(compound, word_start)]
    else:
        earlier = [m.start() for m in _WORD_START.finditer(text, max(0, at - 80), at)][-3:]
        tries = [(after, at)] + [(before, start) for start in earlier]
    for regex, start in tries:
        m = regex.match(text, start)
        if m and m.start("kw") == at:
            yield m


_WORD_START = re.compile(r"(?<![\w'\-])\w")
_NON_SPACE = re.compile(r"\S+")


def _proper_span(
    text: str, start: int, end: int, kw_start: int, kw_end: int
) -> tuple[int, int] | None:
    """Drop stop words at either edge; None unless a proper name stays next to the keyword."""
    keep = list(_NON_SPACE.finditer(text, start, end))  # positions in the whole text
    while keep and _is_stop(keep[0].group(), keep[0].start(), kw_start):
        keep.pop(0)
    while keep and _is_stop(keep[-1].group(), keep[-1].start(), kw_start):
        keep.pop()
    if not keep:
        return None
    s, e = keep[0].start(), keep[-1].end()
    whole = text[s:e]
    if (s, e) == (kw_start, kw_end) or whole.lower() in _GENERIC_COMPOUNDS:
        return None
    if not any(
        w.group()[:1].isupper() and not _is_keyword_word(w, 0, kw_start, kw_end) for w in keep
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
    r"(?:Veilig Thuis|Raad voor de Kinderbescherming|Zorg- en Veiligheidshuis|"
    r"Veiligheidshuis|Jeugdbescherming|Bureau Jeugdzorg|Jeugdzorg|Leerplicht|Wijkteam|"
    r"Sociaal Wijkteam|Politie|GGD|GGZ|Platform JEP|JEP|Exitfaciliteit|NCTV|AIVD|"
    r"Koran|Bijbel|Thora|Islam|Allah|Ramadan|Suikerfeest|Offerfeest|IS|ISIS|Daesh|"
    r"Hemel|Hel|Paradijs|Hiernamaals|Jannah|"
    r"YouTube|TikTok|Instagram|Snapchat|Telegram|WhatsApp|Discord|Facebook)(?![\w])"
)


# A language as a school subject or as a language ("de les Engels", "docent Frans", "in het
# Duits"): deduce takes Engels, Frans and Duits for names (the recipient walk: "s1: naam van
# iemand anders 'Engels'" blocked step 6). Only after a word that makes it a subject or a
# language, and not when a name follows ("docent Frans de Groot" is a person).
_SUBJECT_RE = re.compile(
    r"(?i:les|lessen|vak|docent|docente|leraar|lerares|toets|proefwerk|examen|in het)"
    r"\s+(Engels|Frans|Duits|Spaans|Italiaans|Portugees|Nederlands|Fries|Arabisch|Turks|"
    r"Pools|Russisch|Chinees|Latijn|Grieks|Berbers|Somalisch|Papiaments)(?![\w])"
    r"(?!\s+(?:(?:van|de|der|den|ter|te|el|al)\s+)*[A-ZÀ-Þ])"
)


def find_keep(text: str) -> list[tuple[int, int]]:
    """Spans that must survive every layer but the case's own identifiers."""
    kept = [(m.start(), m.end()) for m in word_starts(_KEEP_RE, text)]
    subjects = [(m.start(1), m.end(1)) for m in word_starts(_SUBJECT_RE, text)]
    return sorted(kept + subjects)
