"""The test personas, fixed in one place (DESIGN.md conventions). Imports Django."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F

from deelwijzer.accounts.models import User
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import CaseInput, GuardianInput, case_open
from deelwijzer.organisations.models import Membership, Organisation

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


def changed_directly(*case_ids: int) -> None:
    """Rows a test writes itself (bulk_create, update), not through a service, leave no audit
    event; this moves the cases' revision on as that event would (cases.snapshots)."""
    Case.objects.filter(pk__in=case_ids).update(revision=F("revision") + 1)


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
