"""The permission table for statistics and the audit trail's exports (issue #22): the
statistics for the functional administrator, the attention officer and the privacy officer;
the trail and its exports for the privacy officer only."""

from tests.permissions import table

STATISTICS = table(403, attention_officer=200, org_admin=200, auditor=200)

GET_TABLE: dict[str, dict[str, int]] = {
    "statistics": STATISTICS,
    "statistics_csv": STATISTICS,
    "statistics_pdf": STATISTICS,
    "audit_export_csv": table(403, auditor=200),
    "audit_export_pdf": table(403, auditor=200),
}

POST_TABLE: dict[str, dict[str, int]] = {}


def url_kwargs(name: str, personas) -> dict:
    return {}
