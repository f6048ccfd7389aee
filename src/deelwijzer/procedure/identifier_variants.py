"""Spelling variants of a case's known identifiers, as regular expressions.

Used by :mod:`deelwijzer.procedure.identifiers`. Every pattern here is applied to text that
was *folded* first (diacritics removed, curly quotes made straight, case kept), so a pattern
never needs to spell out "ë" next to "e". Case-insensitivity is part of each pattern (inline
``(?i:…)``) because some variants must be capitalised to count (the bare core of a
multi-part surname: "Berg" is a name, "berg" is a hill).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Interfixes (tussenvoegsels) and Arabic/Romance particles that belong to a surname.
INTERFIXES = frozenset(
    "van de der den het ter ten te in 't t op aan bij uit la le du da di del della des "
    "el al von zu vd v.d. d'".split()
)
MONTHS = (
    ("januari", "jan"),
    ("februari", "feb", "febr"),
    ("maart", "mrt", "mar", "maa"),
    ("april", "apr"),
    ("mei",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("augustus", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
# Between the words of an identifier: spaces or hyphens, one punctuation mark, or nothing at
# all ("klas3B", "Sami_Jansen", "Sami.Jansen" are "klas 3B" and "Sami Jansen" written to slip
# past the check). Punctuation followed by a space is a sentence going on ("Hafida. Ouchan").
_SEP = r"[\s\-]*[_.,:;/+*]?"
BEFORE = r"(?<![\w@])"
AFTER = r"(?![\w])"
# A possessive or genitive may follow a name: "Yusufs", "Yusuf's", "Thomas'".
AFTER_NAME = r"(?=(?:'?s)?(?!\w)|'(?!\w))"


def fold_term(term: str) -> str:
    """Remove diacritics, invisible format characters and look-alike letters; normalise quotes.

    Case and spacing are kept. Compatibility forms are decomposed (NFKD: "ﬁ", "Ｓ", "𝐒"), the
    marks dropped, format characters (zero-width space, bidi controls) removed, and every
    character that Unicode's confusables table gives as a look-alike of one Latin letter or
    digit replaced by it (Cyrillic "Ѕ" and "о", Greek "ο").
    """
    if term.isascii():
        return term.replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", term)
    plain = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    plain = plain.translate(latin_lookalikes())
    return plain.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


@lru_cache(maxsize=1)
def latin_lookalikes() -> dict[int, str]:
    """Each non-ASCII character that Unicode's confusables data (UTS #39, through the
    confusable-homoglyphs package) lists as a look-alike of exactly one ASCII letter or digit,
    mapped to it. Loaded once, on the first text that is not plain ASCII."""
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        latin = {h["c"] for h in homoglyphs if len(h["c"]) == 1 and h["c"].isascii()}
        latin = {c for c in latin if c.isalnum()}
        if len(latin) == 1:
            table[ord(char)] = latin.pop()
    return table


def loose(term: str) -> str:
    """Regex for a term: case-insensitive, any run of spaces or hyphens between its words."""
    words = [w for w in re.split(r"[\s\-]+", fold_term(term).strip()) if w]
    return "(?i:" + _SEP.join(re.escape(w) for w in words) + ")"


# Between the letters of a name spelled out to slip past the check: "N o o r", "N.o.o.r",
# "N-o-o-r", "N_o_o_r" (at least one such mark between every two letters).
SPELLED_SEP = r"[\s.\-_*/]{1,3}"
SPELLED_MIN = 3  # "J a n" and longer: two letters apart are too often a list ("a b")
# Three single letters in a row with such marks between: only a text that has one can hold a
# spelled-out name (the patterns for them have no literal to search for first: this spares
# every other text their cost).
_LETTER = r"[^\W_]"
SPELLED_RUN = re.compile(
    rf"(?<!{_LETTER}){_LETTER}{SPELLED_SEP}{_LETTER}{SPELLED_SEP}{_LETTER}(?!{_LETTER})"
)


def spelled_out(term: str) -> str | None:
    """Regex for a term spelled out letter by letter with marks between them (see
    ``SPELLED_SEP``), not followed by one more spelled letter ("Y u s u f z a i" is another
    name); None for a term with fewer than ``SPELLED_MIN`` letters."""
    letters = [c for c in fold_term(term) if c.isalnum()]
    if len(letters) < SPELLED_MIN:
        return None
    spelled = "(?i:" + SPELLED_SEP.join(re.escape(c) for c in letters) + ")"
    return spelled + rf"(?!{SPELLED_SEP}\w(?!\w))"  # not the start of a longer spelled word


def capitalised(word: str) -> str:
    """Regex for a word that only counts when it starts with a capital ("Berg", not "berg")."""
    word = fold_term(word)
    first, rest = word[0], word[1:]
    return re.escape(first.upper()) + "(?i:" + re.escape(rest) + ")"


@dataclass(frozen=True)
class NameParts:
    """A person's name split into given names and surname (with and without interfix)."""

    full: str
    given: tuple[str, ...]
    surname: str
    cores: tuple[str, ...]  # surname without interfixes, split on hyphens: ("Berg",)


