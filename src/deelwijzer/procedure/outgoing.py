"""What in a text about to leave the organisation identifies someone (step 6, R6.3).

A disclosure records which identity goes out. Its texts (the shared entries, the purposes,
the steps taken, the agreements) can carry identity of their own: the youth's first name, a
parent's name, the town, a third party. :func:`find_outgoing` finds it with the
pseudonymiser: its first layer (the case's own identifiers in every spelling, the same
``find_identifiers`` R2.1 uses) tells *whose* identifier it is; what deduce and the patterns
add (other people, places, institutions, contact details) counts as "other". Dates and
numbers are left alone (the entries' own dates are not identity), and so are the team's
names (the sender is named in the share document anyway).

:func:`replaced` rewrites a text with the placeholders of the finds given, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deelwijzer.procedure.identifiers import BIRTH_DATE, YOUTH, find_identifiers
from deelwijzer.procedure.pseudonymise import pseudonymise

if TYPE_CHECKING:
    from deelwijzer.procedure.casefile import CaseFile

# Kinds of the pseudonymiser's finds that are not someone's identity in a disclosure.
NOT_IDENTITY = frozenset({"date", "number", "team_name"})
OTHER_LABEL = {
    "person": "naam van iemand anders",
    "youth_name": "naam van de jongere",
    "place": "plaats",
    "street": "straat of plein",
    "neighbourhood": "wijk of plek",
    "address": "adres",
    "institution": "instelling",
    "phone": "telefoonnummer",
    "email": "e-mailadres",
    "url": "internetadres",
    "bsn": "burgerservicenummer",
    "class": "klas",
    "account": "account op sociale media",
    "postcode": "postcode",
    "school": "school",
    "club": "club of vereniging",
    "religious": "gebedshuis",
}


@dataclass(frozen=True)
class Found:
    """One identifying detail in one outgoing text.

    ``ref`` says whose known identifier it is: ``"name"``, ``"birth_date"``, ``"guardian:<id>"``
    (the guardian's id in the case file), ``"identifier:<n>"`` (index in
    ``youth.identifiers``), or ``"other"`` for what only deduce or the patterns found.
    """

    part: str
    start: int
    end: int
    original: str
    placeholder: str
    label: str
    ref: str


def find_outgoing(texts: Mapping[str, str], cf: CaseFile, model: Any = None) -> list[Found]:
    """Every identifying detail in ``texts`` (part name -> text), in order of the parts."""
    refs = _known_refs(cf)
    finds: list[Found] = []
    for part, text in texts.items():
        if text.strip():
            finds.extend(_finds(part, text, cf, model, refs))
    return finds


def _finds(part: str, text: str, cf: CaseFile, model: Any, refs: dict[str, str]) -> list[Found]:
    known = {(m.start, m.end): m for m in find_identifiers(text, cf)}
    out = []
    for r in pseudonymise(text, cf, model).replacements:
        match = known.get((r.start, r.end))
        if match is not None:
            ref = refs.get(match.placeholder, "other")
            out.append(Found(part, r.start, r.end, r.original, r.placeholder, match.label, ref))
        elif r.kind not in NOT_IDENTITY:
            label = OTHER_LABEL.get(r.kind, "herkenbaar gegeven")
            ref = "name" if r.placeholder == YOUTH else "other"
            out.append(Found(part, r.start, r.end, r.original, r.placeholder, label, ref))
    return out


def _known_refs(cf: CaseFile) -> dict[str, str]:
    """Placeholder -> ref for the case's own identifiers (the first layer's placeholders)."""
    refs = {YOUTH: "name", BIRTH_DATE: "birth_date"}
    for i, guardian in enumerate(cf.guardians, start=1):
        refs[f"[OUDER-{i}]"] = f"guardian:{guardian.id}"
    for n, identifier in enumerate(cf.youth.identifiers):
        whole = [m for m in find_identifiers(identifier, cf) if m.original == identifier.strip()]
        if whole and whole[0].placeholder not in refs:
            refs[whole[0].placeholder] = f"identifier:{n}"
    return refs


def replaced(text: str, finds: Iterable[Found]) -> str:
    """``text`` with each of ``finds`` (all of this text) replaced by its placeholder."""
    parts, position = [], 0
    for f in sorted(finds, key=lambda f: f.start):
        parts += [text[position : f.start], f.placeholder]
        position = f.end
    parts.append(text[position:])
    return "".join(parts)
