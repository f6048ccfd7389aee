"""``deelwijzer grant-role USER ROLE --reason ...``: the installation operator grants a role
without a second administrator (e.g. the only administrator of a new organisation). Audited
with the reason, as approved by the operator (issue #17.1)."""

from __future__ import annotations

from deelwijzer.commandbase import REASON, USER, DatabaseCommand, argument
from deelwijzer.organisations.grants import role_grant_by_operator
from deelwijzer.organisations.models import Role


class Command(DatabaseCommand):
    help = (
        "Geef een gebruiker een rol, zonder tweede beheerder (vier ogen via de operator). "
        "De reden komt in de audittrail."
    )

    arguments = (
        USER,
        argument("role", help=", ".join(Role.values)),
        REASON,
        argument("--organisation", help="naam van de organisatie, als er meer zijn"),
    )

    def handle(self, *args, **options):
        grant = role_grant_by_operator(
            username=options["user"],
            role=options["role"],
            reason=options["reason"],
            organisation_name=options["organisation"],
        )
        self.stdout.write(
            f"{grant.user.username} heeft nu in '{grant.organisation.name}' de rollen: "
            f"{', '.join(grant.roles)}. Vastgelegd in de audittrail."
        )
