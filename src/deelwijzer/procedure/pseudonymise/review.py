"""Points for the professional to check: what a machine cannot judge (Stap 2, R2.1).

The texts are our own plain Dutch. They name what to look at; the professional decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from deelwijzer.procedure.pseudonymise.patterns import has_ignorecase_ascii

GENERAL = (
    "Stap 2 (R2.1): lees de tekst na voordat je hem verstuurt. De software herkent geen "
    "omschrijvingen die op zichzelf verraden om wie het gaat, zoals een bijzondere "
    "gebeurtenis, een opvallend uiterlijk of het beroep van een ouder."
)
# Words that often introduce a detail by which people recognise one particular youth.
_RARE_DETAILS = (
    r"\b(?:als enige|de enige|enig kind|tweeling|in de krant|op het nieuws|op tv|op televisie|"
    r"viral|beroemd|bekend van|kampioen\w*|aanvoerder|winnaar|rolstoel|litteken|tatoeage|"
    r"tattoo|prothese|gehoorapparaat|brandwond\w*|rood haar|stotter\w*|pleeggezin|"
    r"vluchteling\w*|asielzoeker\w*|azc|burgemeester|wethouder|imam|dominee|pastoor|"
    r"rabbijn|directeur|eigenaar van|zoon van|dochter van|kleinzoon|kleindochter|"
    r"(?:vader|moeder|oom|tante|broer|zus) is)\b"
)
RARE_DETAIL_RE = re.compile(_RARE_DETAILS, re.IGNORECASE)
# The same words in lower-cased text: twice as fast as IGNORECASE. In a text with one of the
# non-ASCII letters that IGNORECASE reads as ASCII ones the IGNORECASE pattern runs instead.
_RARE_DETAIL_LOWER = re.compile(_RARE_DETAILS)
SMALL_PLACE_HINT = (
    "Stap 2 (R2.1): er stonden namen van plaatsen, straten of wijken in de tekst "
    "({placeholders}). In een kleine "
    "plaats of wijk kan de rest van de omschrijving de jongere toch herkenbaar maken; laat "
    "alleen staan wat de adviseur nodig heeft."
)
PLACE_KINDS = frozenset({"place", "street", "neighbourhood"})
AGE_KEPT = (
    "Stap 2 (R2.1): de leeftijd ({ages}) is bewust blijven staan, omdat de adviseur die nodig "
    "heeft. Noem geen leeftijd die samen met andere details maar op één jongere past."
)
AGE_RE = re.compile(r"\b\d{1,2}\s*(?:jaar|jr\.?)(?:\s+oud)?\b", re.IGNORECASE)
# A capitalised word after a space or tab, not at a sentence's start. The space is matched
# (not looked behind at), so re can scan for it fast; the word is group 1. A match ends with a
# letter, so the next one's space never lies inside it: the words are those of a look-behind.
_CAPITAL_RE = re.compile(r"[ \t](?<![.!?:\n\[]\s)([A-Z][a-z\u00e0-\u00ff]{2,}(?:-[A-Za-z]+)?\b)")


class _Replaced(Protocol):
    @property
    def placeholder(self) -> str: ...

    @property
    def kind(self) -> str: ...


def review_points(text: str, output: str, replacements: Sequence[_Replaced]) -> list[str]:
    """The review list for one pseudonymised text (``text`` original, ``output`` rewritten)."""
    points = [GENERAL]
    points.extend(_rare_details(output))
    places = sorted({r.placeholder for r in replacements if r.kind in PLACE_KINDS})
    if places:
        points.append(SMALL_PLACE_HINT.format(placeholders=", ".join(places)))
    points.extend(_capitalised_words(output))
    ages = sorted(set(m.group().strip() for m in AGE_RE.finditer(output)))
    if ages:
        points.append(AGE_KEPT.format(ages=", ".join(ages)))
    return points


def _rare_details(output: str) -> list[str]:
    if output.isascii() or not has_ignorecase_ascii(output):
        found = sorted(set(_RARE_DETAIL_LOWER.findall(output.lower())))
    else:
        found = sorted({m.group().lower() for m in RARE_DETAIL_RE.finditer(output)})
    if not found:
        return []
    words = ", ".join(f"'{w}'" for w in found)
    return [
        f"Stap 2 (R2.1): controleer de passages met {words}: zulke details kunnen op zichzelf "
        "laten zien om wie het gaat. Laat ze weg of maak ze algemener als de adviseur ze niet "
        "nodig heeft."
    ]


def _capitalised_words(output: str) -> list[str]:
    """Capitalised words in mid-sentence that were left: perhaps a name the software missed."""
    words = sorted({m.group(1) for m in _CAPITAL_RE.finditer(output)})
    if not words:
        return []
    listed = ", ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return [
        f"Stap 2 (R2.1): deze woorden met een hoofdletter zijn blijven staan: {listed}. "
        "Controleer of er geen naam van een persoon, plaats, school of club tussen zit."
    ]
