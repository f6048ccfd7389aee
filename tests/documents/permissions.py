"""The permission table for the dossier and its exports: the team only; everyone else 404."""

from __future__ import annotations

from tests.permissions import case_kwargs, table

GET_TABLE: dict[str, dict[str, int]] = {
    "dossier": table(404, professional=200),
    "dossier_pdf": table(404, professional=200),
    "dossier_subject_access": table(404, professional=200),
    "dossier_casefile": table(404, professional=200),
}

POST_TABLE: dict[str, dict[str, int]] = {}


def url_kwargs(name: str, personas) -> dict:
    return case_kwargs(personas)
