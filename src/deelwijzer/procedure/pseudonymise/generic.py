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

    parts = _patient_parts(cf.youth.name or "")
    if parts is None:
        return {}
    given, surname = parts
    # A new Person and dict on every call: deduce writes into the metadata it is given.
    return {"patient": Person(first_names=list(given) or None, surname=surname or None)}


@lru_cache(maxsize=64)
def _patient_parts(name: str) -> tuple[tuple[str, ...], str] | None:
    """The youth's given names and surname as deduce's patient takes them (pure function of
    the name, so cached: splitting it cost more than the rest of building the metadata)."""
    parts = split_name(name.strip())
    return None if parts is None else (parts.given, parts.surname)


def deduce_finds(model: Any, text: str, cf: CaseFile) -> list[GenericFind]:
    doc = model.deidentify(text, disabled=set(DISABLED), metadata=patient_metadata(cf))
    youth_tokens = _youth_tokens(cf.youth.name or "")
    finds: list[GenericFind] = []
    for start, end, tag, found in _resolved(model, text, doc.annotations):
        if tag not in TAG_KIND or not found.strip():
            continue
        kind, base = TAG_KIND[tag]
        if kind == "place" and any(ch.isdigit() for ch in found):
            kind, base = "address", "ADRES"
        placeholder = None
        if tag == "patient" and _close_to(found, youth_tokens):
            kind, placeholder = "youth_name", YOUTH
        elif tag == "patient" and not _known_name(model, found):
            continue  # context noise next to the youth's name ("Mail yusuf@…"), not a person
        finds.append(GenericFind(start, end, kind, base, placeholder))
    return finds


# One annotation of deduce as a plain tuple: (priority, start, end, tag, text).
Found = tuple[int, int, int, str, str]


def _resolved(model: Any, text: str, annotations: Any) -> list[tuple[int, int, str, str]]:
    """deduce's annotations with its street finds judged first, then its overlap resolution
    (:func:`resolve_overlaps`), as (start, end, tag, text).

    deduce ranks street finds above all others; resolving before judging would let a rejected
    street find ("Almere" is a street too) push out the place or person it overlaps.
    """
    words = lexicon(model)
    kept: dict[tuple[int, int, str, str], int] = {}
    for ann in annotations:
        start, end = int(ann.start_char), int(ann.end_char)
        if ann.tag != "straat":
            kept.setdefault((start, end, ann.tag, ann.text), ann.priority)
            continue
        street = street_span(text, start, end, words)
        if street is not None:
            key = (
                street.start,
                street.end,
                _STREET_TAG[street.kind],
                text[street.start : street.end],
            )
            kept.setdefault(key, STREET_PRIORITY)
    return resolve_overlaps([(p, s, e, tag, found) for (s, e, tag, found), p in kept.items()])


def resolve_overlaps(found: list[Found]) -> list[tuple[int, int, str, str]]:
    """deduce's overlap resolution (docdeid's ``OverlapResolver`` with deduce's strategy:
    higher priority first, then longer, then by end, start, tag and text) on plain tuples.

    Each annotation in that order keeps the characters no earlier one took: whole when none
    was taken, else one piece per untaken stretch. Same result as deduce's, whose per-character
    test over a numpy mask and Annotation objects cost more than the rest of our resolving.
    """
    if not found:
        return []
    ordered = sorted(found, key=lambda f: (-f[0], f[1] - f[2], f[2], f[1], f[3], f[4]))
    taken = bytearray(max(f[2] for f in found))
    out: list[tuple[int, int, str, str]] = []
    for _, start, end, tag, words in ordered:
        if taken.find(1, start, end) < 0:
            out.append((start, end, tag, words))
        else:
            position = start
            while (free := taken.find(0, position, end)) >= 0:
                stop = taken.find(1, free, end)
                position = end if stop < 0 else stop
                out.append((free, position, tag, words[free - start : position - start]))
        taken[start:end] = b"\x01" * (end - start)
    return out


@lru_cache(maxsize=2)
def lexicon(model: Any) -> Lexicon:
    """deduce's common Dutch words ("markt", "park"), its first names and surnames, and the
    names its streets are named after (:func:`.places.area_names`).

    Built once per model (the cache holds the model itself, so it is keyed by that object and
    not by a reusable id; the process has one model) instead of twice per call."""
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


@lru_cache(maxsize=64)
def _youth_tokens(name: str) -> tuple[str, ...]:
    return tuple(fold_term(t).lower() for t in name.split() if len(t) > 2)


def _close_to(text: str, youth_tokens: tuple[str, ...]) -> bool:
    """Every word of the find is within one or two edits of a part of the youth's name."""
    words = [fold_term(w).lower().strip(".,'") for w in text.split()]
    words = [w for w in words if len(w) > 1]
    if not words or not youth_tokens:
        return False
    return all(
        any(Levenshtein.distance(w, t) <= (1 if len(t) <= 5 else 2) for t in youth_tokens)
        for w in words
    )
