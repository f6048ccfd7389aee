"""``deelwijzer transfer-import PAKKET --organisation NAAM --key NAAM.key --from AFZENDER.pub``:
a ``deelwijzer-transfer/1`` package from another installation, checked (signature, receiver,
a valid case file) and pending for the organisation's attention officer or functional
administrator under Overdrachten: the same accept or decline step as within one installation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from deelwijzer.audit import context
from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.organisations.models import Organisation
from deelwijzer.transfers.management.commands._files import read_json
from deelwijzer.transfers.services import transfer_import


class Command(DatabaseCommand):
    help = "Lees een overdrachtspakket van een andere installatie in (wacht op aanvaarden)."

    def add_arguments(self, parser):
        parser.add_argument("package", help="het pakket (JSON)")
        parser.add_argument("--organisation", required=True, help="de ontvangende organisatie")
        parser.add_argument("--key", required=True, help="het .key-bestand van die organisatie")
        parser.add_argument("--from", dest="sender", required=True,
                            help="het .pub-bestand van de afzender")  # fmt: skip

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"Er is geen organisatie {options['organisation']!r}.", returncode=BAD_INPUT
            )
        sealed = read_json(options["package"], "Pakket")
        keys = {"receiver_key": read_json(options["key"], "Sleutel"),
                "sender_key": read_json(options["sender"], "Publieke sleutel")}  # fmt: skip
        token = context.set_context(context.AuditContext(channel="cli"))
        try:
            transfer = transfer_import(organisation=organisation, sealed=sealed, **keys)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=BAD_INPUT) from None
        finally:
            context.reset_context(token)
        self.stdout.write(
            f"Overdracht {transfer.public_id} van {transfer.from_name} wacht op aanvaarden "
            f"onder Overdrachten ({len(transfer.item_keys)} onderdelen)."
        )
