"""Step 6: disclosures (verstrekkingen) and the recipient's feedback (R6.1-R6.7).

A disclosure is never changed once recorded (it is what went out); feedback is added to it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status

from deelwijzer.api.pages import PageNumber, page_of, paginate
from deelwijzer.api.schemas import READ, WRITE
from deelwijzer.api.types import CaseId, EntryKey, Flag, Key, Line12, Line40, OneOf, PublicId, Text
from deelwijzer.cases.access import get_case
from deelwijzer.cases.services import case_view
from deelwijzer.disclosures import deliveries, services
from deelwijzer.disclosures.deliveries import Sent
from deelwijzer.disclosures.models import Contact, ContactKind, Delivery, Disclosure, Ground
from deelwijzer.ids import key_for
from deelwijzer.inputs import input_from

router = Router(tags=["stap 6: delen"])


class ItemIn(Schema):
    key: Key
    purpose: Text = ""
    risk: Line12 = ""


class DisclosureIn(Schema):
    contact_id: PublicId | None
    items: list[ItemIn]
    identity: list[Line40] = Field(
        [],
        description=(
            "De identiteitsgegevens die meegaan: `name`, `birth_date`, `identifier-<n>`, "
            "`guardian-<id>`, en `other` voor andere herkenbare gegevens in de teksten."
        ),
    )
    steps_taken: Text = ""
    task_professional: Text = ""
    task_recipient: Text = ""
    feedback_possible: Flag | None = None
    feedback_due_on: date | None = None
    found_identity: Literal["", "declare", "replace"] = Field(
        "",
        description=(
            "Wat er gebeurt met herkenbare gegevens die Deelwijzer in de teksten vindt (de "
            "gedeelde onderdelen, `purpose`, `steps_taken`, de afspraken) en die niet in "
            "`identity` staan: `declare` legt ze vast als gedeelde identiteit, `replace` "
            "vervangt ze in wat er uitgaat door plaatsvervangers zoals [JONGERE]. Leeg: zulke "
            "gegevens geven 422 (veld `identity`, met wat er gevonden is)."
        ),
    )


class FeedbackIn(Schema):
    received_on: date | None
    text: Text


class WithdrawIn(Schema):
    reason: Text = Field(
        description="Waarom de link wordt ingetrokken; verplicht. Komt in het dossier, niet bij "
        "de ontvanger."
    )


class ItemOut(Schema):
    key: str
    purpose: str
    risk: str


class FeedbackOut(Schema):
    received_on: date
    text: str
    from_recipient: bool = Field(
        description="Gegeven door de ontvanger zelf, via de link van een bezorging."
    )


class DeliveryOut(Schema):
    id: UUID
    email: str
    status: Literal["sent", "opened", "confirmed", "expired", "withdrawn", "locked"]
    code_channel: Literal["phone", "email"]
    sent_at: datetime
    expires_at: datetime
    opened_count: int
    first_opened_at: datetime | None
    last_opened_at: datetime | None
    confirmed_at: datetime | None
    withdrawn_at: datetime | None
    withdrawal_reason: str = Field(
        description=(
            "Waarom de link is ingetrokken: getypt door wie hem introk, of door Deelwijzer "
            "gezegd als een nieuwe link hem verving. Leeg als hij niet is ingetrokken, of is "
            "ingetrokken voordat Deelwijzer een reden vroeg."
        )
    )
    failed_attempts: int
    code: str | None = Field(
        None,
        description=(
            "De code om voor te lezen, alleen in het antwoord dat de bezorging maakt en alleen "
            "als de code telefonisch gaat. Deelwijzer bewaart hem niet."
        ),
    )


class DisclosureOut(Schema):
    key: str
    shared_on: date
    contact_id: UUID  # the contact it went to (see /contacts), as given when shared
    recipient_kind: Annotated[str, OneOf(ContactKind)]
    recipient_name: str
    recipient_department: str
    items: list[ItemOut]
    identity: list[str] = Field(
        description="De identiteitsgegevens die meegingen (codes als bij het vastleggen)."
    )
    purpose: str
    steps_taken: str
    task_professional: str
    task_recipient: str
    feedback_possible: bool
    feedback_due_on: date | None
    ground: Annotated[str, OneOf(Ground)]
    decision_key: str
    feedback: list[FeedbackOut]
    deliveries: list[DeliveryOut] = Field(
        description=(
            "De bezorgingen via Deelwijzer aan de ontvanger: een link per e-mail en een code "
            "via een tweede weg, met hun status."
        )
    )


class ContactOut(Schema):
    id: UUID
    kind: Annotated[str, OneOf(ContactKind)]
    name: str
    department: str


DisclosurePage = page_of(DisclosureOut, "DisclosurePage")
ContactPage = page_of(ContactOut, "ContactPage")
PLAIN = ("key", "shared_on", "recipient_kind", "recipient_name", "recipient_department",
         "purpose", "steps_taken", "task_professional", "task_recipient", "feedback_possible",
         "feedback_due_on", "ground", "decision_key")  # fmt: skip


DELIVERY_PLAIN = ("email", "code_channel", "sent_at", "expires_at", "opened_count",
                  "first_opened_at", "last_opened_at", "confirmed_at", "withdrawn_at",
                  "withdrawal_reason", "failed_attempts")  # fmt: skip


def delivery_out(d: Delivery, sent: Sent | None = None) -> dict:
    code = sent.code_for_phone if sent is not None and sent.delivery.pk == d.pk else None
    return {
        "id": d.public_id,
        **{name: getattr(d, name) for name in DELIVERY_PLAIN},
        "status": d.status(),
        "code": code,
    }


def disclosure_out(d: Disclosure) -> dict:
    return {
        **{name: getattr(d, name) for name in PLAIN},
        "contact_id": d.contact.public_id,
        "items": [
            {"key": i["key"], "purpose": i.get("purpose", ""), "risk": i.get("risk", "")}
            for i in d.items
        ],
        "identity": list(d.identity or []),
        "feedback": [
            {"received_on": f.received_on, "text": f.text, "from_recipient": f.from_recipient}
            for f in d.feedback.order_by("received_on", "pk")
        ],
        "deliveries": [delivery_out(x, d.sent) for x in d.deliveries.order_by("sent_at", "pk")],
    }


@router.get(
    "/cases/{uuid:case_id}/disclosures",
    response={200: DisclosurePage, **READ},
    url_name="api_disclosures",
)
def disclosures_list(request, case_id: CaseId, page: int = PageNumber):
    """Wat er van deze casus is gedeeld, met wie, en de terugkoppeling."""
    case, _access = case_view(actor=request.auth, case_id=case_id)
    rows = Disclosure.objects.filter(case=case).select_related("contact")
    rows = rows.order_by("shared_at", "pk")
    return paginate(rows, page, disclosure_out)


@router.post("/cases/{uuid:case_id}/disclosures", response={201: DisclosureOut, **WRITE})
def disclosure_share(request, case_id: CaseId, payload: DisclosureIn):
    """Leg vast wat je deelt, met wie (``contact_id``, zie /contacts) en met welke afspraken.
    Alleen na een afgetekend besluit om te delen (R6.7); de regels van stap 6 beslissen.

    Elk onderdeel in ``items`` heeft een ``purpose`` of een ``risk`` van de casus (R6.3). Een
    weigering noemt het onderdeel bij zijn plaats: ``items.1.purpose`` (geen doel en geen
    risico), ``items.2.key`` (bestaat niet in de casus), ``items`` als er niets gekozen is.

    De teksten die meegaan worden eerst nagelezen op herkenbare gegevens (naam van de jongere
    in elke schrijfwijze, ouders, kenmerken, andere namen en plaatsen). Staat er iets in dat
    niet in ``identity`` staat en is ``found_identity`` leeg, dan antwoordt de API 422
    (problem+json, veld ``identity``) met wat er gevonden is, en wordt er niets gedeeld."""
    draft = input_from(
        services.DisclosureInput,
        payload,
        contact_id=key_for(Contact, payload.contact_id),
        items=[services.ItemInput(i.key, i.purpose, i.risk) for i in payload.items],
    )
    entry = services.disclosure_share(actor=request.auth, case_id=case_id, draft=draft)
    return Status(201, disclosure_out(entry))


@router.post(
    "/cases/{uuid:case_id}/disclosures/{key}/feedback",
    response={201: DisclosureOut, **WRITE},
    url_name="api_disclosure_feedback",
)
def feedback_record(request, case_id: CaseId, key: EntryKey, payload: FeedbackIn):
    """Leg de terugkoppeling van de ontvanger vast (R6.5). Eerdere terugkoppeling blijft."""
    receipt = services.feedback_record(
        actor=request.auth,
        case_id=case_id,
        key=key,
        received_on=payload.received_on,
        text=payload.text,
    )
    return Status(201, disclosure_out(receipt.disclosure))


@router.post(
    "/cases/{uuid:case_id}/disclosures/{key}/deliveries",
    response={201: DeliveryOut, **WRITE},
    url_name="api_delivery_send",
)
def delivery_send(request, case_id: CaseId, key: EntryKey):
    """Bezorg de verstrekking (opnieuw) aan de ontvanger: een nieuwe link per e-mail en een
    nieuwe code; een link die nog werkt wordt eerst ingetrokken. Gaat de code telefonisch, dan
    staat hij eenmalig in ``code``."""
    sent = deliveries.delivery_send(actor=request.auth, case_id=case_id, key=key)
    return Status(201, delivery_out(sent.delivery, sent))


@router.post(
    "/cases/{uuid:case_id}/disclosures/{key}/deliveries/{uuid:delivery_id}/withdraw",
    response={200: DeliveryOut, **WRITE},
    url_name="api_delivery_withdraw",
)
def delivery_withdraw(
    request, case_id: CaseId, key: EntryKey, delivery_id: UUID, payload: WithdrawIn
):
    """Trek de link van een bezorging in, met de reden: hij werkt meteen niet meer."""
    delivery = deliveries.delivery_withdraw(
        actor=request.auth,
        case_id=case_id,
        key=key,
        delivery_id=delivery_id,
        reason=payload.reason,
    )
    return delivery_out(delivery)


def contact_out(c: Contact) -> dict:
    return {"id": c.public_id, "kind": c.kind, "name": c.name, "department": c.department}


@router.get(
    "/cases/{uuid:case_id}/contacts", response={200: ContactPage, **READ}, url_name="api_contacts"
)
def contacts_list(request, case_id: CaseId, page: int = PageNumber):
    """De contacten van de organisatie van deze casus: de mogelijke ontvangers (R6.6)."""
    case, access = get_case(request.auth, case_id, need="view")
    if not (access.edit or access.reopen):  # the team's, also while the case is closed
        raise Http404
    rows = Contact.objects.filter(organisation_id=case.organisation_id, active=True)
    return paginate(rows.order_by("kind", "name", "pk"), page, contact_out)
