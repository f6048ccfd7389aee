"""Streets, squares, neighbourhoods, schools and clubs in advice requests (#24, R2.1).

``places_eval.json`` holds fictional step 2 advice requests, written for this set, each with
its case and the organisation's own names: ``must_go`` lists every string that must be
replaced (the case's identifiers and generic ones), ``must_stay`` the words the adviser needs.
The pseudonymiser must replace at least ``RECALL_FLOOR`` of the must-go occurrences and eat
no must-stay word.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.procedure.deidentify import get_deduce
from deelwijzer.procedure.pseudonymise import places, pseudonymise
from deelwijzer.procedure.pseudonymise.generic import areas
from deelwijzer.procedure.pseudonymise.places import area_names

EVAL = Path(__file__).parent / "places_eval.json"
RECALL_FLOOR = 0.95


def eval_texts() -> list[dict]:
    return json.loads(EVAL.read_text(encoding="utf-8"))["texts"]


def casefile(item: dict):
    """The case file of one evaluation text (youth, guardians, team)."""
    youth = item["youth"]
    return load_casefile(
        {
            "format": "deelwijzer-casefile/1",
            "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
            "youth": {
                "pseudonym": "J-" + item["id"][:2],
                "name": youth["name"],
                "birth_date": youth["birth_date"],
                "identifiers": youth["identifiers"],
            },
            "guardians": [
                {"id": f"g{n}", "name": name, "has_authority": True}
                for n, name in enumerate(item["guardians"], start=1)
            ],
            "team": [
                {"id": f"p{n}", "name": name, "role": "mentor"}
                for n, name in enumerate(item["team"], start=1)
            ],
        }
    )


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = r"(?<![\w@])" + re.escape(needle) + r"(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def score(item: dict, result) -> tuple[list[str], list[str], int]:
    """(missed must-go strings, eaten must-stay words, must-go occurrences) for one text."""
    text, spans = item["text"], [(r.start, r.end) for r in result.replacements]
    missed, total = [], 0
    for needle in item["must_go"]:
        for s, e in occurrences(text, needle):
            total += 1
            letters = [i for i in range(s, e) if text[i].isalnum()]
            if not all(any(a <= i < b for a, b in spans) for i in letters):
                missed.append(needle)
    eaten = [
        word
        for word in item["must_stay"]
        if len(occurrences(result.text, word)) != len(occurrences(text, word))
    ]
    return missed, eaten, total


def evaluate(model) -> dict:
    """Recall on must-go occurrences and the eaten must-stay words over the whole set."""
    missed, eaten, total = [], [], 0
    for item in eval_texts():
        result = pseudonymise(
            item["text"], casefile(item), model=model, organisation_names=item["organisation_names"]
        )
        m, e, t = score(item, result)
        missed += [f"{item['id']}: {w}" for w in m]
        eaten += [f"{item['id']}: {w}" for w in e]
        total += t
    return {
        "recall": (total - len(missed)) / total,
        "total": total,
        "missed": missed,
        "eaten": eaten,
    }


@pytest.fixture(scope="module")
def outcome():
    return evaluate(get_deduce())


def test_the_set_has_twenty_texts_and_its_annotations_are_in_them():
    texts = eval_texts()
    assert len(texts) >= 20
    for item in texts:
        for word in item["must_go"] + item["must_stay"]:
            assert occurrences(item["text"], word), f"{item['id']}: {word!r} not in the text"


def test_recall_on_places_schools_clubs_and_known_identifiers(outcome, capsys):
    with capsys.disabled():
        print(
            f"\nplaces eval: recall {outcome['recall']:.3f} of {outcome['total']}, "
            f"missed {outcome['missed']}, eaten {outcome['eaten']}"
        )
    assert outcome["recall"] >= RECALL_FLOOR, outcome["missed"]


def test_no_content_word_is_eaten(outcome):
    assert outcome["eaten"] == []


_CASE = {
    "youth": {"name": "Yusuf Bakker", "birth_date": "2010-03-14", "identifiers": []},
    "guardians": [],
    "team": [],
    "id": "00",
}


def _run(text: str, names: tuple[str, ...] = ()):
    return pseudonymise(text, casefile(_CASE), model=get_deduce(), organisation_names=names)


@pytest.mark.parametrize(
    ("text", "name", "placeholder"),
    [
        ("Hij bezoekt de moskee aan de Dorpsstraat.", "Dorpsstraat", "[STRAAT-1]"),
        ("Hij hangt rond op het Marktplein met oudere jongens.", "Marktplein", "[STRAAT-1]"),
        ("Ze woont in de wijk Kanaleneiland.", "Kanaleneiland", "[WIJK-1]"),
        ("Hij speelt bij VV Zuidoost.", "VV Zuidoost", "[CLUB-1]"),
        ("Ze zit vaak bij de Oudegracht.", "Oudegracht", "[STRAAT-1]"),
        ("Hij plakt stickers op de Sint-Jacobsstraat.", "Sint-Jacobsstraat", "[STRAAT-1]"),
        ("Hij woont in de Schilderswijk.", "Schilderswijk", "[WIJK-1]"),
        ("Ze hangt rond op het Zaailand.", "Zaailand", "[STRAAT-1]"),
        ("Ze zit op de Sterrenschool.", "Sterrenschool", "[SCHOOL-1]"),
        ("In de speeltuin De Leeuw zei hij dat.", "De Leeuw", "[PLEK-1]"),
        ("Hij woont met zijn moeder in de Bijlmer.", "Bijlmer", "[WIJK-1]"),
        ("Hij hangt rond in Lombok met oudere jongens.", "Lombok", "[WIJK-1]"),
        ("Ze bezoekt de moskee in Zuilen.", "Zuilen", "[WIJK-1]"),
        ("Hij komt uit Ondiep, zegt de trainer.", "Ondiep", "[WIJK-1]"),
        ("Ze gaat om met jongens uit Kattenbroek.", "Kattenbroek", "[WIJK-1]"),
        ("Hij woont in Bijlmer, vlak bij het station.", "Bijlmer", "[WIJK-1]"),
        ("Dorpsstraat 3 is zijn adres niet, hij woont aan de Beukenlaan.", "Beukenlaan", None),
    ],
)
def test_places_after_a_preposition_go(text, name, placeholder):
    result = _run(text)
    assert name not in result.text, result.text
    if placeholder:
        assert placeholder in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Hij gaat na school meteen de straat op.",
        "Ze zit vaak op het plein bij de bushalte.",
        "Langs de weg naar huis plakt hij stickers.",
        "De school wil weten of dit een signaal is.",
        "Koran leest hij elke pauze, ook tijdens de Ramadan.",
        "Fietspad en schoolplein gebruikt ze niet meer.",
        "Snelweg of binnenweg, hij fietst overal.",
        "Ze wil naar familie in Duitsland en Nederland verlaten.",
        "Hij gaat naar de koranschool en naar de sportschool.",
        "Ik ben vrijwilliger bij de handbalvereniging van het dorp.",
        "Markt en Park zijn woorden, geen namen.",
        "Hij zegt dat martelaren in de Hemel komen en dat het Paradijs wacht.",
        "In het Centrum deelt hij flyers uit, bij de Kerk ook.",
        "Hij wil naar Syrië en zijn oom woont in Marokko.",
        "In Augustus gaat ze met haar moeder naar Mekka.",
        "Hij gelooft in God en schrijft berichten in Arabisch.",
        "Ze wil in Europa wonen, niet in Afrika.",
        "Met Pasen ging hij naar Brabant, met Kerst naar Curaçao.",
        "Hij woont in Noord en traint in Oost.",
        "Ze deelt filmpjes uit Gaza en wil naar Jeruzalem.",
    ],
)
def test_content_words_stay(text):
    result = _run(text)
    assert result.text == text, [(r.original, r.kind) for r in result.replacements]


PLACE_KINDS = ("street", "neighbourhood")


def test_no_content_place_becomes_a_street_or_neighbourhood_after_a_preposition():
    """Every word of content_places.txt stays after each preposition, with or without an
    article, although deduce's street list holds many of them ("Marokko", "Augustus")."""
    path = Path(places.__file__).with_name("content_places.txt")
    words = [w.split("#", 1)[0].strip() for w in path.read_text(encoding="utf-8").splitlines()]
    words = [w for w in words if w]
    assert len(words) > 200 and {"syrie", "marokko", "augustus"} <= places.CONTENT_PLACES
    taken = []
    for word in words:
        text = f"Hij was in {word}, uit {word}, bij {word}, rond {word} en in de {word}."
        taken += [r.original for r in _run(text).replacements if r.kind in PLACE_KINDS]
    assert taken == []


