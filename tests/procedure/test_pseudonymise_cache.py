"""The pseudonymiser's per-case caches (#24): the compiled identifier patterns, the team's
patterns, deduce's patient parts and the youth's name tokens are built once per case and
reused. A cached result must equal a fresh one, and a corrected case must never be served
the patterns of the case as it was: a stale cache would leave a real name in an advice
request (R2.1). Everything here goes through ``pseudonymise``, the real entry point."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from deelwijzer.procedure import identifiers
from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.procedure.deidentify import get_deduce
from deelwijzer.procedure.pseudonymise import generic, pseudonymise
from tests.procedure.test_pseudonymise import _PROPERTY_CASE

CORPUS = sorted((Path(__file__).parent / "pseudo_corpus").glob("*.json"))

# The property tests' case, with a team member.
CASE = {**_PROPERTY_CASE, "team": [{"id": "p1", "name": "Anna de Wit", "role": "mentor"}]}


def _clear() -> None:
    for cached in (
        identifiers._matcher_for,
        identifiers._team_matcher,
        generic._patient_parts,
        generic._youth_tokens,
        generic.lexicon,
    ):
        cached.cache_clear()


def _case(**changes: object) -> object:
    data = copy.deepcopy(CASE)
    for path, value in changes.items():
        section, key = path.split("__")
        target = data[section][0] if isinstance(data[section], list) else data[section]
        target[key] = value
    return load_casefile(data)


def _placeholders(text: str, cf: object) -> dict[str, str]:
    result = pseudonymise(text, cf, model=get_deduce())
    return {r.original: r.placeholder for r in result.replacements}


def test_a_cached_result_equals_a_fresh_one_with_cases_interleaved():
    items = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS]
    cases = [load_casefile(item["case"]) for item in items]
    model = get_deduce()
    fresh = []
    for item, cf in zip(items, cases, strict=True):
        _clear()
        fresh.append(pseudonymise(item["text"], cf, model=model))
    # Warm caches, every case's patterns in them, texts in reverse order.
    for item, cf, expected in reversed(list(zip(items, cases, fresh, strict=True))):
        assert pseudonymise(item["text"], cf, model=model) == expected
    assert identifiers._matcher_for.cache_info().hits > 0


@pytest.mark.parametrize(
    ("change", "text", "now", "placeholder"),
    [
        ({"youth__name": "Samir Bakker"}, "Samir kwam te laat.", "Samir", "[JONGERE]"),
        ({"youth__birth_date": "2010-05-21"}, "Jarig op 21 mei.", "21 mei", "[GEBOORTEDATUM]"),
        ({"guardians__name": "Karima Bakker"}, "Karima belde.", "Karima", "[OUDER-1]"),
        (
            {"team__name": "Joost Vermeer"},
            "Joost Vermeer belde.",
            "Joost Vermeer",
            "[MEDEWERKER-1]",
        ),
        ({"youth__identifiers": ["klas 4C", "@yusuf_b"]}, "Hij zit in 4C.", "4C", "[KLAS]"),
    ],
)
def test_a_corrected_case_is_not_served_the_old_patterns(change, text, now, placeholder):
    before = _case()
    old = _placeholders(text, before)
    assert old.get(now) != placeholder  # the test text means nothing special to the old case
    after = _case(**change)
    assert _placeholders(text, after).get(now) == placeholder
    # And back: the old case (still cached) does not pick up the correction.
    assert _placeholders(text, before) == old


def test_a_name_corrected_back_and_forth_is_replaced_each_time():
    text = "Yusuf en Samir Bakker kwamen samen."
    wrong, right = _case(), _case(youth__name="Samir Bakker")
    for _ in range(2):
        assert _placeholders(text, wrong)["Yusuf"] == "[JONGERE]"
        assert _placeholders(text, right)["Samir Bakker"] == "[JONGERE]"
        assert _placeholders(text, right).get("Yusuf") != "[JONGERE]"


def test_an_identifier_added_to_the_same_case_object_is_found():
    cf = _case()
    text = "Hij speelt bij VV Oranje."
    assert "[CLUB]" not in pseudonymise(text, cf, model=get_deduce()).text
    cf.youth.identifiers.append("VV Oranje")  # the list inside the frozen case can still grow
    assert "VV Oranje" not in pseudonymise(text, cf, model=get_deduce()).text
    assert identifiers.find_identifiers(text, cf)[0].original == "VV Oranje"


def test_the_pattern_cache_is_bounded():
    _clear()
    model = get_deduce()
    for i in range(80):
        pseudonymise("Hallo.", _case(youth__name=f"Naam{i} Bakker"), model=model)
    assert identifiers._matcher_for.cache_info().currsize == 64
    assert generic._patient_parts.cache_info().currsize <= 64


def test_a_variant_is_compiled_only_when_its_text_could_hold_it():
    """Compiling all of a case's variants up front cost every case's first evaluation in each
    process several ms; a variant whose literal is not in the text never runs, so it is
    compiled when it first could. What is found stays the same."""
    _clear()
    cf = load_casefile(CASE)
    found = identifiers.find_identifiers("Yusuf kwam te laat in de les.", cf)
    assert [(m.original, m.placeholder) for m in found] == [("Yusuf", "[JONGERE]")]
    variants = identifiers._case_matcher(cf).regexes
    compiled = [v for v in variants if v._regex is not None or v._lower is not None]
    assert compiled, "the variant that matched was compiled"
    assert all("yusuf" in v.needle or not v.needle for v in compiled)
    assert len(compiled) < len(variants) / 2, (len(compiled), len(variants))
    later = identifiers.find_identifiers("Fatima Bakker belde over Yusuf Bakker.", cf)
    _clear()
    fresh = identifiers.find_identifiers("Fatima Bakker belde over Yusuf Bakker.", cf)
    assert later == fresh and {m.placeholder for m in later} == {"[OUDER-1]", "[JONGERE]"}
