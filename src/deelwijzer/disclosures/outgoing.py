"""Identity in the texts of a disclosure (issue #16.3): found, then declared or replaced.

Before anything goes out, every text that will leave (the ticked entries, their purposes, the
steps taken, the agreements) is scanned with the pseudonymiser's detector
(:func:`deelwijzer.procedure.outgoing.find_outgoing`). What it finds is either covered by an
identity field the professional ticked, declared as shared identity ("declare"), or replaced
by placeholders in what goes out ("replace"). Otherwise sharing is refused, listing what was
found. The register and the share document then record what actually went out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from deelwijzer.advice.texts import IDENTITY_PARTS
from deelwijzer.disclosures.items import shareable_items
from deelwijzer.procedure.casefile import load_casefile
from deelwijzer.procedure.outgoing import Found, find_outgoing, replaced

DECLARE, REPLACE = "declare", "replace"
MODES = ("", DECLARE, REPLACE)
OTHER = "other"  # identity code: details that are not one of the case's own identity fields
FREE_TEXTS = ("steps_taken", "task_professional", "task_recipient")


def part_labels() -> dict[str, str]:
    return {
        "steps_taken": _("Stappen die je al zette"),
        "task_professional": _("Wat jij doet"),
        "task_recipient": _("Wat de ontvanger doet"),
    }


def _purpose_part(key: str) -> str:
    return f"purpose:{key}"


def part_label(part: str) -> str:
    if part.startswith("purpose:"):
        return _("Waarvoor %(key)s nodig is") % {"key": part.split(":", 1)[1]}
    return part_labels().get(part, part)


def code_of(found: Found) -> str:
    """The identity code (as ``identity_options`` names them) a find belongs to."""
    kind, _sep, rest = found.ref.partition(":")
    if kind == "guardian":
        return f"guardian-{rest.removeprefix('g')}"
    if kind == "identifier":
        return f"identifier-{rest}"
    return found.ref  # name, birth_date, other


@dataclass(frozen=True)
class Outgoing:
    """What the texts of a draft contain, and how the draft deals with it."""

    found: list[Found]
    ticked: tuple[str, ...]
    mode: str

    @property
    def undeclared(self) -> list[Found]:
        return [f for f in self.found if code_of(f) not in self.ticked]

    @property
    def refused(self) -> bool:
        return bool(self.undeclared) and self.mode not in (DECLARE, REPLACE)

    @property
    def replaced(self) -> list[Found]:
        return self.undeclared if self.mode == REPLACE else []

    @property
    def declared(self) -> list[Found]:
        return self.undeclared if self.mode == DECLARE else []

    def codes(self) -> list[str]:
        """The identity codes recorded: the ticked ones and what was declared."""
        codes = list(self.ticked)
        for code in (code_of(f) for f in self.declared):
            if code not in codes:
                codes.append(code)
        return codes

    def text(self, part: str, text: str) -> str:
        """``text`` as it goes out: with the undeclared finds replaced when so chosen."""
        mine = [f for f in self.replaced if f.part == part]
        return replaced(text, mine) if mine else text

    def found_entries(self) -> list[dict]:
        """For the share document, each find that goes out and that no ticked identity field
        already shows (declared ones, and "other" ticked through the API): what, where."""
        shown = [f for f in self.found if f not in self.replaced]
        shown = [f for f in shown if code_of(f) not in self.ticked or code_of(f) == OTHER]
        entries: list[dict] = []
        for f in shown:
            entry = {"label": f.label, "value": f.original, "part": part_label(f.part)}
            if entry not in entries:
                entries.append(entry)
        return entries

    def listing(self, finds: list[Found] | None = None) -> list[str]:
        """One line per part: where, and what was found there."""
        by_part: dict[str, list[str]] = {}
        for f in self.undeclared if finds is None else finds:
            words = by_part.setdefault(part_label(f.part), [])
            word = f"{f.label} ‘{f.original}’"
            if word not in words:
                words.append(word)
        return [f"{part}: {', '.join(words)}" for part, words in by_part.items()]

    def refusal(self) -> str:
        return _(
            "Stap 6 (R6.3): in wat je deelt staan gegevens die iemand herkenbaar maken, terwijl "
            "je ze niet aanvinkte als gegevens die meegaan. %(found)s. Kies of ze bewust "
            "meegaan (dan leggen we ze vast als gedeelde identiteit) of dat Deelwijzer ze in wat "
            "er uitgaat vervangt door bijvoorbeeld [JONGERE]. Of haal ze zelf uit je tekst."
        ) % {"found": "; ".join(self.listing())}


def outgoing_texts(draft, data: dict, files: dict[str, str] | None = None) -> dict[str, str]:
    """Every text of the draft that leaves the organisation, by part; ``files`` the texts of
    the case's files (``shareable_file_texts``): a chosen file's description goes out too."""
    by_key = {item.key: item.text for item in shareable_items(data)} | (files or {})
    texts: dict[str, str] = {}
    for chosen in [*draft.items, *getattr(draft, "files", [])]:
        if chosen.key in by_key:
            texts[chosen.key] = by_key[chosen.key]
        texts[_purpose_part(chosen.key)] = chosen.purpose
    for name in FREE_TEXTS:
        texts[name] = getattr(draft, name)
    return texts


def scan(draft, data: dict, files: dict[str, str] | None = None) -> Outgoing:
    """Find the identity in the draft's outgoing texts (deduce: the shared instance)."""
    cf = load_casefile({key: data[key] for key in IDENTITY_PARTS if key in data})
    found = find_outgoing(outgoing_texts(draft, data, files), cf)
    return Outgoing(found, tuple(draft.identity), draft.found_identity)


def as_sent(draft, outgoing: Outgoing):
    """The draft with its own texts (purposes, steps, agreements) as they go out."""

    def sent(chosen):
        return replace(chosen, purpose=outgoing.text(_purpose_part(chosen.key), chosen.purpose))

    changed: dict[str, object] = {
        name: outgoing.text(name, getattr(draft, name)) for name in FREE_TEXTS
    }
    if hasattr(draft, "files"):
        changed["files"] = [sent(f) for f in draft.files]
    return replace(draft, items=[sent(i) for i in draft.items], **changed)
