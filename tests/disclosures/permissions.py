"""The permission table for step 6, the contacts directory and the disclosure register."""

from __future__ import annotations

from uuid import UUID

from tests.permissions import case_kwargs, table

CASE_PAGE = table(404, professional=200)
CASE_POST_ONLY = table(404, professional=405)

GET_TABLE: dict[str, dict[str, int]] = {
    "step6": CASE_PAGE,
    "disclosure_new": CASE_POST_ONLY,
    "disclosure_pdf": CASE_PAGE,
    "disclosure_feedback": CASE_POST_ONLY,
    "contacts": table(403, org_admin=200),
    "contact_edit": table(403, org_admin=200),
    "contact_active": table(403, org_admin=405),
    "disclosure_register": table(403, auditor=200),
}

# With the harmless body {"active": "1"}: the form comes back with its refusal (200; 400 for
# step 6, issue #16.1) or the view redirects with a message (302); nothing is shared.
POST_TABLE: dict[str, dict[str, int]] = {
    "disclosure_new": table(404, professional=422),
    "disclosure_feedback": table(404, professional=302),
    "contacts": table(403, org_admin=422),
    "contact_edit": table(403, org_admin=422),
    "contact_active": table(403, org_admin=302),
}


def ensure_contact(personas) -> UUID:
    from deelwijzer.disclosures.models import Contact

    contact, _created = Contact.objects.get_or_create(
        organisation=personas.organisation, kind="police", name="Wijkagent Noord"
    )
    return contact.public_id


def ensure_disclosure(personas) -> str:
    from datetime import date

    from deelwijzer.disclosures.models import Contact, Disclosure

    case = personas.case
    if not Disclosure.objects.filter(case=case, key="x1").exists():
        contact = Contact.objects.get(public_id=ensure_contact(personas))
        Disclosure.objects.create(
            case=case, key="x1", contact=contact, recipient_kind=contact.kind,
            recipient_name=contact.name, items=[], document={"items": [], "identity": []},
            steps_taken="-", task_professional="-", task_recipient="-",
            feedback_possible=False, ground="consent", decision_key="b1",
            shared_on=date(2025, 1, 6), shared_by=personas.professional,
        )  # fmt: skip
    return "x1"


def url_kwargs(name: str, personas) -> dict:
    if name in {"contacts", "disclosure_register"}:
        return {}
    if name in {"contact_edit", "contact_active"}:
        return {"contact_id": ensure_contact(personas)}
    if name in {"disclosure_pdf", "disclosure_feedback"}:
        return case_kwargs(personas, key=ensure_disclosure(personas))
    return case_kwargs(personas)
