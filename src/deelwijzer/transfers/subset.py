"""The part of a case file that a transfer carries (issue #20.2): the young person's
pseudonym and birth date (every case needs them), the identity fields that go, and the chosen
entries of the groups the case-file import takes. References to entries that stay behind (an
opinion about a signal, a risk based on one) are left out, so the subset is a valid
``deelwijzer-casefile/1`` on its own. The sending team does not go along (nor who of it
recorded a signal)."""

from __future__ import annotations

IMPORTED = ("signals", "opinions", "diagnoses", "risks")
REFERENCES = {"opinions": "about", "risks": "based_on"}
# Who of the sending team recorded a signal stays behind: the team does not go along.
LEFT_OUT = {"signals": ("recorded_by",)}


def _youth(youth: dict, identity: list[str]) -> dict:
    identifiers = [
        value
        for i, value in enumerate(youth.get("identifiers") or [])
        if f"identifier-{i}" in identity
    ]
    return {
        "pseudonym": youth["pseudonym"],
        "birth_date": youth["birth_date"],
        "name": youth.get("name") if "name" in identity else None,
        "identifiers": identifiers or None,
    }


def _guardians(guardians: list[dict], identity: list[str]) -> list[dict]:
    codes = {f"guardian-{g['id'].removeprefix('g')}": g for g in guardians}
    return [g for code, g in codes.items() if code in identity]


def _entry(group: str, entry: dict, keys: set[str]) -> dict:
    out = {**entry, **{name: None for name in LEFT_OUT.get(group, ()) if name in entry}}
    field = REFERENCES.get(group)
    if field and isinstance(entry.get(field), list):
        out[field] = [ref for ref in entry[field] if ref in keys]
    return out


def casefile_subset(data: dict, keys: set[str], identity: list[str]) -> dict:
    subset = {
        "format": data["format"],
        "organisation": data["organisation"],
        "youth": _youth(data["youth"], identity),
        "guardians": _guardians(data.get("guardians") or [], identity),
    }
    for group in IMPORTED:
        subset[group] = [
            _entry(group, entry, keys) for entry in data.get(group) or [] if entry["id"] in keys
        ]
    return subset
