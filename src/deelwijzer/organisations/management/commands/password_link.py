"""``deelwijzer password-link USER --reason ...``: a new one-time link for the first
functional administrator to choose a password, when the one ``create-organisation`` printed
expired or was lost (organisations.services.password_link_by_operator). Audited."""

from __future__ import annotations

from deelwijzer.commandbase import REASON, USER, DatabaseCommand
from deelwijzer.organisations.management.commands.create_organisation import one_time_link
from deelwijzer.organisations.services import password_link_by_operator


class Command(DatabaseCommand):
    help = (
        "Maak een nieuwe eenmalige link waarmee een functioneel beheerder zonder wachtwoord "
        "(de eerste, van create-organisation) er een kiest. De reden komt in de audittrail."
    )

    arguments = (USER, REASON)

    def handle(self, *args, **options):
        path = password_link_by_operator(username=options["user"], reason=options["reason"])
        self.stdout.write(one_time_link(path) + "\nVastgelegd in de audittrail.")
