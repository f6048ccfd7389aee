"""Layer 1: the case's own identifiers in every usual spelling, one placeholder per person."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.procedure.identifier_variants import classify
from deelwijzer.procedure.identifiers import find_identifiers, find_team_names

CASE = {
    "format": "deelwijzer-casefile/1",
    "evaluated_on": "2026-11-29",
    "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
    "youth": {
        "pseudonym": "J-7F3K",
        "name": "Yusuf Bakker",
        "birth_date": "2010-03-14",
        "identifiers": ["Kastanjelaan 14", "klas 3B", "@yusuf_b", "Het Baken College", "VV Oranje"],
    },
    "guardians": [
        {"id": "g1", "name": "Fatima Bakker", "relation": "moeder", "has_authority": True},
        {"id": "g2", "name": "Zoë van den Berg", "relation": "stiefmoeder", "has_authority": False},
    ],
    "team": [{"id": "p1", "name": "Anna de Wit", "role": "mentor"}],
}


@pytest.fixture(scope="module")
def cf():
    return load_casefile(CASE)


def _only(text: str, cf) -> tuple[str, str]:
    matches = find_identifiers(text, cf)
    assert len(matches) == 1, matches
    return matches[0].original, matches[0].placeholder


@pytest.mark.parametrize(
    "text, original, placeholder",
    [
        ("Gesprek met Yusuf Bakker.", "Yusuf Bakker", "[JONGERE]"),
        ("Gesprek met yusuf.", "yusuf", "[JONGERE]"),
        ("Yusufs moeder belde.", "Yusuf", "[JONGERE]"),
        ("Yusuf's moeder belde.", "Yusuf", "[JONGERE]"),
        ("Yusuf\u2019s moeder belde.", "Yusuf", "[JONGERE]"),
        ("Y. Bakker kwam te laat.", "Y. Bakker", "[JONGERE]"),
        ("Y Bakker kwam te laat.", "Y Bakker", "[JONGERE]"),
        ("Op het werk staat Y.B. op zijn map.", "Y.B.", "[JONGERE]"),
        ("Mevrouw Bakker belde.", "Bakker", "[JONGERE]"),
        ("F. Bakker belde.", "F. Bakker", "[OUDER-1]"),
        ("Fatima belde.", "Fatima", "[OUDER-1]"),
        ("Zoe belde.", "Zoe", "[OUDER-2]"),
        ("ZOË belde.", "ZOË", "[OUDER-2]"),
        ("Mevrouw Van den Berg belde.", "Van den Berg", "[OUDER-2]"),
        ("Mevrouw Berg belde.", "Berg", "[OUDER-2]"),
        ("Geboren 14-03-2010.", "14-03-2010", "[GEBOORTEDATUM]"),
        ("Geboren 14-3-2010.", "14-3-2010", "[GEBOORTEDATUM]"),
        ("Geboren 14 maart 2010.", "14 maart 2010", "[GEBOORTEDATUM]"),
        ("Geboren 14 mrt 2010.", "14 mrt 2010", "[GEBOORTEDATUM]"),
        ("Geboren 14 mrt. '10.", "14 mrt. '10", "[GEBOORTEDATUM]"),
        ("Geboren 14/3/'10.", "14/3/'10", "[GEBOORTEDATUM]"),
        ("Geboren 14.03.2010.", "14.03.2010", "[GEBOORTEDATUM]"),
        ("Geboren 2010-03-14.", "2010-03-14", "[GEBOORTEDATUM]"),
        ("Jarig op 14 maart.", "14 maart", "[GEBOORTEDATUM]"),
        ("Woont op de Kastanjelaan 14a.", "Kastanjelaan 14a", "[ADRES]"),
        ("Woont op de kastanjelaan.", "kastanjelaan", "[ADRES]"),
        ("Zit in KLAS 3b.", "KLAS 3b", "[KLAS]"),
        ("Zit in 3B.", "3B", "[KLAS]"),
        ("Volgt @yusuf_b.", "@yusuf_b", "[ACCOUNT]"),
        ("Account yusuf_b.", "yusuf_b", "[ACCOUNT]"),
        ("Zit op het  baken   college.", "het  baken   college", "[SCHOOL]"),
        ("Zit op Baken College.", "Baken College", "[SCHOOL]"),
        ("Zit op het Baken.", "Baken", "[SCHOOL]"),
        ("Speelt bij vv oranje.", "vv oranje", "[CLUB]"),
        ("Mail yusuf.b@example.nl.", "yusuf.b@example.nl", "[EMAIL]"),
    ],
)
def test_known_identifier_in_every_spelling(cf, text, original, placeholder):
    assert _only(text, cf) == (original, placeholder)


@pytest.mark.parametrize(
    "text",
    [
        "Hij liep de berg op.",  # the bare core of "van den Berg" counts only capitalised
        "Een baken in de haven.",
        "Hij is 15 jaar en zit in klas 2A.",
        "Op 14 april was er een gesprek.",
        "Geboren 13-03-2010.",
        "Yusufzai is een andere naam.",
        "Anna de Wit is de mentor.",  # team names are not the youth's identifiers
        "Vraag a b c d aan de leerling.",  # letters apart that spell no name
        "Y u s u f z a i is een andere naam.",  # spelled out, but a longer name
    ],
)
def test_near_misses_are_left_alone(cf, text):
    assert find_identifiers(text, cf) == []


def test_one_placeholder_per_person_across_the_text(cf):
    text = "Yusuf Bakker, Yusuf, yusuf, Y. Bakker en Bakker. Fatima Bakker, Fatima en F. Bakker."
    placeholders = [m.placeholder for m in find_identifiers(text, cf)]
    assert placeholders == ["[JONGERE]"] * 5 + ["[OUDER-1]"] * 3


def test_matches_are_sorted_and_never_overlap(cf):
    text = "Yusuf Bakker (14-03-2010) woont Kastanjelaan 14, klas 3B, @yusuf_b, Baken College."
    matches = find_identifiers(text, cf)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))
    assert all(text[m.start : m.end] == m.original for m in matches)
    assert all(m.label for m in matches)


def test_spans_index_the_original_text_despite_diacritics(cf):
    text = "Café-bezoek: Zoë en Zoë\u0308 en Fatima."
    for m in find_identifiers(text, cf):
        assert text[m.start : m.end] == m.original


def test_team_names_are_found_separately(cf):
    matches = find_team_names("Mentor mevrouw de Wit en Anna spraken hem.", cf)
    assert [(m.original, m.placeholder) for m in matches] == [
        ("de Wit", "[MEDEWERKER-1]"),
        ("Anna", "[MEDEWERKER-1]"),
    ]


def test_case_without_a_name_still_finds_birth_date_and_identifiers():
    data = {**CASE, "youth": {**CASE["youth"], "name": None}}
    found = find_identifiers("Yusuf, 14-03-2010, klas 3B.", load_casefile(data))
    assert [m.placeholder for m in found] == ["[GEBOORTEDATUM]", "[KLAS]"]


@pytest.mark.parametrize(
    "identifier, kind",
    [
        ("Kastanjelaan 14", "address"),
        ("klas 3B", "class"),
        ("3 havo-b", "class"),
        ("@yusuf_b", "account"),
        ("yusuf@example.nl", "email"),
        ("06-12345678", "phone"),
        ("1234 AB", "postcode"),
        ("Het Baken College", "school"),
        ("VV Oranje", "club"),
        ("Boksschool Hercules", "club"),
        ("Moskee Al-Fath", "religious"),
        ("Ahmed Bakker", "person"),
        ("Karakterloos", "identifier"),
    ],
)
def test_listed_identifiers_are_classified(identifier, kind):
    assert classify(identifier) == kind


def test_several_identifiers_of_a_kind_are_numbered():
    data = {**CASE, "youth": {**CASE["youth"], "identifiers": ["Dorpsstraat 1", "Kerkweg 2"]}}
    found = find_identifiers("Dorpsstraat 1 en Kerkweg 2", load_casefile(data))
    assert [m.placeholder for m in found] == ["[ADRES-1]", "[ADRES-2]"]


def test_relative_listed_by_name_keeps_one_placeholder():
    data = {**CASE, "youth": {**CASE["youth"], "identifiers": ["Ahmed Bakker"]}}
    found = find_identifiers("Ahmed Bakker en zijn broer Ahmed", load_casefile(data))
    assert [(m.original, m.placeholder) for m in found] == [
        ("Ahmed Bakker", "[NAAM-1]"),
        ("Ahmed", "[NAAM-1]"),
    ]


_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABYFZ.,'-/@\n0123456789ëé\u2019")
    + ["Yusuf", "Bakker", "Y.", "Fatima", "Zoë", "14", "03", "2010", "maart", "klas", "3B"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_replacing_the_matches_leaves_nothing_to_find(cf, text):
    """Idempotent on layer 1: what find_identifiers leaves behind has no identifier left."""
    out, position = [], 0
    for m in find_identifiers(text, cf):
        out += [text[position : m.start], m.placeholder]
        position = m.end
    rewritten = "".join(out) + text[position:]
    assert find_identifiers(rewritten, cf) == []


# --- normalised before matching (#17.6): the check cannot be slipped past by spelling ---


@pytest.mark.parametrize(
    "text, original, placeholder",
    [
        ("Hij zit in klas3B.", "klas3B", "[KLAS]"),
        ("Hij zit in 3-B.", "3-B", "[KLAS]"),
        ("Gesprek met YusufBakker.", "YusufBakker", "[JONGERE]"),
        ("Gesprek met Yusuf_Bakker.", "Yusuf_Bakker", "[JONGERE]"),
        ("Gesprek met Yusuf.Bakker.", "Yusuf.Bakker", "[JONGERE]"),
        ("Gesprek met \u0423usuf.", "\u0423usuf", "[JONGERE]"),  # Cyrillic У
        ("Gesprek met Yu\u0455uf.", "Yu\u0455uf", "[JONGERE]"),  # Cyrillic ѕ
        ("Mevrouw B\u0430kker belde.", "B\u0430kker", "[JONGERE]"),  # Cyrillic а
        (
            "Gesprek met \uff39\uff55\uff53\uff55\uff46.",
            "\uff39\uff55\uff53\uff55\uff46",
            "[JONGERE]",
        ),
        ("Gesprek met Yu\u200bsuf.", "Yu\u200bsuf", "[JONGERE]"),  # zero-width space
        ("Gesprek met Yus\u00aduf.", "Yus\u00aduf", "[JONGERE]"),  # soft hyphen
        ("Gesprek met Yusuf\u2060Bakker.", "Yusuf\u2060Bakker", "[JONGERE]"),  # word joiner
        ("Fat\u0456ma belde.", "Fat\u0456ma", "[OUDER-1]"),  # Cyrillic і
        # spelled out letter by letter (a walk: "Y u s u f" passed step 2's check)
        ("Gesprek met Y u s u f.", "Y u s u f", "[JONGERE]"),
        ("Gesprek met Y.u.s.u.f.", "Y.u.s.u.f", "[JONGERE]"),
        ("Gesprek met y-u-s-u-f van school.", "y-u-s-u-f", "[JONGERE]"),
        ("Mevrouw B a k k e r belde.", "B a k k e r", "[JONGERE]"),
        ("Gesprek met Y u s u f  B a k k e r.", "Y u s u f  B a k k e r", "[JONGERE]"),
        ("F_a_t_i_m_a belde.", "F_a_t_i_m_a", "[OUDER-1]"),
    ],
)
def test_spellings_meant_to_slip_past_are_still_found(cf, text, original, placeholder):
    assert _only(text, cf) == (original, placeholder)


def test_bidi_controls_are_named():
    from deelwijzer.procedure.identifiers import bidi_controls

    assert bidi_controls("Gesprek met \u202efusuY.") == ["U+202E"]
    assert bidi_controls("a\u2066b\u2069c\u202a") == ["U+202A", "U+2066", "U+2069"]
    assert bidi_controls("Gesprek met Yusuf.") == []


def test_r2_1_reports_a_request_with_a_bidi_override(cf):
    import dataclasses

    from deelwijzer.procedure.casefile import Advice, Adviser
    from deelwijzer.procedure.rules.context import Context
    from deelwijzer.procedure.rules.step2 import r2_1_anonymous

    advice = Advice(
        id="a1",
        adviser=Adviser(kind="attention_officer"),
        request_text="Een leerling, \u202efusuY, zegt dat muziek haram is.",
        identifies_youth=False,
    )
    ctx = Context(dataclasses.replace(cf, advice=[advice]), today=cf.evaluated_on)
    [finding] = list(r2_1_anonymous(ctx))
    assert (
        finding.rule == "R2.1" and "leesrichting" in finding.message and "U+202E" in finding.message
    )


# --- shortcuts that must give what the plain way gives (#24, speed) ---

_ADDRESS_ALPHABET = st.sampled_from(
    list("aw.h@:/_+-!?), \n\t\u00a0\u2003\u0131\u00e9")
    + ["www.", "http://", "https://", "yusuf", "@b", ".nl", "ex@mple.nl", "Zoë"]
)


@settings(max_examples=500)
@given(st.lists(_ADDRESS_ALPHABET, max_size=30).map("".join))
def test_address_tokens_are_those_of_the_whole_text(text):
    """Scanning only the white-space-delimited stretches with '@', 'www.' or 'http' finds
    exactly what the address patterns find on the whole text."""
    from deelwijzer.procedure.identifiers import _ADDRESS_RES, _address_tokens

    whole = [
        (m.start(), m.end(), kind, placeholder)
        for regex, kind, placeholder in _ADDRESS_RES
        for m in regex.finditer(text)
    ]
    assert _address_tokens(text) == whole


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("aZ -.\u00e9\u00eb\u0131\u00df\u0405\u200b\u0301"))))
def test_fold_text_is_the_per_character_fold(text):
    """The folded text is every character's own fold, whatever shortcut fold_text takes."""
    from deelwijzer.procedure.identifiers import _fold_char, fold_text

    folded, index = fold_text(text)
    assert folded == "".join(ch if ord(ch) < 128 else _fold_char(ch) for ch in text)
    assert len(index) == len(folded) + 1
    assert all(text[index[i]] for i in range(len(folded)))


