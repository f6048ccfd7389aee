"""The demo organisation: one account per role, its contacts and one fictional case. Idempotent."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.audit.services import audit_organisation
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import CaseInput, GuardianInput, case_open, team_member_add
from deelwijzer.organisations.models import Membership, Organisation, Role, Sector

DEMO_ORGANISATION = "Demo-school"
DEMO_PASSWORD = "demo-Deelwijzer-2026"
DEMO_PSEUDONYM = "J-DEMO"
# The authenticator key of every demo account: fixed and printed, so it is known to anyone.
# Only the demo uses it; a real account enrols its own random key (accounts.twofactor).
DEMO_TOTP_KEY = "44656d6f2d446565c2a677696a7a65722d323032"  # hex, 20 bytes
DEMO_DEVICE_NAME = "demo"

# username, first name, last name, role, job title
DEMO_USERS = (
    ("mentor", "Anna", "de Wit", Role.PROFESSIONAL, "mentor"),
    ("collega", "Bram", "Visser", Role.PROFESSIONAL, "zorgcoördinator"),
    ("aandacht", "Chantal", "Peters", Role.ATTENTION_OFFICER, "aandachtsfunctionaris"),
    ("beslisser", "Dirk", "Jansen", Role.DECISION_MAKER, "teamleider"),
    ("beheer", "Eva", "Smit", Role.ORG_ADMIN, "functioneel beheerder"),
    ("privacy", "Farid", "El Amrani", Role.AUDITOR, "functionaris gegevensbescherming"),
)

# The usual chain partners of step 6 (R6.6), all fictional: the demo can share without first
# setting up contacts. kind, name, department or function, phone, e-mail
DEMO_CONTACTS = (
    ("police", "Wijkagent Noord", "Basisteam Demostad", "0900-8844", "wijkagent@demo.invalid"),
    (
        "municipality_aoov",
        "Gemeente Demostad",
        "ambtenaar openbare orde en veiligheid",
        "14 0000",
        "aoov@demo.invalid",
    ),
    ("veiligheidshuis", "Veiligheidshuis Demoregio", "procesregisseur", "", "vh@demo.invalid"),
    ("other", "Jeugdhulpteam Demostad", "wijkteam jeugd", "", "jeugdteam@demo.invalid"),
)


def _contacts(organisation, admin) -> None:
    """Add the demo contacts through the admin's own service (audited); idempotent."""
    from deelwijzer.disclosures.contacts import ContactInput, contact_add
    from deelwijzer.disclosures.models import Contact

    existing = set(Contact.objects.filter(organisation=organisation).values_list("name", flat=True))
    for kind, name, department, phone, email in DEMO_CONTACTS:
        if name not in existing:
            data = ContactInput(kind, name, department, phone, email)
            contact_add(actor=admin, organisation=organisation, data=data)


def _user(organisation, username, first, last, role, job_title):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.invalid"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"job_title": job_title}
    )
    TOTPDevice.objects.get_or_create(
        user=user,
        name=DEMO_DEVICE_NAME,
        defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
    )
    return user


def demo_device(username: str) -> TOTPDevice | None:
    """The demo authenticator of a demo account, or None for any other account."""
    if username not in {row[0] for row in DEMO_USERS}:
        return None
    return TOTPDevice.objects.filter(
        user__username=username,
        user__memberships__organisation__name=DEMO_ORGANISATION,
        name=DEMO_DEVICE_NAME,
        key=DEMO_TOTP_KEY,
        confirmed=True,
    ).first()


@transaction.atomic
def demo_load() -> tuple[Organisation, bool]:
    """Create the demo organisation, its accounts and case; returns (org, created)."""
    organisation, created = Organisation.objects.get_or_create(
        name=DEMO_ORGANISATION, defaults={"sector": Sector.EDUCATION}
    )
    users = {row[0]: _user(organisation, *row) for row in DEMO_USERS}
    _contacts(organisation, users["beheer"])
    if created:
        audit_organisation(None, organisation.pk, "demo.load", purpose="demo")
    if not Case.objects.filter(organisation=organisation, pseudonym=DEMO_PSEUDONYM).exists():
        case = case_open(
            actor=users["mentor"],
            organisation=organisation,
            data=CaseInput(
                pseudonym=DEMO_PSEUDONYM,
                name="Sami de Groot",
                birth_date=date(2011, 5, 20),
                role_on_team="mentor",
                identifiers=["Lindelaan 7", "klas 3B", "@sami_dg", "Het Baken College"],
                guardians=[GuardianInput("Ingrid de Groot", "moeder", True)],
            ),
        )
        team_member_add(
            actor=users["mentor"],
            case_id=case.pk,
            user_id=users["collega"].pk,
            role_on_team="zorgcoördinator",
        )
    return organisation, created