_TITLES = frozenset("dr dr. mr mr. drs drs. ir ir. prof prof. ing ing.".split())


def split_name(name: str) -> NameParts | None:
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].lower() in _TITLES:
        tokens = tokens[1:]
    name = " ".join(tokens)
    if not tokens:
        return None
    if len(tokens) == 1:
        return NameParts(name, (tokens[0],), "", ())
    start = len(tokens) - 1
    for i in range(1, len(tokens)):
        if tokens[i].lower() in INTERFIXES:
            start = i
            break
    surname_tokens = tokens[start:]
    pieces = re.split(r"[\s\-]+", " ".join(surname_tokens))
    cores = tuple(p for p in pieces if p and p.lower() not in INTERFIXES and len(p) >= 2)
    return NameParts(name, tuple(tokens[:start]), " ".join(surname_tokens), cores)


def initials_with_surname(parts: NameParts, own: bool) -> str | None:
    """ "Y. Bakker", "Y.F. van den Berg", "Y Bakker": capital initials, then the surname.

    With ``own`` the first initial must be this person's; without, any capital will do.
    """
    if not parts.surname:
        return None
    first = re.escape(fold_term(parts.given[0])[0].upper()) if own and parts.given else "[A-Z]"
    surname = loose(parts.surname)
    return rf"{first}\.(?:\s*[A-Z]\.){{0,3}}\s*{surname}|{first}\s{surname}"


def bare_initials(parts: NameParts) -> str | None:
    """ "Y.B.", "Y. B.", "Y.v.d.B." and "YB" (the last only in capitals)."""
    if not parts.given or not parts.cores:
        return None
    first = re.escape(fold_term(parts.given[0])[0].upper())
    last = re.escape(fold_term(parts.cores[0])[0].upper())
    dotted = first + r"\.\s?(?:[a-z]{1,3}\.\s?){0,3}" + last + r"\."
    return dotted + "|" + first + last + r"(?![\w.])"


def birth_date_patterns(day: dt.date) -> list[tuple[str, str]]:
    """Regexes for a birth date in the usual Dutch spellings, with a label for each."""
    d = rf"0?{day.day}"
    m = rf"0?{day.month}"
    yy = f"{day.year % 100:02d}"
    year = rf"(?:{day.year}|'{yy}|{yy})"
    full, *short = MONTHS[day.month - 1]
    month_names = "|".join([full] + [rf"{a}\.?" for a in sorted(short, key=len, reverse=True)])
    named_day = rf"{d}(?:e|de|ste)?\s*(?i:{month_names})"
    sep = r"\s*[\-/.]\s*"
    return [
        (rf"{d}{sep}{m}{sep}{year}", "geboortedatum"),
        (rf"{day.year}{sep}{m}{sep}{d}", "geboortedatum"),
        (rf"{day.day:02d}{day.month:02d}(?:{day.year}|{yy})", "geboortedatum"),
        (rf"{day.year}{day.month:02d}{day.day:02d}", "geboortedatum"),
        (rf"{named_day}\s*,?\s*{year}", "geboortedatum"),
        (named_day, "geboortedag (dag en maand)"),
    ]


# --- classifying the strings listed in youth.identifiers --------------------------------

