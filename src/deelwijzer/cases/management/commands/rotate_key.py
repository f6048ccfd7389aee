"""``deelwijzer rotate-key``: a new current encryption key, and every value re-encrypted."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import connections

from deelwijzer import crypto
from deelwijzer.cases.encryption import RotationRefused, key_add, reencrypt_all
from deelwijzer.commandbase import DATABASE, KeyCommand, argument


class Command(KeyCommand):
    help = (
        "Add a new current encryption key to the key file and re-encrypt every encrypted "
        "value with it, in batches (one transaction each). Safe to run again: values already "
        "under the current key are left alone. See docs/deployment.md, section 7."
    )

    arguments = (
        argument(
            "--reencrypt-only",
            action="store_true",
            help="add no key: re-encrypt what is not yet under the current (first) key",
        ),
        argument("--batch-size", type=int, default=500, help="rows per transaction"),
        DATABASE,
    )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size moet minstens 1 zijn (at least 1).", returncode=2)
        try:
            if not options["reencrypt_only"]:
                key_id = key_add()
                self.stdout.write(f"Nieuwe sleutel {key_id} is nu de huidige (new current key).")
            counts = reencrypt_all(
                connection=connections[options["database"]], batch_size=options["batch_size"]
            )
        except RotationRefused as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except crypto.KeyConfigurationError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except crypto.EncryptionError as exc:
            raise CommandError(
                f"{exc} Gestopt; wat al opnieuw versleuteld is, blijft leesbaar. "
                "(Stopped; values re-encrypted so far stay readable.)",
                returncode=1,
            ) from exc
        total = sum(counts.values())
        current = crypto.keyring().current_id
        if total == 0:
            self.stdout.write(
                f"Alle waarden staan al onder sleutel {current}; niets te doen. "
                f"(Every value already uses key {current}.)"
            )
            return
        self.stdout.write(
            f"{total} waarden opnieuw versleuteld met sleutel {current} "
            f"({total} values re-encrypted):"
        )
        for table, count in counts.items():
            if count:
                self.stdout.write(f"  {table}: {count}")
