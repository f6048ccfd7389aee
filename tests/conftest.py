"""The test personas, fixed in one place (DESIGN.md conventions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from deelwijzer.accounts.models import User
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import CaseInput, GuardianInput, case_open
from deelwijzer.organisations.models import Membership, Organisation, Role, Sector

PASSWORD = "test-wachtwoord-lang-genoeg"


@dataclass
class Personas:
    organisation: Organisation
    other_organisation: Organisation
    professional: User  # on the team of ``case``
    colleague: User  # professional of the same organisation, not on the team
    attention_officer: User
    decision_maker: User
    org_admin: User
    auditor: User
    stranger: User  # professional of another organisation
    case: Case
    other_case: Case  # a case of the other organisation

    def all(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "professional": self.professional,
            "colleague": self.colleague,
            "attention_officer": self.attention_officer,
            "decision_maker": self.decision_maker,
            "org_admin": self.org_admin,
            "auditor": self.auditor,
            "stranger": self.stranger,
        }


def make_user(username: str, organisation: Organisation, *roles: str) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Test"
    )
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def open_case(actor: User, organisation: Organisation, pseudonym: str, **overrides) -> Case:
    data = {
        "pseudonym": pseudonym,
        "name": "Yusuf Bakker",
        "birth_date": date(2011, 3, 14),
        "role_on_team": "mentor",
        "identifiers": ["Kastanjelaan 14", "klas 3B", "@yusuf_b"],
        "guardians": [GuardianInput("Fatima Bakker", "moeder", True)],
    }
    data.update(overrides)
    return case_open(actor=actor, organisation=organisation, data=CaseInput(**data))


@pytest.fixture
def personas(db) -> Personas:
    org = Organisation.objects.create(name="Het Baken", sector=Sector.EDUCATION)
    other = Organisation.objects.create(name="Jeugdhulp Noord", sector=Sector.YOUTH_CARE)
    professional = make_user("prof", org, Role.PROFESSIONAL)
    stranger = make_user("vreemde", other, Role.PROFESSIONAL)
    return Personas(
        organisation=org,
        other_organisation=other,
        professional=professional,
        colleague=make_user("collega", org, Role.PROFESSIONAL),
        attention_officer=make_user("aandacht", org, Role.ATTENTION_OFFICER),
        decision_maker=make_user("beslisser", org, Role.DECISION_MAKER),
        org_admin=make_user("beheerder", org, Role.ORG_ADMIN),
        auditor=make_user("privacy", org, Role.AUDITOR),
        stranger=stranger,
        case=open_case(professional, org, "J-TEST"),
        other_case=open_case(stranger, other, "J-ANDR", name="Lotte Jansen"),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (or anonymous for None)."""

    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Real hashing costs ~0.5 s per user; the tests are about access, not hashing."""
    from django.test.utils import override_settings

    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_triggers():
    """Transactional tests end with a flush; the audit triggers refuse it, by design.

    Only here, in the test run, is the audit table's guard lifted for the flush itself.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    from deelwijzer.audit import triggers

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        connection = self.connection
        with connection.cursor() as cursor:
            triggers.drop(cursor, connection.vendor)
        try:
            return original(self, sql_list)
        finally:
            with connection.cursor() as cursor:
                triggers.create(cursor, connection.vendor)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original