_SCHOOL_WORDS = (
    r"school|basisschool|college|lyceum|gymnasium|scholengemeenschap|atheneum|campus|"
    r"academie|roc|mbo|vmbo|praktijkonderwijs|sg|csg|obs|cbs|kindcentrum|ikc"
)
_CLUB_WORDS = (
    r"vv|v\.v\.|sv|s\.v\.|fc|voetbalvereniging|vereniging|sportclub|club|hockeyclub|"
    r"sportschool|dojo|boksschool|scouting|jeugdhonk|buurthuis|honk|kickboks\w*|judo\w*"
)
_RELIGIOUS_WORDS = r"moskee|kerk|synagoge|tempel|gebedshuis|gurdwara|mandir|stichting"
_STREET_SUFFIX = (
    r"straat|laan|weg|plein|gracht|kade|dijk|singel|hof|park|dreef|steeg|pad|markt|ring|"
    r"baan|veld|erf|wal|burgwal|plantsoen|straatweg|boulevard|allee|hoeve|oord|zijde"
)
_KIND_TESTS: tuple[tuple[str, str], ...] = (
    ("email", r"^[\w.+\-]+@[\w\-]+\.[\w.\-]+$"),
    (
        "url",
        r"^(?:https?://|www\.)|^[\w\-]+(?:\.[\w\-]+)*\.(?:com|nl|org|net|be|eu|io|tv|gg|me)(?:/\S*)?$",
    ),
    ("postcode", r"^\d{4}\s?[A-Za-z]{2}$"),
    ("phone", r"^[+\d][\d\s\-()]{8,}$"),
    ("club", r"(?:sport|boks|vechtsport|judo|dans|zwem|turn|karate)school\b"),
    ("class", r"^(?:klas|groep|leerjaar|mentorklas)\b|^\d\s?[A-Za-z]{1,2}\d?$"),
    ("class", r"^\d\s?-?(?:havo|vwo|vmbo|mavo|atheneum|gymnasium|tl|kader|bb|kb|gl)\b"),
    ("school", rf"\b(?:{_SCHOOL_WORDS})\b|\w(?:school|college|lyceum)\b"),
    ("religious", rf"\b(?:{_RELIGIOUS_WORDS})\b|\wkerk\b"),
    ("club", rf"(?:^|\s)(?:{_CLUB_WORDS})(?:\s|$)|\w(?:club|vereniging)\b"),
    ("address", rf"\w(?:{_STREET_SUFFIX})\b|^[A-Za-z][\w'.\- ]*\s\d+\s?[A-Za-z]?$"),
)
PLACEHOLDER_BASE = {
    "email": "EMAIL",
    "account": "ACCOUNT",
    "url": "URL",
    "postcode": "POSTCODE",
    "phone": "TELEFOON",
    "class": "KLAS",
    "school": "SCHOOL",
    "religious": "GEBEDSHUIS",
    "club": "CLUB",
    "address": "ADRES",
    "person": "NAAM",
    "identifier": "KENMERK",
}
KIND_LABEL = {
    "email": "e-mailadres",
    "account": "account op sociale media",
    "url": "internetadres",
    "postcode": "postcode",
    "phone": "telefoonnummer",
    "class": "klas",
    "school": "school",
    "religious": "gebedshuis",
    "club": "club of vereniging",
    "address": "adres",
    "person": "naam",
    "identifier": "kenmerk",
}
GENERIC_WORDS = frozenset(
    "het de een school basisschool college lyceum gymnasium scholengemeenschap atheneum "
    "campus academie roc mbo vmbo vv sv fc voetbalvereniging voetbalclub vereniging sportclub "
    "club moskee kerk synagoge tempel stichting en van voor".split()
)


def placeholder_base(kind: str, identifier: str) -> str:
    """The placeholder's base word; a place of worship keeps its kind ("MOSKEE", "KERK")."""
    if kind == "religious":
        found = re.search(r"moskee|synagoge|tempel|kerk", fold_term(identifier), re.IGNORECASE)
        return found.group().upper() if found else "GEBEDSHUIS"
    return PLACEHOLDER_BASE[kind]


