"""What can be shared from a case: its entries (taken from the case file, so the ids are the
engine's ids) and the identity fields. Each becomes a plain dict that the share document shows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from deelwijzer.cases.models import Case
from deelwijzer.dates import nl_date

GROUPS = ("signals", "opinions", "diagnoses", "advice", "conversations", "risks")


@dataclass(frozen=True)
class Shareable:
    key: str
    group: str
    label: str  # "Signaal", "Mening", …
    text: str
    is_opinion: bool = False

    def snapshot(self) -> dict:
        return {"key": self.key, "label": self.label, "text": self.text, "opinion": self.is_opinion}


def _labels() -> dict[str, dict[str, str]]:
    return {
        "status": {
            "open": _("open"),
            "confirmed": _("bevestigd"),
            "refuted": _("ontkracht"),
        },
        "outcome": {
            "no_follow_up": _("geen vervolgstappen"),
            "extra_attention": _("extra aandacht voor nieuwe of andere signalen"),
            "conversation": _("gesprek met de jongere om naar passende hulp te leiden"),
            "more_advice": _("meer advies vragen"),
        },
        "at_risk": {
            "professional": _("de beroepskracht"),
            "youth": _("de jongere"),
            "family": _("ouders, broers en zussen"),
            "surroundings": _("de omgeving"),
            "regional_national": _("regionale of nationale veiligheid"),
        },
        "severity": {
            "limited": _("beperkt"),
            "considerable": _("aanzienlijk"),
            "serious": _("ernstig"),
        },
        "timing": {"short_term": _("op korte termijn"), "later": _("later")},
    }


def _source(signal: dict) -> str:
    source = signal.get("source") or {}
    if source.get("kind") == "other":
        who = ", ".join(p for p in (source.get("name"), source.get("role")) if p)
        return _("bron: %(who)s") % {"who": who or _("iemand anders")}
    return _("bron: eigen waarneming")


def _signal(s: dict, labels: dict) -> Shareable:
    label = _("Contrasignaal") if s.get("kind") == "contra_signal" else _("Signaal")
    text = f"{nl_date(s.get('observed_on'), '')}: {s.get('text') or ''} ({_source(s)})"
    return Shareable(s["id"], "signals", label, text)


def _opinion(o: dict, labels: dict) -> Shareable:
    status = labels["status"].get(o.get("status") or "open", "")
    text = f"{o.get('text') or ''} ({_('status')}: {status})"
    return Shareable(o["id"], "opinions", _("Mening (geen feit)"), text, is_opinion=True)


def _diagnosis(d: dict, labels: dict) -> Shareable:
    by = d.get("established_by") or {}
    who = ", ".join(p for p in (by.get("name"), by.get("role")) if p)
    text = f"{d.get('text') or ''} ({_('vastgesteld door')} {who or '?'})"
    if d.get("relevance"):
        text += f". {_('Relevantie')}: {d['relevance']}"
    return Shareable(d["id"], "diagnoses", _("Diagnose"), text)


def _advice(a: dict, labels: dict) -> Shareable:
    outcome = labels["outcome"].get(a.get("outcome") or "", _("nog geen uitkomst"))
    text = _("Gevraagd op %(date)s. Uitkomst: %(outcome)s.") % {
        "date": nl_date(a.get("asked_on")),
        "outcome": outcome,
    }
    risks = (a.get("answers") or {}).get("safety_risks")
    if risks:
        text += " " + _("Veiligheidsrisico's volgens de adviseur: %(r)s") % {"r": risks}
    return Shareable(a["id"], "advice", _("Advies"), text)


def _conversation(c: dict, labels: dict) -> Shareable:
    text = _("Gevoerd op %(date)s.") % {"date": nl_date(c.get("held_on"))}
    if c.get("reaction"):
        text += " " + _("Reactie: %(r)s") % {"r": c["reaction"]}
    return Shareable(c["id"], "conversations", _("Gesprek"), text)


def _risk(r: dict, labels: dict) -> Shareable:
    text = _("Voor %(who)s: %(what)s (ernst: %(sev)s; %(when)s)") % {
        "who": labels["at_risk"].get(r.get("at_risk") or "", "?"),
        "what": r.get("description") or "",
        "sev": labels["severity"].get(r.get("severity") or "", "?"),
        "when": labels["timing"].get(r.get("timing") or "", "?"),
    }
    return Shareable(r["id"], "risks", _("Veiligheidsrisico"), text)


_MAKERS = {
    "signals": _signal,
    "opinions": _opinion,
    "diagnoses": _diagnosis,
    "advice": _advice,
    "conversations": _conversation,
    "risks": _risk,
}


def shareable_items(data: dict) -> list[Shareable]:
    """Every entry of a case file (built by ``build_casefile``) that can be shared."""
    labels = _labels()
    return [_MAKERS[group](entry, labels) for group in GROUPS for entry in data.get(group) or []]


def identity_options(case: Case) -> list[tuple[str, str, str]]:
    """(code, label, value) for every identity field that can be ticked."""
    youth = case.youth
    options = [
        ("name", _("Naam"), youth.name),
        ("birth_date", _("Geboortedatum"), nl_date(youth.birth_date)),
    ]
    for i, identifier in enumerate(youth.identifiers or []):
        options.append((f"identifier-{i}", _("Herkenbaar gegeven"), identifier))
    for guardian in case.guardians.all():
        value = f"{guardian.name} ({guardian.relation})"
        options.append((f"guardian-{guardian.pk}", _("Ouder of verzorger"), value))
    return options


def read_marks(items: list[Shareable], identity: list[tuple[str, str, str]]) -> dict[str, str]:
    """A short mark of each text a step 6 page shows to choose from (the entries, the
    identity fields), by key: the page sends them back with Delen, and the share is refused
    when a chosen one has changed meanwhile (a colleague corrected it), since the
    professional then confirms to have read what they never saw."""

    def mark(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    marks = {item.key: mark(f"{item.label}\n{item.text}") for item in items}
    marks.update({code: mark(f"{label}\n{value}") for code, label, value in identity})
    return marks


def format_marks(marks: dict[str, str]) -> str:
    return " ".join(f"{key}:{mark}" for key, mark in marks.items())


def parse_marks(text: str) -> dict[str, str]:
    """The marks a page sent back; what is not of the form ``key:mark`` is left out."""
    pairs = (part.split(":", 1) for part in text.split() if ":" in part)
    return {key: mark for key, mark in pairs}
