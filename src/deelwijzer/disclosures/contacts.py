"""The organisation's directory of external contacts, kept by the org admin. No case content."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _l

from deelwijzer.disclosures.models import Contact, ContactKind
from deelwijzer.organisations.models import Organisation
from deelwijzer.organisations.services import OrgList, audit_org_admin, require_org_admin

CONTACTS = OrgList(Contact, "contact", "contact", _l("Dit contact bestaat niet (meer)."))


@dataclass(frozen=True)
class ContactInput:
    kind: str
    name: str
    department: str = ""
    phone: str = ""
    email: str = ""


# the service's words for what it refuses; the contact form says the same (ContactForm)
NO_KIND = _l("Kies de soort instantie.")
NO_NAME = _l("Vul de naam van het contact in.")
NO_EMAIL = _l("Vul een geldig e-mailadres in, of laat het leeg.")


def _validate(data: ContactInput) -> ContactInput:
    errors: dict[str, list[str]] = {}
    if data.kind not in ContactKind.values:
        errors["kind"] = [str(NO_KIND)]
    if not data.name.strip():
        errors["name"] = [str(NO_NAME)]
    if data.email.strip():
        try:
            validate_email(data.email.strip())
        except ValidationError:
            errors["email"] = [str(NO_EMAIL)]
    if errors:
        raise ValidationError(errors)
    return ContactInput(**{k: v.strip() for k, v in asdict(data).items()})


def _audit(actor, organisation: Organisation, action: str, contact: Contact, detail: dict) -> None:
    audit_org_admin(actor, organisation, action, "contact", contact.pk, detail)


@transaction.atomic
def contact_add(*, actor, organisation: Organisation, data: ContactInput) -> Contact:
    require_org_admin(actor, organisation)
    clean = _validate(data)
    contact = Contact.objects.create(organisation=organisation, **asdict(clean))
    _audit(actor, organisation, "contact.add", contact, {"kind": clean.kind})
    return contact


@transaction.atomic
def contact_update(
    *, actor, organisation: Organisation, contact_id: int, data: ContactInput
) -> Contact:
    """Change a contact. Disclosures keep the recipient as it was when they were made."""
    require_org_admin(actor, organisation)
    contact = CONTACTS.own(organisation, contact_id)
    clean = _validate(data)
    changed = sorted(k for k, v in asdict(clean).items() if getattr(contact, k) != v)
    for name, value in asdict(clean).items():
        setattr(contact, name, value)
    contact.save()
    _audit(actor, organisation, "contact.update", contact, {"changed": changed})
    return contact
