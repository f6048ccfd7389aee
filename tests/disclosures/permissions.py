"""The permission table for step 6, the contacts directory and the disclosure register."""

from __future__ import annotations

from uuid import UUID

from tests.permissions import NO_ROW, case_kwargs, table

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
    "delivery_send": CASE_POST_ONLY,
    "delivery_withdraw": CASE_POST_ONLY,
    # The recipient's pages: no account, the same for everyone; without the code the page
    # asks for it and the rest sends you there.
    "delivery_page": table(200, anonymous=200),
    "delivery_pdf": table(302, anonymous=302),
    "delivery_file": table(302, anonymous=302),  # a shared file: only after the code (#19)
    "delivery_confirm": table(302, anonymous=302),
    "delivery_feedback": table(302, anonymous=302),
}

# With the harmless body {"active": "1"}: the form comes back with its refusal (200; 400 for
# step 6, issue #16.1) or the view redirects with a message (302); nothing is shared.
POST_TABLE: dict[str, dict[str, int]] = {
    "disclosure_new": table(404, professional=422),
    "disclosure_feedback": table(404, professional=422),  # no date, no text: refused
    "contacts": table(403, org_admin=422),
    "contact_edit": table(403, org_admin=422),
    "contact_active": table(403, org_admin=302),
    "delivery_send": table(404, professional=302),  # x1's contact has no e-mail: refused
    "delivery_withdraw": table(404, professional=302),  # no such delivery: refused
    "delivery_page": table(422, anonymous=422),  # no code given
    "delivery_pdf": table(302, anonymous=302),
    "delivery_file": table(302, anonymous=302),
    "delivery_confirm": table(302, anonymous=302),
    "delivery_feedback": table(302, anonymous=302),
}

MATRIX_TOKEN = "matrix-" + "t" * 36  # a delivery's token, made for the matrix only


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


def ensure_delivery(personas) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from deelwijzer.disclosures.deliveries import token_hash
    from deelwijzer.disclosures.models import Delivery, Disclosure

    disclosure = Disclosure.objects.get(case=personas.case, key=ensure_disclosure(personas))
    Delivery.objects.get_or_create(
        token_hash=token_hash(MATRIX_TOKEN),
        defaults={
            "disclosure": disclosure, "email": "wijkagent@example.nl", "code_channel": "phone",
            "code_hash": "-", "expires_at": timezone.now() + timedelta(days=14),
            "sent_by": personas.professional,
        },
    )  # fmt: skip
    return MATRIX_TOKEN


def url_kwargs(name: str, personas) -> dict:
    if name in {"delivery_page", "delivery_pdf", "delivery_confirm", "delivery_feedback"}:
        return {"token": ensure_delivery(personas)}
    if name == "delivery_file":
        return {"token": ensure_delivery(personas), "key": "f1"}
    if name == "delivery_withdraw":
        return case_kwargs(personas, key=ensure_disclosure(personas), delivery_id=NO_ROW)
    if name == "delivery_send":
        return case_kwargs(personas, key=ensure_disclosure(personas))
    if name in {"contacts", "disclosure_register"}:
        return {}
    if name in {"contact_edit", "contact_active"}:
        return {"contact_id": ensure_contact(personas)}
    if name in {"disclosure_pdf", "disclosure_feedback"}:
        return case_kwargs(personas, key=ensure_disclosure(personas))
    return case_kwargs(personas)