# Platforms named beside a handle in a listed line ("semdb_08 op Instagram", "TikTok: semdb_08").
_PLATFORMS = frozenset(
    "instagram insta tiktok snapchat twitter facebook discord telegram youtube twitch reddit "
    "whatsapp bluesky roblox".split()
)  # not "X", "Kick" or "Signal": ordinary words in a club's or street's name
# Words that may stand beside the platform and the handle in such a line.
_HANDLE_FILLER = frozenset(
    "op via bij als is heet x account accountnaam gebruikersnaam naam handle profiel kanaal".split()
)
_HANDLE_MIN = 4  # a bare handle (without "@") shorter than this is too likely an ordinary word


def account_handles(identifier: str) -> list[str]:
    """The handles in a listed line, without "@": the words that start with "@" ("@semdb_08 op
    Instagram", "Instagram: @semdb_08"), else the one word beside a platform's name ("semdb_08
    op Instagram", "TikTok: semdb_08"). A handle on its own identifies the youth as well as the
    whole line does, so each is looked for by itself."""
    text = fold_term(identifier)
    handles = re.findall(r"(?<![\w@.])@(\w(?:[\w.]*\w)?)", text)
    if handles:
        return handles
    words = [w for w in re.split(r"[\s:,;()/]+|\s-\s", text) if w]
    if not any(w.lower() in _PLATFORMS for w in words):
        return []
    rest = [w for w in words if w.lower() not in _PLATFORMS | _HANDLE_FILLER]
    if len(rest) == 1 and len(rest[0]) >= _HANDLE_MIN and re.fullmatch(r"\w[\w.]*\w", rest[0]):
        return rest
    return []


def classify(identifier: str) -> str:
    """The kind of a listed identifier: address, school, class, club, account, … or 'identifier'."""
    text = fold_term(identifier).strip()
    for kind, test in _KIND_TESTS:
        if re.search(test, text, re.IGNORECASE):
            return kind
        if kind == "url" and account_handles(text):  # an e-mail or web address is no handle
            return "account"
    if looks_like_person(text):
        return "person"
    return "identifier"


def looks_like_person(text: str) -> bool:
    """Two to four words, capitalised or interfixes, letters only: "Ahmed Bakker"."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not words[0][:1].isupper():
        return False
    return all(
        re.fullmatch(r"[A-Za-z'\-]+", w) and (w[0].isupper() or w.lower() in INTERFIXES)
        for w in words
    )


def identifier_variants(identifier: str, kind: str) -> list[str]:
    """Regexes for a listed identifier and the shorter forms that still identify."""
    text = fold_term(identifier).strip()
    variants = [loose(text)]
    if kind == "account":
        variants.append(loose(text.lstrip("@")))
    if kind in ("account", "url"):  # "youtube.com/@finngroot" names "@finngroot" too
        for handle in account_handles(text):
            variants.append(loose("@" + handle))
            if len(handle) >= _HANDLE_MIN:
                variants.append(loose(handle))
    elif kind == "class":
        variants.extend(_class_variants(text))
    elif kind == "address":
        variants.extend(_address_variants(text))
    elif kind in ("school", "club", "religious"):
        variants.extend(_institution_variants(text))
    return variants


def _class_variants(text: str) -> list[str]:
    core = re.sub(r"^(?:klas|groep|leerjaar|mentorklas)\s+", "", text, flags=re.IGNORECASE)
    if core == text:
        return []
    pieces = re.findall(r"\d+|[A-Za-z]+", core)
    return ["(?i:" + _SEP.join(re.escape(p) for p in pieces) + ")"]


def _address_variants(text: str) -> list[str]:
    street = re.match(r"^(.*?[A-Za-z])\s+\d", text)
    if not street:
        return []
    number = r"(?:\s+\d+(?:\s?[A-Za-z]\b)?(?:\s?-\s?\d+)?)?"
    return [loose(street.group(1)) + number]


def _institution_variants(text: str) -> list[str]:
    words = text.split()
    variants = []
    for n in range(1, len(words) - 1):  # without the leading article or kind: "VV Lunetten"
        if words[n - 1].lower() not in GENERIC_WORDS:
            break
        variants.append(loose(" ".join(words[n:])))
    cores = [w for w in words if w.lower() not in GENERIC_WORDS and len(w) >= 4]
    variants.extend(capitalised(w) for w in cores if w[:1].isupper())
    return variants
