"""Encryption at rest of the youth's identity and the free text of the steps (issue 8).

ASVS 5.0 V11.3.2/V11.3.3 (approved authenticated encryption, AES-GCM), V11.3.4 (fresh
nonces), V11.1.1/V11.2.2 (documented key lifecycle; keys replaced and data re-encrypted),
V11.2.5 (failing securely), V14.2.4 (sensitive data protected at rest as documented);
NEN 7510-2 10.1.1 (cryptographic controls) and 10.1.2 (key management).
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from deelwijzer import cli, crypto
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.checks import encryption_keys
from deelwijzer.cases.encryption import encrypt_plain, encrypted_tables, rewrite_table
from deelwijzer.cases.models import Case, Guardian, Youth
from deelwijzer.cases.services import case_close
from deelwijzer.disclosures.models import Disclosure
from deelwijzer.signalling.models import Signal, SignalKind, SourceKind
from deelwijzer.signalling.services import SignalInput, signal_add
from tests.cases.test_retention import NAME, fill_every_case_model
from tests.disclosures.helpers import (
    OPINION,
    RISK,
    TICKED_SIGNAL,
    ready_case,
    share_body,
    step6_url,
)

SIGNAL_TEXT = "Zei op 3 maart in de kantine dat hij naar Raqqa wil reizen."
BIRTH = date(2011, 3, 14)  # the personas' case


def raw(table: str, column: str, pk: int) -> str:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(table)} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def set_raw(table: str, column: str, pk: int, value: str) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s", [value, pk])


def raw_hits(needle: str) -> list[str]:
    """Every table.column whose stored text (raw SQL, nothing decrypted) contains ``needle``."""
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "
                    f"WHERE CAST({quote(column.name)} AS TEXT) LIKE %s",
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column.name}")
    return hits


def add_signal(personas, text: str = SIGNAL_TEXT) -> Signal:
    data = SignalInput(
        kind=SignalKind.SIGNAL,
        observed_on=date(2026, 3, 3),
        text=text,
        source_kind=SourceKind.OTHER,
        source_name="Mevrouw Jolanda de Wit",
        source_role="conciërge",
    )
    return signal_add(actor=personas.professional, case_id=personas.case.pk, data=data)


@pytest.fixture
def key_file(tmp_path, settings):
    """A key file of this test holding the keys in use, so existing rows stay readable."""
    ring = crypto.keyring()
    path = tmp_path / "keys"
    lines = [f"{kid}:{base64.b64encode(key).decode()}" for kid, key in ring.keys.items()]
    path.write_text(crypto.FILE_HEADER + "\n".join(lines) + "\n")
    path.chmod(0o600)
    settings.ENCRYPTION_KEYS = None
    settings.ENCRYPTION_KEY_FILE = str(path)
    return path


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command(*args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


# --- nothing readable in the database ----------------------------------------------------------


def test_raw_sql_shows_no_name_birth_date_or_signal_text(personas):
    """ASVS V14.2.4, V11.3.2; NEN 7510 10.1.1: a copied database shows no identity or text."""
    signal = add_signal(personas)
    youth = personas.case.youth
    assert (youth.name, youth.birth_date, signal.text) == ("Yusuf Bakker", BIRTH, SIGNAL_TEXT)
    for needle in (
        "Yusuf",
        "Bakker",  # the youth and the guardian
        "2011-03-14",
        "Kastanjelaan",
        "@yusuf_b",
        "Raqqa",
        "Jolanda",
        "conciërge",
        "Lotte Jansen",  # the other organisation's youth
    ):
        assert raw_hits(needle) == [], needle  # the audit trail included
    stored = raw("cases_youth", "name", youth.pk)
    assert stored.startswith(f"v1:{crypto.keyring().current_id}:")


def test_a_disclosure_snapshot_with_the_name_is_stored_encrypted(personas, client_for):
    """ASVS V14.2.4: the share document (what went out, with the name) is no plain text."""
    contact = ready_case(personas)
    client = client_for(personas.professional)
    assert client.post(step6_url(personas), share_body(contact)).status_code == 302
    disclosure = Disclosure.objects.get()
    assert "Yusuf Bakker" in json.dumps(disclosure.document, ensure_ascii=False)
    for needle in ("Yusuf", RISK[:30], OPINION[:30], TICKED_SIGNAL[:30], "wijkagent spreekt"):
        assert raw_hits(needle) == [], needle
    assert raw_hits("Wijkagent Noord") == [  # the organisation's contact is not case content
        "disclosures_contact.name",
        "disclosures_disclosure.recipient_name",
    ]


def test_every_text_of_a_case_is_encrypted_except_the_listed_codes(personas):
    """ASVS V14.2.4: every free-text column of a case-linked table is encrypted; what stays
    plain are keys, codes, choices and organisation-level names (allow-list below)."""
    fill_every_case_model(personas.case, personas.professional)
    plain_allowed = {
        "cases_case.pseudonym",  # the pseudonym is not secret
        "cases_guardian.relation",  # "moeder", "vader"
        "cases_teammember.role_on_team",  # the professional's role
        "cases_casesnapshot.built_by",  # the program's stamp (cases.program), not case content
        "advice_advicerequest.asker_role",  # the professional's role
        "disclosures_disclosure.recipient_name",  # the contact of the organisation
        "disclosures_disclosure.recipient_department",
        # attachments: codes, a hash and random storage names (the file itself is encrypted)
        "attachments_attachment.entry_kind",
        "attachments_attachment.entry_key",
        "attachments_attachment.content_type",
        "attachments_attachment.sha256",
        "attachments_attachment.storage_name",
        "attachments_attachment.thumbnail_name",
        # deliveries (#20.1): hashes of the link and code; the contact's own e-mail address
        # (organisation data, as disclosures_contact), not case content
        "disclosures_delivery.token_hash",
        "disclosures_delivery.code_hash",
        "disclosures_delivery.email",
        # transfers (#20.2): organisation names, the ground's code, entry keys, identity codes;
        # what goes (the case-file subset) and the reasons are encrypted
        "transfers_transfer.from_name",
        "transfers_transfer.to_name",
        "transfers_transfer.ground",
        "transfers_transfer.item_keys",
        "transfers_transfer.imported_keys",
        "transfers_transfer.identity",
        "transfers_transfer.package_id",  # the sender's transfer id (read in once)
        "transfers_transfer.package_hash",  # the package's SHA-256
    }
    leaked = set()
    for hit in raw_hits(NAME[:12]):  # 12: the shortest text column (entry keys) fits it
        table, column = hit.split(".")
        if column in {"key", "advice_key", "decision_key", "opinion_key", "decided_role"}:
            continue  # short codes ("s1", "a2", "b1") and choice codes, filled by the walk
        if column in {"tags", "about", "held_by", "participants", "guardian_ids", "based_on"}:
            continue  # lists of keys, ids and labels of the organisation's signal list
        if column in {"signal_keys", "serious_concrete_risks"}:
            continue  # lists of entry keys
        leaked.add(hit)
    assert leaked <= plain_allowed, sorted(leaked - plain_allowed)
    for table, (pk, columns) in encrypted_tables().items():
        for column in columns:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {column} FROM {table}")
                for row_id, value in cursor.fetchall():
                    if value:
                        assert crypto.is_encrypted(value), f"{table}.{column} row {row_id}"


def test_the_audit_trail_holds_no_case_content(personas, client_for):
    """NEN 7513, ASVS V16.2.5: audit details are ids and field names only (never content)."""
    add_signal(personas)
    client = client_for(personas.professional)
    assert client.get(reverse("case_detail", args=[personas.case.public_id])).status_code == 200
    case_close(actor=personas.professional, case_id=personas.case.pk, reason="Yusuf verhuisd")
    details = " ".join(str(e.detail) for e in AuditEvent.objects.all())
    for needle in ("Yusuf", "Bakker", "Raqqa", "Jolanda", NAME, "2011-03-14", "Kastanjelaan"):
        assert needle not in details


# --- the ORM keeps working ---------------------------------------------------------------------


def test_round_trip_of_every_kind_of_field_also_through_bulk_create_and_update(personas):
    """ASVS V11.2.1: what is written is read back exactly (text, char, date, JSON)."""
    case = personas.case
    youth = Youth.objects.get(case=case)
    assert youth.name == "Yusuf Bakker" and youth.birth_date == BIRTH
    assert youth.identifiers == ["Kastanjelaan 14", "klas 3B", "@yusuf_b"]
    assert list(Youth.objects.filter(pk=youth.pk).values_list("name", "birth_date")) == [
        ("Yusuf Bakker", BIRTH)
    ]
    Youth.objects.filter(pk=youth.pk).update(name="Ümit Ôzdemir 🙂")
    youth.refresh_from_db()
    assert youth.name == "Ümit Ôzdemir 🙂"
    made = Guardian.objects.bulk_create(
        [Guardian(case=case, name=f"Ouder {i}", relation="voogd") for i in range(3)]
    )
    assert raw("cases_guardian", "name", made[0].pk).startswith("v1:")
    assert sorted(g.name for g in Guardian.objects.filter(case=case))[-3:] == [
        "Ouder 0",
        "Ouder 1",
        "Ouder 2",
    ]
    for guardian in made:
        guardian.name = guardian.name.upper()
    Guardian.objects.bulk_update(made, ["name"])
    assert {g.name for g in Guardian.objects.filter(pk__in=[g.pk for g in made])} == {
        "OUDER 0",
        "OUDER 1",
        "OUDER 2",
    }
    closed = Case.objects.get(pk=case.pk)
    assert closed.close_reason == "" and raw("cases_case", "close_reason", case.pk) == ""


def test_two_writes_of_the_same_text_differ(personas):
    """ASVS V11.3.4: a fresh nonce per value: equal texts are not recognisable as equal."""
    first, second = add_signal(personas), add_signal(personas)
    assert raw("signalling_signal", "text", first.pk) != raw("signalling_signal", "text", second.pk)


def test_an_encrypted_column_refuses_sql_filters_instead_of_never_matching(personas):
    """A filter on ciphertext would silently find nothing: it is an error instead."""
    with pytest.raises(FieldError, match="encrypted"):
        list(Youth.objects.filter(name="Yusuf Bakker"))
    with pytest.raises(FieldError, match="encrypted"):
        list(Youth.objects.filter(birth_date__year=2011))
    assert Youth.objects.filter(name__isnull=False).count() == 2


# --- tampering, misplacing, missing keys -------------------------------------------------------


def test_a_tampered_ciphertext_is_refused(personas):
    """ASVS V11.3.3: a changed byte fails authentication; never garbage."""
    youth = personas.case.youth
    stored = raw("cases_youth", "name", youth.pk)
    body = base64.b64decode(stored.split(":", 2)[2])
    flipped = body[:-1] + bytes([body[-1] ^ 1])
    set_raw(
        "cases_youth",
        "name",
        youth.pk,
        stored.rsplit(":", 1)[0] + ":" + base64.b64encode(flipped).decode(),
    )
    with pytest.raises(crypto.TamperedValueError, match="cases_youth.name"):
        Youth.objects.get(pk=youth.pk)
    set_raw("cases_youth", "name", youth.pk, "Yusuf Bakker")  # plain text written around the app
    with pytest.raises(crypto.TamperedValueError):
        Youth.objects.get(pk=youth.pk)


def test_a_ciphertext_moved_to_another_column_or_table_is_refused(personas):
    """ASVS V11.3.3: the associated data binds each value to its table and column."""
    youth = personas.case.youth
    guardian = personas.case.guardians.get()
    signal = add_signal(personas)
    name = raw("cases_youth", "name", youth.pk)
    set_raw("cases_guardian", "name", guardian.pk, name)  # same kind of column, other table
    with pytest.raises(crypto.TamperedValueError, match="cases_guardian.name"):
        Guardian.objects.get(pk=guardian.pk)
    set_raw("signalling_signal", "source_name", signal.pk, name)
    with pytest.raises(crypto.TamperedValueError, match="signalling_signal.source_name"):
        Signal.objects.get(pk=signal.pk)


def test_a_value_under_a_missing_key_names_the_key_id(personas, key_file):
    """NEN 7510 10.1.2: without its key a value does not decrypt, and the error says which."""
    youth_pk = personas.case.youth.pk
    old = crypto.keyring().current_id
    key_file.write_text(crypto.new_key_line("k-nieuw") + "\n")  # the old key is gone
    crypto.reset_keyring()
    with pytest.raises(crypto.UnknownKeyError, match=old) as caught:
        Youth.objects.get(pk=youth_pk)
    assert caught.value.key_id == old


def test_the_web_page_shows_a_dutch_message_and_audits_a_tampered_value(personas, client_for):
    """ASVS V11.2.5, V16.3.4: an unreadable value: a clear page and an audit event, no trace."""
    youth = personas.case.youth
    stored = raw("cases_youth", "name", youth.pk)
    set_raw("cases_youth", "name", youth.pk, stored[:-6] + "AAAAAA")
    response = client_for(personas.professional).get(
        reverse("case_detail", args=[personas.case.public_id])
    )
    assert response.status_code == 500
    page = response.content.decode()
    assert "Gegevens niet leesbaar" in page and "Traceback" not in page
    event = AuditEvent.objects.filter(action="crypto.decrypt_failed").get()
    assert event.user_id == personas.professional.pk
    assert event.detail["column"] == "cases_youth.name"
    assert event.detail["reason"] == "TamperedValueError"


def test_a_command_meeting_a_tampered_value_ends_with_a_message(personas, capsys):
    """Never a traceback on the command line: the column is named, exit code 1."""
    youth = personas.case.youth
    set_raw("cases_youth", "name", youth.pk, raw("cases_youth", "name", youth.pk)[:-6] + "AAAAAA")
    assert cli.main(["export-case", "--case", personas.case.pseudonym]) == 1
    err = capsys.readouterr().err
    assert "cases_youth.name" in err and "Traceback" not in err


# --- keys --------------------------------------------------------------------------------------


def test_key_lines_are_checked_and_errors_never_show_a_key():
    """NEN 7510 10.1.2: a malformed key configuration stops with a message, not a guess."""
    good = crypto.new_key_line("a")
    current, keys = crypto.parse_keys(f"# comment\n{good}\n{crypto.new_key_line('b')}\n", "f")
    assert current == "a" and list(keys) == ["a", "b"]
    assert crypto.parse_keys(f"{good}, {crypto.new_key_line('c')}", "env")[0] == "a"
    secret = good.split(":")[1]
    for text, message in [
        ("", "geen sleutel"),
        ("zonder-dubbele-punt", "geen '<sleutel-id>:<base64>'"),
        ("a:" + secret[:-8], "32 bytes"),
        (f"{good}\n{good}", "twee keer"),
        (f"bad id:{secret}", "geen"),
    ]:
        with pytest.raises(crypto.KeyConfigurationError, match=message) as caught:
            crypto.parse_keys(text, "keys")
        assert secret not in str(caught.value)


def test_the_development_key_file_is_generated_once_with_mode_0600(tmp_path, settings):
    """ASVS V11.1.1, V11.2.3: a random 256-bit key, kept in its own file readable by the
    owner only, and independent of SECRET_KEY."""
    settings.ENCRYPTION_KEYS = settings.ENCRYPTION_KEY_FILE = None
    settings.VAR_DIR = tmp_path
    ring = crypto.keyring()
    path = tmp_path / crypto.DEFAULT_FILE_NAME
    assert path.stat().st_mode & 0o777 == 0o600
    sealed = crypto.encrypt("Yusuf", context="t.c")
    settings.SECRET_KEY = "een-heel-andere-geheime-sleutel-" * 2
    crypto.reset_keyring()
    assert crypto.keyring().keys == ring.keys  # read again, not made again
    assert crypto.decrypt(sealed, context="t.c") == "Yusuf"


def test_an_explicit_key_file_must_exist(tmp_path, settings):
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "missing")
    with pytest.raises(crypto.KeyConfigurationError, match="bestaat niet"):
        crypto.keyring()
    assert not (tmp_path / "missing").exists()


def test_the_system_check_reports_a_missing_or_open_key_file(tmp_path, settings):
    """ASVS V11.1.1: `deelwijzer check` (and migrate) names a key file that is missing or
    readable by everyone."""
    settings.ENCRYPTION_KEYS = None
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "keys")
    assert [m.id for m in encryption_keys()] == ["deelwijzer.E011"]
    (tmp_path / "keys").write_text(crypto.new_key_line() + "\n")
    (tmp_path / "keys").chmod(0o644)
    assert [m.id for m in encryption_keys()] == ["deelwijzer.W012"]
    (tmp_path / "keys").chmod(0o640)
    assert encryption_keys() == []
    settings.ENCRYPTION_KEYS = crypto.new_key_line()
    assert [m.id for m in encryption_keys()] == ["deelwijzer.E010"]


def test_keys_from_the_environment(settings, personas):
    settings.ENCRYPTION_KEYS = crypto.new_key_line("env-1")
    settings.ENCRYPTION_KEY_FILE = None
    sealed = crypto.encrypt("Yusuf", context="t.c")
    assert sealed.startswith("v1:env-1:") and crypto.decrypt(sealed, context="t.c") == "Yusuf"


# --- rotation ----------------------------------------------------------------------------------


def test_rotating_the_key_keeps_every_value_readable_under_the_new_key_id(personas, key_file):
    """ASVS V11.2.2, NEN 7510 10.1.2: rotate-key re-encrypts everything; idempotent; audited."""
    fill_every_case_model(personas.case, personas.professional)
    add_signal(personas)
    old = crypto.keyring().current_id
    before = {t: read_all(t) for t in encrypted_tables()}

    code, out = run("rotate_key", "--batch-size", "2")
    assert code == 0, out
    new = crypto.keyring().current_id
    assert new != old and f"sleutel {new}" in out
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert list(crypto.parse_keys(key_file.read_text(), "f")[1]) == [new, old]  # old kept
    for table, (_pk, columns) in encrypted_tables().items():
        for value in raw_values(table, columns):
            assert crypto.key_id_of(value) == new, table
    assert {t: read_all(t) for t in encrypted_tables()} == before
    assert Youth.objects.get(case=personas.case).name == "Yusuf Bakker"

    assert run("rotate_key", "--reencrypt-only") == (
        0,
        f"Alle waarden staan al onder sleutel {new}; niets te doen. "
        f"(Every value already uses key {new}.)\n",
    )
    actions = list(
        AuditEvent.objects.filter(action__startswith="crypto.").values_list("action", "object_id")
    )
    assert actions == [
        ("crypto.key_add", new),
        ("crypto.rotate_key", new),
        ("crypto.rotate_key", new),
    ]
    first, second = AuditEvent.objects.filter(action="crypto.rotate_key").order_by("id")
    assert first.detail["reencrypted"] > 40 and second.detail["reencrypted"] == 0


def read_all(table: str) -> list:
    """Every encrypted value of the table, decrypted, in id order."""
    pk, columns = encrypted_tables()[table]
    rows = []
    for value_row in raw_rows(table, pk, columns):
        rows.append(
            [
                crypto.decrypt(v, context=f"{table}.{c}") if v else v
                for c, v in zip(columns, value_row, strict=True)
            ]
        )
    return rows


def raw_rows(table: str, pk: str, columns: list[str]) -> list:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {pk}")
        return cursor.fetchall()


def raw_values(table: str, columns: list[str]) -> list[str]:
    pk, _columns = encrypted_tables()[table]
    return [v for row in raw_rows(table, pk, columns) for v in row if v]


def test_rotate_key_refuses_bad_input_with_exit_2(tmp_path, settings, personas):
    """No key file, keys from the environment, a broken file, a bad batch size: exit 2."""
    settings.ENCRYPTION_KEYS = None
    settings.ENCRYPTION_KEY_FILE = str(tmp_path / "missing")
    code, message = run("rotate_key")
    assert code == 2 and "bestaat niet" in message
    broken = tmp_path / "broken"
    broken.write_text("dit is geen sleutel\n")
    settings.ENCRYPTION_KEY_FILE = str(broken)
    code, message = run("rotate_key")
    assert code == 2 and "sleutel 1" in message
    assert broken.read_text() == "dit is geen sleutel\n"
    settings.ENCRYPTION_KEY_FILE = None
    settings.ENCRYPTION_KEYS = crypto.new_key_line("env-1")
    code, message = run("rotate_key")
    assert code == 2 and "DEELWIJZER_KEYS" in message and "--reencrypt-only" in message
    assert run("rotate_key", "--batch-size", "0")[0] == 2
    assert not AuditEvent.objects.filter(action__startswith="crypto.").exists()


def test_print_key_changes_nothing(key_file):
    before = key_file.read_text()
    code, out = run("rotate_key", "--print-key")
    assert code == 0
    current, keys = crypto.parse_keys(out, "out")
    assert len(keys[current]) == 32 and key_file.read_text() == before


def test_another_process_rotating_is_picked_up_when_reading(personas, key_file):
    """A running worker reads the key file again when it meets a key id it does not know."""
    stale = crypto.load_keyring()  # what a worker holds from before the rotation
    new = crypto.add_current_key(key_file)  # another process rotates
    sealed = crypto.encrypt("Yusuf", context="t.c")
    assert crypto.key_id_of(sealed) == new and stale.cipher(new) is None
    assert crypto.decrypt(sealed, context="t.c", ring=stale) == "Yusuf"


# --- the data migration ------------------------------------------------------------------------


def test_the_data_migration_encrypts_plain_rows_once(personas):
    """A real deployment has plain data: the migration encrypts it in place, idempotently."""
    youth = personas.case.youth
    set_raw("cases_youth", "name", youth.pk, "Yusuf Bakker")
    set_raw("cases_youth", "birth_date", youth.pk, "2011-03-14")
    set_raw("cases_youth", "identifiers", youth.pk, '["Kastanjelaan 14"]')
    columns = ["name", "birth_date", "identifiers"]
    assert rewrite_table(connection, "cases_youth", columns, encrypt_plain, batch_size=1) == 3
    assert raw_hits("Yusuf") == [] and raw_hits("2011-03-14") == []
    youth = Youth.objects.get(pk=youth.pk)
    assert (youth.name, youth.birth_date, youth.identifiers) == (
        "Yusuf Bakker",
        BIRTH,
        ["Kastanjelaan 14"],
    )
    assert rewrite_table(connection, "cases_youth", columns, encrypt_plain) == 0


def test_environment_variables_reach_the_settings():
    """DEELWIJZER_KEYS / DEELWIJZER_KEY_FILE are the two documented ways in."""
    line = crypto.new_key_line("ci-1")
    env = {**os.environ, "DEELWIJZER_KEYS": line, "DJANGO_SETTINGS_MODULE": "deelwijzer.settings"}
    script = (
        "import django; django.setup(); from deelwijzer import crypto; "
        "print(crypto.keyring().current_id, crypto.keyring().source)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.stdout.split() == ["ci-1", "DEELWIJZER_KEYS"], done.stderr
