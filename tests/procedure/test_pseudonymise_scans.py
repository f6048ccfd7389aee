"""The pseudonymiser's faster scans find exactly what the plain regexes find (#24, speed).

:func:`word_starts` replaces a leading ``(?<![\\w])`` look-behind, :func:`led_matches` an
IGNORECASE scan, and the review list reads rare details in lower-cased text; on every text
here they must give the same matches as the regexes they stand in for.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deelwijzer.procedure.pseudonymise import review
from deelwijzer.procedure.pseudonymise.patterns import _SHAPES, led_matches, word_starts

TEXTS = [
    "Hij zit in klas 3B en in Klas 4 havo-b; KLAS 2a, mentorklas 3 en stamgroep 7.",
    "xklas 3, _groep 8, 3havo, 4 VWO, havo-4, vmbo 2b, Mavo3, 12 mavo, a3 havo.",
    "Op 3 november, 12e mrt. 2025 en 31 december; 0 mei, 32 mei, x3 mei, 09 sept. 2024.",
    "Postcode 1234 AB, 1234AB, 01234 AB, 1234 SA, a1234 AB; @yusuf_b en mail@yusuf.nl.",
    # letters that IGNORECASE reads as ASCII ones, and folding that changes the length
    "\u0130mam van de Kla\u017f 3 in de \u212alas 4; stra\u00dfe en gro\u00dfe groep 8.",
    "\u0130MAM, \u0131mam, aanvoerder, KAMPIOENEN, tweeling; Zo\u00eb in groep 8, Havo 4.",
    "Hij (16) zit in 3 vwo. Zijn vader is imam, zijn moeder is directeur van een azc.",
]

_LOOKBEHIND = "(?<![\\w])"


@pytest.mark.parametrize("text", TEXTS)
def test_word_starts_finds_what_a_leading_look_behind_finds(text):
    for shape in (s for s in _SHAPES if s.starts_word):
        plain = re.compile(_LOOKBEHIND + shape.regex.pattern)
        assert [m.span() for m in word_starts(shape.regex, text)] == [
            m.span() for m in plain.finditer(text)
        ]


@pytest.mark.parametrize("text", TEXTS)
def test_led_matches_finds_what_the_ignorecase_scan_finds(text):
    shapes = [s for s in _SHAPES if s.leads is not None]
    assert shapes
    for shape in shapes:
        led = led_matches(shape.regex, shape.leads, text, text.casefold())
        assert [m.span() for m in led] == [m.span() for m in shape.regex.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_rare_details_are_found_as_with_ignorecase(text):
    expected = sorted({m.group().lower() for m in review.RARE_DETAIL_RE.finditer(text)})
    points = review._rare_details(text)
    for word in expected:
        assert f"'{word}'" in points[0]
    assert bool(points) == bool(expected)


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(list(" \t\n.!?:[ab-") + ["Sami", "Oost", "De", "Ab", "Zoë", "Van-Dijk"]),
        max_size=30,
    ).map("".join)
)
def test_capitalised_words_are_those_of_the_look_behind_pattern(text):
    """The review's capitalised words: the fast pattern finds the look-behind pattern's words."""
    from deelwijzer.procedure.pseudonymise.review import _CAPITAL_RE

    slow = re.compile(r"(?<![.!?:\n\[]\s)(?<=[ \t])[A-Z][a-z\u00e0-\u00ff]{2,}(?:-[A-Za-z]+)?\b")
    assert [m.span(1) for m in _CAPITAL_RE.finditer(text)] == [
        m.span() for m in slow.finditer(text)
    ]


_BASE = "Jan woont aan de Dorpsstraat in Zuilen bij Amsterdam."
_ANNOTATION = st.tuples(
    st.integers(0, 2),
    st.integers(0, len(_BASE) - 1),
    st.integers(0, 12),
    st.sampled_from(["persoon", "locatie", "straat", "buurt"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ANNOTATION, max_size=12))
def test_overlaps_are_resolved_as_deduce_resolves_them(annotations):
    """generic.resolve_overlaps keeps the pieces deduce's own overlap resolver keeps."""
    from docdeid import Annotation, AnnotationSet

    from deelwijzer.procedure.deidentify import get_deduce
    from deelwijzer.procedure.pseudonymise.generic import resolve_overlaps

    found = {}
    for priority, start, length, tag in annotations:
        end = min(start + length, len(_BASE))
        found.setdefault((start, end, tag, _BASE[start:end]), priority)
    resolver = get_deduce().processors["post_processing"]["overlap_resolver"]
    theirs = (
        resolver.process_annotations(
            AnnotationSet(
                Annotation(text=t, start_char=s, end_char=e, tag=tag, priority=p)
                for (s, e, tag, t), p in found.items()
            ),
            _BASE,
        )
        if found
        else AnnotationSet()
    )
    ours = resolve_overlaps([(p, s, e, tag, t) for (s, e, tag, t), p in found.items()])
    assert len(ours) == len(set(ours))
    assert set(ours) == {(a.start_char, a.end_char, a.tag, a.text) for a in theirs}