@pytest.mark.parametrize(
    "listed, text, original",
    [
        ("@semdb_08 op Instagram", "Hij post als @semdb_08.", "@semdb_08"),
        ("@semdb_08 op Instagram", "Zijn account semdb_08 is openbaar.", "semdb_08"),
        ("Instagram: @semdb_08", "Zie @semdb_08 voor de filmpjes.", "@semdb_08"),
        ("semdb_08 op Instagram", "Hij post als @semdb_08.", "@semdb_08"),
        ("TikTok: semdb_08", "Filmpjes van semdb_08 gedeeld.", "semdb_08"),
        ("Twitter/X: sem.db", "Volgt sem.db al lang.", "sem.db"),
    ],
)
def test_a_handle_listed_with_its_platform_is_found_on_its_own(listed, text, original):
    """Listed as the case form suggests ("account op sociale media", one a line), a handle went
    out to an external adviser when the text named it without the platform (seen in a walk)."""
    data = {**CASE, "youth": {**CASE["youth"], "identifiers": [listed]}}
    found = find_identifiers(text, load_casefile(data))
    assert [(m.original, m.placeholder) for m in found] == [(original, "[ACCOUNT]")]


@pytest.mark.parametrize(
    "identifier, kind",
    [
        ("@semdb_08 op Instagram", "account"),
        ("TikTok: semdb_08", "account"),
        ("Sportschool Kick", "club"),  # "Kick" is not taken for the platform
        ("Instagram", "identifier"),  # a platform without a handle
        ("mail: sem@example.nl", "identifier"),  # an address in a line is no handle
    ],
)
def test_lines_with_a_handle_are_accounts(identifier, kind):
    assert classify(identifier) == kind


def test_a_handle_in_a_listed_web_address_is_found_on_its_own():
    data = {**CASE, "youth": {**CASE["youth"], "identifiers": ["youtube.com/@finngroot"]}}
    found = find_identifiers(
        "Zijn kanaal @finngroot en youtube.com/@finngroot", load_casefile(data)
    )
    assert [(m.original, m.placeholder) for m in found] == [
        ("@finngroot", "[URL]"),
        ("youtube.com/@finngroot", "[URL]"),
    ]


def test_a_club_listed_with_its_kind_is_found_whole_without_it():
    """Listed as "Voetbalclub VV Lunetten", the text's "VV Lunetten" became "[CLUB-1] [CLUB]":
    only "Lunetten" was the club's, "VV" another club (seen in a walk)."""
    data = {**CASE, "youth": {**CASE["youth"], "identifiers": ["Voetbalclub VV Lunetten"]}}
    found = find_identifiers("Hij speelt bij VV Lunetten.", load_casefile(data))
    assert [(m.original, m.placeholder) for m in found] == [("VV Lunetten", "[CLUB]")]
