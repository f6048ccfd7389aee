"""What the step 6 pages and the admin pages read: the contacts a disclosure can go to, who
can add one, the case's disclosures with their feedback, the organisation's contacts list and
its disclosure register (ids and labels, no content)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from deelwijzer.cases.models import Case
from deelwijzer.disclosures.models import Contact, Delivery, Disclosure
from deelwijzer.organisations.models import Membership, Organisation, Role


def contacts_in_use(case: Case) -> list[Contact]:
    """The organisation's contacts a disclosure of this case can go to (R6.6)."""
    rows = Contact.objects.filter(organisation_id=case.organisation_id, active=True)
    return list(rows.order_by("kind", "name"))


def contact_switched_off(case: Case, posted) -> Contact | None:
    """The organisation's contact ``posted`` (a public id, as posted) if it is switched off:
    chosen on a page opened before the administrator switched it off."""
    try:
        public_id = UUID(str(posted))
    except ValueError:
        return None
    rows = Contact.objects.filter(organisation_id=case.organisation_id, active=False)
    return rows.filter(public_id=public_id).first()


def functional_administrators(case: Case) -> list[str]:
    """Who can add contacts (R6.6): the organisation's functioneel beheerders, by name."""
    rows = Membership.objects.filter(
        organisation_id=case.organisation_id, role=Role.ORG_ADMIN, active=True, user__is_active=True
    ).select_related("user")
    return sorted(m.user.display_name() for m in rows)


def case_disclosures(case: Case) -> list[Disclosure]:
    """The case's disclosures, oldest first, with who shared them and their feedback."""
    rows = Disclosure.objects.filter(case=case).select_related("shared_by", "contact")
    rows = rows.prefetch_related("feedback__recorded_by", "deliveries__withdrawn_by")
    return list(rows.order_by("id"))


def has_disclosure(case: Case, key: str) -> bool:
    return Disclosure.objects.filter(case=case, key=key).exists()


def disclosure_or_none(case: Case, key: str) -> Disclosure | None:
    return Disclosure.objects.filter(case=case, key=key).first()


def contact_rows(organisation: Organisation) -> QuerySet[Contact]:
    """The contacts directory: those in use first."""
    return Contact.objects.filter(organisation=organisation).order_by("-active", "kind", "name")


def register_rows(organisation: Organisation) -> QuerySet[Disclosure]:
    """The disclosure register, newest first."""
    return (
        Disclosure.objects.filter(case__organisation=organisation)
        .select_related("case", "shared_by")
        .prefetch_related("feedback", "deliveries__disclosure")
        .order_by("-shared_at", "-id")
    )


def delivery_of(case, key: str, delivery_id) -> Delivery | None:
    """Delivery ``delivery_id`` of disclosure ``key``, withdrawn or not."""
    return (
        Delivery.objects.filter(disclosure__case=case, disclosure__key=key, public_id=delivery_id)
        .select_related("disclosure", "withdrawn_by")
        .first()
    )


def withdrawable_delivery(case, key: str, delivery_id) -> Delivery | None:
    """Delivery ``delivery_id`` of disclosure ``key`` while its link can still be withdrawn."""
    delivery = delivery_of(case, key, delivery_id)
    return delivery if delivery is not None and delivery.withdrawn_at is None else None