def test_a_dutch_town_stays_deduces_place_find_also_with_a_street_suffix():
    """'Almere' is in deduce's street list, 'Amsterdam' and 'Schiedam' end in -dam
    (street suffixes): all three are towns and get [PLAATS-n], not [STRAAT-n] or [WIJK-n]."""
    result = _run("Hij komt uit Almere, traint in Amsterdam en woonde in de buurt van Schiedam.")
    assert {(r.original, r.kind) for r in result.replacements} == {
        ("Almere", "place"),
        ("Amsterdam", "place"),
        ("Schiedam", "place"),
    }


def test_a_rejected_street_find_does_not_push_out_the_place_or_person_it_overlaps():
    """'Almere' and 'Visser' are street names too; they stay a place and a person."""
    result = _run("Hij woont in Almere en zijn vriend Daan Visser ook.")
    kinds = {r.original: r.kind for r in result.replacements}
    assert kinds == {"Almere": "place", "Daan Visser": "person"}


def test_the_organisations_own_names_go_in_every_spelling():
    text = (
        "Ik werk bij Het Baken College. Op het baken college en bij Baken College weten ze "
        "het. Bij HV Zwaluwen en bij Zwaluwen ook, de zwaluwen vliegen laag."
    )
    result = _run(text, ("Het Baken College", "HV Zwaluwen"))
    assert result.text == (
        "Ik werk bij [SCHOOL-1]. Op [SCHOOL-1] en bij [SCHOOL-1] weten ze "
        "het. Bij [CLUB-1] en bij [CLUB-1] ook, de zwaluwen vliegen laag."
    )


