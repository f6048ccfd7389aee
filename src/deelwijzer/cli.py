"""The ``deelwijzer`` command.

Pure commands (evaluate, check-text, schema, pseudonymise) run without Django; everything
else is a Django management command (``serve``, ``demo``, ``verify-audit`` and Django's own).
"""

from __future__ import annotations

import importlib
import os
import sys

PURE_COMMANDS = {
    "evaluate": ("deelwijzer.procedure.cli_engine", "evaluate_main"),
    "schema": ("deelwijzer.procedure.cli_engine", "schema_main"),
    "check-text": ("deelwijzer.procedure.cli_text", "check_text_main"),
    "pseudonymise": ("deelwijzer.procedure.cli_pseudonymise", "pseudonymise_main"),
}

USAGE = """Gebruik: deelwijzer COMMANDO [opties]

  serve            start de webapplicatie op http://127.0.0.1:8000
  demo             maak de demo-organisatie en toon de inloggegevens
  demo-code NAAM   toon de huidige tweestapscode van een demo-account
  create-organisation --name NAAM --admin-email ADRES
                   maak een organisatie met haar eerste functioneel beheerder
  password-link GEBRUIKER --reason REDEN
                   nieuwe link voor een beheerder zonder wachtwoord (eerste link verlopen)
  grant-role GEBRUIKER ROL --reason REDEN
                   geef een rol zonder tweede beheerder (vastgelegd in de audit)
  reset-second-factor GEBRUIKER --reason REDEN
                   verwijder authenticator-app en herstelcodes (telefoon kwijt)
  create-token GEBRUIKER --name NAAM
                   maak een API-sleutel voor een gebruiker en toon hem (één keer)
  verify-audit     controleer de audittrail (sleutel-hashketen en checkpoints)
  audit-checkpoint schrijf een ondertekend checkpoint van de audittrail (timer)
  rotate-audit-key nieuwe sleutel voor de audittrail; oude rijen blijven controleerbaar
  grant-app-role ROL  geef de databaserol van de app alleen de nodige rechten (PostgreSQL)
  export-case      exporteer een casus als casusbestand (deelwijzer-casefile/1)
  transfer-keygen  maak het sleutelpaar van een organisatie voor overdrachten tussen installaties
  transfer-export  draag een casus over aan een organisatie van een andere installatie (pakket)
  transfer-import  lees een overdrachtspakket van een andere installatie in
  reminders        stuur herinneringen (terugkoppeling, herbeoordeling, open meningen)
  statistics [--from DATUM] [--to DATUM] [--per month|quarter|school_year]
                   de statistieken van alle organisaties als CSV (voor de beheerder)
  open-findings [--stale-only]
                   beoordeel de open casussen opnieuw en tel hun open bevindingen per regel
                   (--stale-only: alleen die sinds hun laatste beoordeling zijn gewijzigd)
  purge            vernietig gesloten casussen waarvan de bewaartermijn voorbij is
  backup PATH      maak een back-up van de database
  restore PATH     zet een back-up terug in een lege database
  seed             vul een lege database met fictieve benchmarkgegevens (make bench)
  rotate-key       nieuwe versleutelingssleutel; versleutelt alle gegevens opnieuw
  verify-attachments  controleer dat elke bijlage te ontsleutelen is en bij haar hash past
  evaluate FILE    beoordeel een casusbestand (deelwijzer-casefile/1)
  check-text FILE  controleer tekst op interpretaties en meningen (stap 1)
  pseudonymise     maak een adviesvraag onherkenbaar (stap 2)
  schema           toon het JSON-schema van het casusbestand
  help             deze tekst; daarnaast werken alle Django-commando's (migrate, …)
"""


def main(argv: list[str] | None = None) -> int:
    try:
        status = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # a reader that went away shows here, not in the flush at exit
        return status
    except BrokenPipeError:  # "| head": a reader that stops early is no error (as in _emit of
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # procedure/cli_engine)
        return 0


def _run(args: list[str]) -> int:
    if not args or args[0] in {"help", "-h", "--help"}:
        print(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command in PURE_COMMANDS:
        module_name, function_name = PURE_COMMANDS[command]
        function = getattr(importlib.import_module(module_name), function_name)
        return int(function(rest) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from deelwijzer.crypto import EncryptionError

    try:
        execute_from_command_line(["deelwijzer", command.replace("-", "_"), *rest])
    except EncryptionError as exc:  # a changed value or a missing key: a message, no traceback
        print(f"deelwijzer {command}: {exc}", file=sys.stderr)
        return 1
    except ImproperlyConfigured as exc:  # a setting missing or wrong: name it, no traceback
        print(f"deelwijzer {command}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
