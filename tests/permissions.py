"""Shared pieces of the permission matrix. Each app's tests add a ``permissions.py`` with
``GET_TABLE``, ``POST_TABLE`` and ``url_kwargs(name, personas)``; the matrix test in
tests/web/test_permission_matrix.py walks them all."""

from __future__ import annotations

A, P, C, AO, DM, OA, AU, S = (
    "anonymous", "professional", "colleague", "attention_officer",
    "decision_maker", "org_admin", "auditor", "stranger",
)  # fmt: skip
SIGNED_IN = (P, C, AO, DM, OA, AU, S)

# Modules holding a part of the table, one per app.
TABLE_MODULES = (
    "tests.web.permissions",
    "tests.signalling.permissions",
    "tests.advice.permissions",
    "tests.conversations.permissions",
    "tests.risks.permissions",
    "tests.decisions.permissions",
    "tests.disclosures.permissions",
    "tests.transfers.permissions",
    "tests.documents.permissions",
    "tests.api.permissions",
    "tests.notifications.permissions",
    "tests.insight.permissions",
    "tests.attachments.permissions",
    "tests.sso.permissions",
)


def table(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    """Expected status per persona: ``default`` for every signed-in persona, then overrides."""
    row = {persona: default for persona in SIGNED_IN}
    row[A] = anonymous
    row.update(overrides)
    return row


NO_ROW = "00000000-0000-7000-8000-000000000001"  # a well-formed public id that is no row's


def case_kwargs(personas, **extra) -> dict:
    return {"case_id": personas.case.public_id, **extra}
