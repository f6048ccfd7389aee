"""Layer 2: deduce's finds (other names, places, institutions, dates, numbers …) as spans.

deduce is told who the youth is (its ``patient``), so it also catches misspellings of the
youth's name ("Yusef"); such a find becomes ``[JONGERE]`` when it is close to one of the
youth's name parts, and an ordinary person otherwise (deduce also tags a guardian who shares
the surname as "patient"). deduce's age annotator is switched off: the age in years stays, the
age rules and the adviser need it. Adjacent annotations are not merged, so "mevrouw de Wit"
and "van het Baken College" stay two finds that the layers above can each claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Levenshtein

from deelwijzer.procedure.identifier_variants import fold_term, split_name
from deelwijzer.procedure.identifiers import YOUTH
from deelwijzer.procedure.pseudonymise.patterns import KEYWORDS
from deelwijzer.procedure.pseudonymise.places import Lexicon, area_names, street_span

if TYPE_CHECKING:
    from deelwijzer.procedure.casefile import CaseFile

# deduce processors we do not run: the age (kept on purpose), merging, its own redaction, and
# the removal of street names without a house number (:func:`.places.street_span` judges them);
# deduce's overlap resolution runs in :func:`_resolved`, after the street finds are judged.
DISABLED = frozenset(
    {"age", "merge_adjacent_annotations", "redactor", "remove_street_tags", "overlap_resolver"}
)
STREET_PRIORITY = 1

TAG_KIND = {
    "persoon": ("person", "PERSOON"),
    "patient": ("person", "PERSOON"),
    "locatie": ("place", "PLAATS"),
    "ziekenhuis": ("institution", "INSTELLING"),
    "zorginstelling": ("institution", "INSTELLING"),
    "instelling": ("institution", "INSTELLING"),
    "datum": ("date", "DATUM"),
    "telefoonnummer": ("phone", "TELEFOON"),
    "emailadres": ("email", "EMAIL"),
    "url": ("url", "URL"),
    "bsn": ("bsn", "BSN"),
    "id": ("number", "NUMMER"),
    "straat": ("street", "STRAAT"),
    "buurt": ("neighbourhood", "WIJK"),
    "schoolnaam": ("school", "SCHOOL"),
}
_STREET_TAG = {"street": "straat", "neighbourhood": "buurt", "school": "schoolnaam"}


@dataclass(frozen=True)
class GenericFind:
    start: int
    end: int
    kind: str
    base: str
    placeholder: str | None = None  # set when the find is the youth (deduce's patient)


def patient_metadata(cf: CaseFile) -> dict[str, Any]:
    """deduce's metadata naming the youth as the patient, so it links name variants."""
    from deduce.person import Person

    parts = split_name((cf.youth.name or "").strip())
    if parts is None:
        return {}
    person = Person(first_names=list(parts.given) or None, surname=parts.surname or None)
    return {"patient": person}


def deduce_finds(model: Any, text: str, cf: CaseFile) -> list[GenericFind]:
    doc = model.deidentify(text, disabled=set(DISABLED), metadata=patient_metadata(cf))
    youth_tokens = _youth_tokens(cf)
    finds: list[GenericFind] = []
    for ann in _resolved(model, text, doc.annotations):
        if ann.tag not in TAG_KIND or not ann.text.strip():
            continue
        kind, base = TAG_KIND[ann.tag]
        if kind == "place" and any(ch.isdigit() for ch in ann.text):
            kind, base = "address", "ADRES"
        placeholder = None
        if ann.tag == "patient" and _close_to(ann.text, youth_tokens):
            kind, placeholder = "youth_name", YOUTH
        elif ann.tag == "patient" and not _known_name(model, ann.text):
            continue  # context noise next to the youth's name ("Mail yusuf@…"), not a person
        start, end = int(ann.start_char), int(ann.end_char)
        finds.append(GenericFind(start, end, kind, base, placeholder))
    return finds


def _resolved(model: Any, text: str, annotations: Any) -> Any:
    """deduce's annotations with its street finds judged first, then its overlap resolution.

    deduce ranks street finds above all others; resolving before judging would let a rejected
    street find ("Almere" is a street too) push out the place or person it overlaps.
    """
    from docdeid import Annotation, AnnotationSet

    words = lexicon(model)
    kept = AnnotationSet()
    for ann in annotations:
        if ann.tag != "straat":
            kept.add(ann)
            continue
        street = street_span(text, int(ann.start_char), int(ann.end_char), words)
        if street is not None:
            kept.add(
                Annotation(
                    text=text[street.start : street.end],
                    start_char=street.start,
                    end_char=street.end,
                    tag=_STREET_TAG[street.kind],
                    priority=STREET_PRIORITY,
                )
            )
    if not kept:
        return kept
    return model.processors["post_processing"]["overlap_resolver"].process_annotations(kept, text)


def lexicon(model: Any) -> Lexicon:
    """deduce's common Dutch words ("markt", "park"), its first names and surnames, and the
    names its streets are named after (:func:`.places.area_names`)."""
    common = model.lookup_structs["common_word"].__contains__
    placename = model.lookup_structs["placename"]
    exceptions = street_exceptions()
    return Lexicon(
        common=common,
        name=lambda word: _known_name(model, word),
        area=areas().__contains__,
        place=lambda word: [word] in placename,
        no_street=exceptions.__contains__,
    )


STREET_LIST = Path("data", "lookup", "src", "locations", "lst_street")


@lru_cache(maxsize=1)
def areas() -> frozenset[str]:
    """:func:`.places.area_names` of deduce's street list, without the words deduce itself
    excludes from that list ("Centrum", "Oost") and the words for kinds of school, club or
    place of worship ("Kerk"). Read once per process (about 0.6 s), by
    :func:`deelwijzer.procedure.deidentify.get_deduce` when it loads the model."""
    import deduce

    folder = Path(deduce.__file__).parent / STREET_LIST
    names = area_names((folder / "items.txt").read_text(encoding="utf-8"))
    return names - street_exceptions() - KEYWORDS


@lru_cache(maxsize=1)
def street_exceptions() -> frozenset[str]:
    """The words deduce excludes from its street list ("Centrum", "Oost", "Augustus")."""
    import deduce

    path = Path(deduce.__file__).parent / STREET_LIST / "exceptions.txt"
    return frozenset(path.read_text(encoding="utf-8").split("\n")) - {""}


def _known_name(model: Any, text: str) -> bool:
    """Some word of ``text`` is in deduce's first-name or surname lists."""
    structs = model.lookup_structs
    words = [w.strip(".,;:'") for w in text.split()]
    return any([w] in structs["first_name"] or [w] in structs["surname"] for w in words if w)


def _youth_tokens(cf: CaseFile) -> list[str]:
    return [fold_term(t).lower() for t in (cf.youth.name or "").split() if len(t) > 2]


def _close_to(text: str, youth_tokens: list[str]) -> bool:
    """Every word of the find is within one or two edits of a part of the youth's name."""
    words = [fold_term(w).lower().strip(".,'") for w in text.split()]
    words = [w for w in words if len(w) > 1]
    if not words or not youth_tokens:
        return False
    return all(
        any(Levenshtein.distance(w, t) <= (1 if len(t) <= 5 else 2) for t in youth_tokens)
        for w in words
    )