_KEYWORD_TEXT = st.lists(
    st.sampled_from(["school", "basis", "v.v.", "vv", "sg", "csg", "kerk", "college", " ", "x"]),
    max_size=25,
).map("".join)


@settings(max_examples=300)
@given(_KEYWORD_TEXT)
def test_literal_starts_are_where_the_alternation_matches(text):
    """patterns.literal_starts: the starts of re's matches of the keywords' alternation."""
    from deelwijzer.procedure.pseudonymise.patterns import _KEYWORD_RES, literal_starts

    for _, words, _ in _KEYWORD_RES:
        plain = re.compile("|".join(re.escape(w) for w in words))
        assert literal_starts(words, text) == [m.start() for m in plain.finditer(text)]


def test_extra_cases_are_those_of_re():
    """places.EXTRA_CASES: the letters other than ASCII in re's table of extra case matches."""
    from re._casefix import _EXTRA_CASES

    from deelwijzer.procedure.pseudonymise.places import EXTRA_CASES

    table = {chr(c) for key, more in _EXTRA_CASES.items() for c in (key, *more)}
    assert set(EXTRA_CASES) == {c for c in table if not c.isascii()}


_NAMES = ("Het Baken College", "HV Zwaluwen", "Zoë's Dansschool", "De Stap")
_NAME_TEXT = st.lists(
    st.sampled_from(
        [
            "het",
            "HET",
            " ",
            "-",
            "baken",
            "Baken",
            "BAKEN",
            "college",
            "College",
            "zwaluwen",
            "Zwaluwen",
            "hv",
            "HV",
            "zoë's",
            "ZOË'S",
            "zoe's",
            "dansschool",
            "de",
            "De",
            "stap",
            "STAP",
            "x",
            "ſ",
            "İ",
            "Σ",
            "ı",
            "é",
        ]  # fmt: skip
    ),
    max_size=20,
).map("".join)


def _plain_names(text, names):
    """find_names as it was: the whole names by an IGNORECASE regex with a look-behind."""
    from deelwijzer.procedure.pseudonymise.places import _name_patterns, name_base

    whole, short, owner, _ = _name_patterns(names)
    finds = []
    for regex, key in (
        (re.compile(r"(?<![\w\-])" + whole.pattern, re.IGNORECASE), str.lower),
        (re.compile(r"(?<![\w\-])" + short.pattern), str),
    ):
        for m in regex.finditer(text):
            name = owner.get(key(m.group()))
            if name is not None:
                finds.append((m.start(), m.end(), name_base(name), name))
    return finds


@settings(max_examples=500)
@given(_NAME_TEXT)
def test_names_are_found_as_with_ignorecase_and_a_look_behind(text):
    """places.find_names (lower-cased text where that is safe, left boundary in Python)
    finds what the IGNORECASE regexes with a look-behind find."""
    from deelwijzer.procedure.pseudonymise.places import find_names

    found = [(f.start, f.end, f.base, f.key) for f in find_names(text, _NAMES)]
    assert found == _plain_names(text, tuple(sorted(_NAMES)))


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(["Laan", " ", "\t", "\n", "\u00a0", "\x1c", "van", "-", "."]), max_size=12
    ).map("".join),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_words_are_the_runs_of_non_space(text, cut_start, cut_end):
    """places._words: the runs \\S+ finds in the stretch, also at its edges and mid-word."""
    from deelwijzer.procedure.pseudonymise.places import _words

    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [m.span() for m in re.compile(r"\S+").finditer(text, start, end)]
    assert _words(text, start, end) == expected


def _around_everywhere(text, at, patterns):
    """The keyword patterns tried from every start, as before the tries were pruned."""
    from deelwijzer.procedure.pseudonymise.patterns import _WORD_START

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


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(
            [
                "Het",
                "het",
                "De",
                " ",
                "-",
                "'",
                ".",
                "Baken",
                "Sport",
                "school",
                "College",
                "college",
                "VV",
                "vv",
                "Oranje",
                "Kerk",
                "kerk",
                "Al-Fath",
                "van",
                "x",
                "3",
            ]
        ),  # fmt: skip
        max_size=14,
    ).map("".join)
)
def test_keyword_tries_find_what_trying_every_start_finds(text):
    """patterns._around: the pruned tries give the matches of all tries, in the same order."""
    from deelwijzer.procedure.pseudonymise.patterns import _KEYWORD_RES, _around, literal_starts

    for _, words, patterns in _KEYWORD_RES:
        for at in literal_starts(words, text.lower()):
            assert [m.span() for m in _around(text, at, patterns)] == [
                m.span() for m in _around_everywhere(text, at, patterns)
            ]