def test_a_common_word_in_the_organisations_name_stays_when_lowercase():
    text = "Op Het Baken en op het baken zegt hij: de moskee is een baken."
    expected = "Op [ORGANISATIE-1] en op [ORGANISATIE-1] zegt hij: de moskee is een baken."
    assert _run(text, ("Het Baken",)).text == expected


def test_without_organisation_names_an_unknown_organisation_stays():
    text = "Ik werk bij Jongerenwerk Zuilen."
    assert "Jongerenwerk" in _run(text).text
    assert _run(text, ("Jongerenwerk Zuilen",)).text == "Ik werk bij [ORGANISATIE-1]."


def test_the_review_list_warns_about_the_streets_and_neighbourhoods_that_went():
    review = _run("Hij woont in de wijk Kanaleneiland, vlak bij de Dorpsstraat.").review
    assert any("straten of wijken in de tekst ([STRAAT-1], [WIJK-1])" in p for p in review)


def test_area_names_are_what_several_streets_are_named_after():
    """'Bijlmer' names a dreef and a plein; 'Kerk' here only a straat (and 'Kerk' is a keyword)."""
    streets = "Bijlmerdreef\nBijlmerplein\nKerkstraat\nDorpsstraat\nDorpsweg\nLaan van Nieuw\n"
    assert area_names(streets) == {"Bijlmer", "Dorp"}
    assert "Bijlmer" in areas() and "Kerk" not in areas() and "Centrum" not in areas()


def test_a_persons_name_that_deduce_also_finds_as_a_street_stays_a_person():
    """A signal's source, "Joost Bakker, docent lichamelijke opvoeding", was shared as
    "[STRAAT-1], docent ..." and listed as "straat of plein" (seen in a walk of step 6)."""
    case = casefile({**_CASE, "youth": {**_CASE["youth"], "name": "Sem de Boer"}})
    text = "Gezien door Joost Bakker, docent lichamelijke opvoeding. Joost Bakker belde."
    result = pseudonymise(text, case, model=get_deduce())
    assert {(r.original, r.kind) for r in result.replacements} == {("Joost Bakker", "person")}
    assert "[STRAAT" not in result.text
