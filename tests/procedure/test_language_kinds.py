"""The language checker on the kinds of interpretation of issue #24: characterisations of
people and groups, inference, mind-reading, label nouns, lay psychology, vague change; and
the evaluation set in data/language_eval.tsv (recall >= 0.92, false alarms <= 0.05)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from deelwijzer.procedure.language import LexiconError, check_text, default_lexicon, load_lexicon
from deelwijzer.procedure.language.loader import LEXICON_DIR

EVAL_SET = Path(__file__).parent / "data" / "language_eval.tsv"
EXPECTED_RULE = {"opinion": "R1.2", "diagnosis": "R1.4"}


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.category, f.text) for f in check_text(text)]


# --- what is flagged, and as what -----------------------------------------------------
# characterisation: a negative, subjective adjective of the subjectivity lexicon or a
# vague change word, said of people, a group or an attitude.

FLAGGED = {
    "characterisation": [
        ("Hij zit in een slechte groep.", "slechte groep"),
        ("Ayoub heeft een negatieve houding.", "negatieve houding"),
        ("Het is een moeilijk gezin.", "moeilijk gezin"),
        ("Haar vader is een harde, kille man.", "kille man"),
        ("Het zijn foute jongens.", "foute jongens"),
        ("Hij trekt op met een ongure vriendengroep.", "ongure vriendengroep"),
        ("De thuissituatie van Sanne is problematisch.", "problematisch"),
        ("De ouders zijn overbezorgd.", "overbezorgd"),
        ("Hij is erg koppig.", "koppig"),
        ("Zijn uitspraken over vrouwen zijn ronduit kwetsend.", "kwetsend"),
        ("Sanne is nogal naïef.", "naïef"),
        ("Het bleek maar weer hoe koppig hij is.", "koppig"),
        ("Sinds de zomer is hij heel erg veranderd.", "veranderd"),
        ("Zijn gedrag is sterk veranderd.", "veranderd"),
        ("Ze is de laatste tijd zo anders.", "anders"),
    ],
    "inference": [
        ("Hij kwam te laat, wat laat zien dat school hem niets kan schelen.", "wat laat zien dat"),
        ("Hij zocht naar Syrië, wat erop wijst dat hij wil gaan.", "wat erop wijst"),
        ("Hij kwam niet, daaruit blijkt dat hij geen hulp wil.", "daaruit blijkt"),
        ("Ze liep weg, een teken dat ze geen kritiek verdraagt.", "een teken dat"),
        ("Duidelijk dat hij thuis niet gesteund wordt.", "Duidelijk dat"),
        ("Hij las dat boek, dus hij denkt er ook zo over.", "dus hij denkt"),
        ("Hij verdedigde de daders en staat er dus achter.", "staat er dus"),
        ("Ze zegt niets over thuis, wat erop duidt dat er iets mis is.", "wat erop duidt"),
    ],
    "mind_reading": [
        ("Hij heeft iets te verbergen.", "iets te verbergen"),
        ("Ze heeft een dubbele agenda.", "dubbele agenda"),
        ("Hij droeg dat shirt bewust om de docent te provoceren.", "bewust om"),
        ("Ze doet dit expres.", "expres"),
        ("Hij doet alsof er niets aan de hand is.", "doet alsof"),
        ("Hij wil gewoon aandacht.", "wil gewoon aandacht"),
        ("Ze zegt dat het goed gaat, maar eigenlijk wil ze weg.", "eigenlijk wil"),
        ("Hij zei het bewust om de leraar te provoceren.", "bewust om"),
    ],
    "interpretation": [
        ("Kevin is de onruststoker van de klas.", "onruststoker"),
        ("Daan is een meeloper.", "meeloper"),
        ("Ze is de aanstichter van elke ruzie.", "aanstichter"),
        ("Omar is een volger, geen leider.", "een volger"),
        ("Ze is psychisch niet in orde.", "psychisch niet"),
        ("Hij is niet helemaal stabiel.", "niet helemaal stabiel"),
        ("Ze zit niet lekker in haar vel.", "niet lekker in haar vel"),
        ("Hij spoort niet.", "spoort niet"),
        ("Hij is een totaal ander mens geworden.", "ander mens"),
        ("Hij is niet meer zoals hij was.", "niet meer zoals hij was"),
    ],
}


@pytest.mark.parametrize(
    ("category", "sentence", "words"),
    [(c, s, w) for c, rows in FLAGGED.items() for s, w in rows],
)
def test_new_kinds_of_interpretation_are_flagged_under_r1_1(
    category: str, sentence: str, words: str
) -> None:
    assert ("R1.1", category, words) in found(sentence)


# The same words about things, as a plain consequence, quoted or told by someone else.
PASSING = [
    "Het was slecht weer, dus de buitenles ging niet door.",
    "Ze kreeg een moeilijke som over breuken.",
    "De toets was moeilijk; de klas scoorde onder de zes.",
    "Hij heeft een slechte knie en doet niet mee met gym.",
    "Het was een lange, zware dag met zes toetsen.",
    "Het is een klein gezin: vader, moeder en twee zoons.",
    "Hij is zijn telefoon kwijt.",
    "Hij is sinds maandag ziek.",
    "Hij is nog nooit te laat gekomen.",
    "Hij is vanaf 1 april verhuisd naar zijn oom.",
    "De opdracht was lastig, daarom kreeg de klas een week extra.",
    "Hij is een behulpzame jongen en zijn ouders zijn betrokken.",
    "Het rooster is deze week veranderd door de toetsweek.",
    "Het adres van het gezin is per 1 juni veranderd.",
    "Hij heeft zijn profiel veranderd van economie naar techniek.",
    "Zijn moeder vertelde dat hij erg veranderd is.",
    "De bus had vertraging, dus hij kwam om 8.45 uur binnen.",
    "Zijn fiets is kapot, dus hij komt lopend naar school.",
    "De bus was vol, dus hij stond de hele rit.",
    "Hij gaf een duidelijk antwoord: hij wil naar het mbo.",
    "Uit het verslag van de kinderarts blijkt dat hij autisme heeft.",
    'Ze zei: "ik heb iets te verbergen, maar dat vertel ik niet".',
    "Zijn zus vertelde dat hij een dubbele agenda heeft.",
    "De leerling heeft bewust gekozen voor het vak Arabisch.",
    "Hij maakte een verborgen map aan op de schoolcomputer.",
    "De agenda van het overleg is naar de ouders gemaild.",
    'Zijn moeder zei letterlijk: "mijn zoon is een meeloper".',
    "De gymleraar vertelde dat hij een onruststoker is.",
    "Ze zegt dat het thuis moeilijk is en dat haar vader streng is.",
    "Waarom is het gesprek te riskant?",
]


@pytest.mark.parametrize("sentence", PASSING)
def test_factual_sentences_with_the_same_words_pass(sentence: str) -> None:
    assert check_text(sentence) == []


def test_inflected_forms_come_from_the_lookup_table_and_the_generator() -> None:
    lexicon = default_lexicon()
    # "slechtste" is in spaCy's table, "slechte" only in our generated forms
    assert lexicon.characterising["slechtste"] == "evaluative"
    assert lexicon.characterising["slechte"] == "evaluative"
    assert "klein" not in lexicon.characterising  # removed: describes size, not a verdict


def test_vague_change_gets_the_hint_that_asks_what_changed() -> None:
    (finding,) = check_text("Hij is erg veranderd.")
    assert "wat er veranderde" in finding.hint


def test_every_new_finding_has_a_hint_with_its_rule() -> None:
    text = (
        "Het is een moeilijk gezin. Hij is erg veranderd. Hij heeft iets te verbergen. "
        "Hij kwam te laat, wat laat zien dat hij niet wil. Hij is een meeloper."
    )
    findings = check_text(text)
    assert {f.category for f in findings} >= {
        "characterisation",
        "mind_reading",
        "inference",
        "interpretation",
    }
    for finding in findings:
        assert f"(stap 1, {finding.rule})" in finding.hint
        assert len(finding.hint) > 60  # a concrete hint, not a bare label


# --- an organisation's own words ------------------------------------------------------


def test_organisation_adds_and_removes_subjective_words_and_people(tmp_path: Path) -> None:
    (tmp_path / "subjectivity_extra.tsv").write_text(
        "kneuterig\t-0.5\t0.9\n-koppig\n", encoding="utf-8"
    )
    (tmp_path / "people.txt").write_text("*ploeg\n", encoding="utf-8")
    lexicon = load_lexicon([tmp_path])
    assert [f.text for f in check_text("Het is een kneuterige voetbalploeg.", lexicon)] == [
        "kneuterige voetbalploeg"
    ]
    assert check_text("Hij is erg koppig.", lexicon) == []


def test_bad_subjectivity_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "subjectivity_extra.tsv").write_text("# uitleg\nkneuterig\tveel\n", "utf-8")
    with pytest.raises(LexiconError, match=r"subjectivity_extra\.tsv:2"):
        load_lexicon([tmp_path])


def test_vendored_subjectivity_lexicon_is_complete() -> None:
    lines = (LEXICON_DIR / "subjectivity_nl.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) > 3000
    assert all(len(row) == 5 for row in rows)
    assert all(-1 <= float(row[1]) <= 1 and 0 <= float(row[2]) <= 1 for row in rows)


# --- the evaluation set ---------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    sentence: str
    label: str
    kind: str
    part: str


def eval_rows() -> list[Row]:
    lines = EVAL_SET.read_text(encoding="utf-8").splitlines()
    return [Row(*line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


def is_found(row: Row) -> bool:
    return EXPECTED_RULE.get(row.kind, "R1.1") in {f.rule for f in check_text(row.sentence)}


def figures(rows: list[Row]) -> tuple[float, float, list[Row], list[Row]]:
    positives = [r for r in rows if r.label == "interpretive"]
    negatives = [r for r in rows if r.label == "factual"]
    missed = [r for r in positives if not is_found(r)]
    alarms = [r for r in negatives if check_text(r.sentence)]
    return 1 - len(missed) / len(positives), len(alarms) / len(negatives), missed, alarms


def test_evaluation_set_is_large_varied_and_has_a_held_out_third() -> None:
    rows = eval_rows()
    assert {r.label for r in rows} == {"interpretive", "factual"}
    assert sum(r.label == "interpretive" for r in rows) >= 150
    assert sum(r.label == "factual" for r in rows) >= 150
    held_out = [r for r in rows if r.part == "heldout"]
    assert len(held_out) * 3 >= len(rows) * 0.95
    assert {r.kind for r in rows if r.label == "factual"} >= {"quoted", "attributed", "lookalike"}
    assert len({r.sentence for r in rows}) == len(rows)


def test_recall_and_false_alarms_on_the_evaluation_set() -> None:
    rows = eval_rows()
    for part in ("heldout", "dev"):
        recall, alarms, missed, flagged = figures([r for r in rows if r.part == part])
        print(f"\n[{part}] recall {recall:.3f}, false alarms {alarms:.3f}")
        for row in missed + flagged:
            print(f"  {row.label} {row.kind}: {row.sentence} -> {found(row.sentence)}")
    recall, alarms, _, _ = figures(rows)
    print(f"[all] recall {recall:.3f}, false alarms {alarms:.3f}")
    assert recall >= 0.92
    assert alarms <= 0.05


# --- the user guide shows real hints ----------------------------------------------------

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "gebruikershandleiding.md"
_EXAMPLE = re.compile(
    r"\*\*Je schrijft:\*\* (?P<text>.+?) \*\*De taalhulp markeert\*\* \*(?P<words>.+?)\* "
    r"\*\*en zegt:\*\* (?P<hint>.+?\(stap 1, R1\.\d\)) \*\*Beter:\*\* (?P<better>.+?)(?= \(En|$)"
)


def guide_examples() -> list[re.Match[str]]:
    quotes = [
        " ".join(line.lstrip("> ").strip() for line in block.splitlines() if line.strip(">"))
        for block in GUIDE.read_text(encoding="utf-8").split("\n\n")
        if block.startswith("> **Je schrijft:**")
    ]
    return [m for m in (_EXAMPLE.search(q) for q in quotes) if m]


def test_user_guide_step_1_examples_show_what_the_checker_says() -> None:
    examples = guide_examples()
    assert len(examples) == 2
    for example in examples:
        findings = check_text(example["text"])
        assert [(f.text, f.hint) for f in findings] == [(example["words"], example["hint"])]
        assert not [f for f in check_text(example["better"]) if f.rule == "R1.1"]
