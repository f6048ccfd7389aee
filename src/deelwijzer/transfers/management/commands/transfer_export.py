"""``deelwijzer transfer-export``: hand a case over to an organisation of another installation.

The same checks as a transfer within one installation (transfers.services.transfer_export:
the lawful ground, the chosen entries, the identity check), made in the name of a team member
(``--user``); the result is a ``deelwijzer-transfer/1`` package, encrypted to the receiver's
public key and signed with the sender's key. Audited with channel "cli"."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from deelwijzer.audit import context
from deelwijzer.cases.models import Case
from deelwijzer.commandbase import BAD_INPUT, DatabaseCommand
from deelwijzer.transfers.management.commands._files import read_json, write_json
from deelwijzer.transfers.services import TransferInput, transfer_export


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Command(DatabaseCommand):
    help = "Exporteer een overdracht naar een organisatie van een andere installatie."

    def add_arguments(self, parser):
        parser.add_argument("--case", required=True, help="publiek kenmerk (UUID) van de casus")
        parser.add_argument("--user", required=True, help="gebruikersnaam van een teamlid")
        parser.add_argument("--items", required=True, help="kenmerken die meegaan: s1,o1,r1")
        parser.add_argument("--identity", default="", help="bv. name,identifier-0,guardian-3")
        parser.add_argument("--declare-found", action="store_true",
                            help="gevonden herkenbare gegevens gaan bewust mee")  # fmt: skip
        parser.add_argument("--purpose", required=True, help="waarom de ontvanger dit nodig heeft")
        parser.add_argument("--key", required=True, help="het .key-bestand van je organisatie")
        parser.add_argument("--to", required=True, help="het .pub-bestand van de ontvanger")
        parser.add_argument("--output", required=True, help="het pakket (JSON) dat je schrijft")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        case = Case.objects.filter(public_id=_uuid(options["case"])).first()
        if user is None or case is None:
            raise CommandError("Onbekende gebruiker of casus.", returncode=BAD_INPUT)
        draft = TransferInput(
            to_organisation_id=None,
            item_keys=_list(options["items"]),
            identity=_list(options["identity"]),
            purpose=options["purpose"],
            found_identity="declare" if options["declare_found"] else "",
        )
        keys = {"sender_key": read_json(options["key"], "Sleutel"),
                "receiver_key": read_json(options["to"], "Publieke sleutel")}  # fmt: skip
        token = context.set_context(context.AuditContext(channel="cli"))
        try:
            transfer, sealed = transfer_export(actor=user, case_id=case.pk, draft=draft, **keys)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=BAD_INPUT) from None
        finally:
            context.reset_context(token)
        write_json(Path(options["output"]), sealed)
        self.stdout.write(
            f"Overdracht {transfer.public_id} naar {transfer.to_name}: {options['output']} "
            f"({len(json.dumps(sealed))} tekens, versleuteld en ondertekend)."
        )


def _uuid(value: str):
    from uuid import UUID

    try:
        return UUID(value)
    except ValueError:
        raise CommandError(
            f"{value!r} is geen publiek kenmerk (UUID).", returncode=BAD_INPUT
        ) from None
