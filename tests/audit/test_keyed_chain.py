"""Issue #17.2: whoever owns the audit table cannot rewrite it unnoticed. The chain is an
HMAC under a key outside the database, and signed checkpoints outside the database anchor it.
Each attack of the outside test is run here and must be found by ``verify-audit``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from deelwijzer import crypto
from deelwijzer.audit import checkpoints, keys, rekey, triggers
from deelwijzer.audit.chain import GENESIS, canonical, compute_hash, plain_hash
from deelwijzer.audit.models import AuditEvent
from deelwijzer.audit.services import audit_checkpoint, audit_record, audit_verify
from deelwijzer.cases.services import case_view
from tests.cases.test_encryption import run

TABLE = "audit_auditevent"


def as_table_owner(*statements: tuple[str, list]) -> None:
    """What the owner of the table can do: switch the guard off, change rows, switch it on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
            cursor.execute("DROP TRIGGER audit_auditevent_no_delete")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")
        else:
            triggers.create(cursor, connection.vendor)


def recompute_chain(hasher, key_id: str) -> None:
    """The attacker's step after an edit: every hash again, in id order, with ``hasher``."""
    prev, updates = GENESIS, []
    for event in AuditEvent.objects.order_by("id"):
        event.key_id = key_id
        new = hasher(event, prev)
        updates.append(
            (
                f"UPDATE {TABLE} SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
                [prev, new, key_id, event.id],
            )
        )
        prev = new
    as_table_owner(*updates)


def verify_command() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue() + err.getvalue()


def assert_found(fragment: str, broken_id: int | None = None) -> None:
    result = audit_verify()
    assert not result.ok
    assert fragment in result.reason, result
    if broken_id is not None:
        assert result.broken_id == broken_id
    code, text = verify_command()
    assert code == 1 and text.startswith("BROKEN") and fragment in text


@pytest.fixture
def trail(personas):
    """Some history: the personas' cases, reads of one of them."""
    for need in ("view", "identity", "view"):
        case_view(actor=personas.professional, case_id=personas.case.pk, need=need)
    assert audit_verify().ok
    return personas


def test_every_new_row_carries_the_current_audit_key_id_and_an_hmac(trail):
    event = AuditEvent.objects.order_by("-id").first()
    assert event.key_id == keys.current_key_id()
    message = f"deelwijzer-audit/1\n{event.key_id}\n{event.prev_hash}\n{canonical(event)}"
    key = keys.key(event.key_id, "test")
    assert event.hash == hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    assert event.hash != plain_hash(event, event.prev_hash)


def test_editing_a_row_and_recomputing_the_plain_sha256_chain_is_found(trail):
    victim = AuditEvent.objects.filter(action="case.view_identity").get()
    as_table_owner((f"UPDATE {TABLE} SET user_id = %s WHERE id = %s", [999, victim.pk]))
    recompute_chain(plain_hash, victim.key_id)  # key id kept: the HMAC does not match
    first = AuditEvent.objects.order_by("id").first()
    assert_found("does not match its HMAC", first.pk)

    recompute_chain(plain_hash, "")  # key id dropped as well: an unkeyed row is refused
    assert_found("without an audit key id", first.pk)


def test_recomputing_with_a_key_of_the_attackers_own_is_found(trail):
    victim = AuditEvent.objects.filter(action="case.view_identity").get()
    as_table_owner((f"UPDATE {TABLE} SET user_id = %s WHERE id = %s", [999, victim.pk]))
    guess = b"x" * 32

    def forged(event, prev):
        message = f"deelwijzer-audit/1\n{event.key_id}\n{prev}\n{canonical(event)}"
        return hmac.new(guess, message.encode(), hashlib.sha256).hexdigest()

    recompute_chain(forged, victim.key_id)
    assert_found("does not match its HMAC")


def test_deleting_the_newest_rows_is_found_against_the_last_checkpoint(trail):
    result, made = audit_checkpoint()
    assert result.ok and made is not None
    newest = list(AuditEvent.objects.order_by("-id").values_list("id", flat=True)[:2])
    assert made.event_id == newest[0]
    as_table_owner(*[(f"DELETE FROM {TABLE} WHERE id = %s", [pk]) for pk in newest])

    assert_found("are missing: removed from the database", made.event_id)
    code, text = run("audit_checkpoint")
    assert code == 1 and "No checkpoint written" in text
    assert len(list(made_files())) == 1


def test_recomputing_the_whole_chain_with_the_key_is_still_found_by_the_checkpoint(trail):
    """Even someone who has the audit key too cannot rewrite what a checkpoint covers."""
    audit_checkpoint()
    victim = AuditEvent.objects.filter(action="case.view_identity").get()
    as_table_owner((f"UPDATE {TABLE} SET user_id = %s WHERE id = %s", [999, victim.pk]))
    recompute_chain(compute_hash, victim.key_id)
    assert_found("differs from the signed checkpoint")


def test_a_checkpoint_with_a_bad_signature_is_found(trail):
    _result, made = audit_checkpoint()
    path = next(made_files())
    data = json.loads(path.read_text())
    data["event_id"] = made.event_id - 1  # moved back, to hide the newest row
    path.write_text(json.dumps(data))
    assert_found("bad signature")

    forged = checkpoints.Checkpoint(**{**data, "signature": ""})
    body = json.dumps(forged.signed_part(), sort_keys=True, separators=(",", ":"))
    data["signature"] = hmac.new(
        b"y" * 32, f"{checkpoints.FORMAT}\n{body}".encode(), hashlib.sha256
    ).hexdigest()
    path.write_text(json.dumps(data))  # signed, but not with an audit key
    assert_found("bad signature")


def test_audit_checkpoint_writes_one_signed_file_and_a_log_line_with_ids_only(trail):
    code, text = run("audit_checkpoint")
    assert code == 0 and text.startswith("audit-checkpoint {")
    line = json.loads(text.split(" ", 1)[1])
    newest = AuditEvent.objects.order_by("-id").first()
    assert (line["event_id"], line["hash"]) == (newest.pk, newest.hash)
    assert line["count"] == AuditEvent.objects.count()
    assert set(line) == {"format", "event_id", "hash", "count", "written_at", "key_id", "signature"}
    assert run("audit_checkpoint") == (0, "Geen nieuwe auditgebeurtenissen sinds het laatste "
                                          "checkpoint.\n")  # fmt: skip
    audit_record(actor=None, action="case.view", object_type="case", object_id="1")
    assert run("audit_checkpoint")[0] == 0
    assert len(list(made_files())) == 2
    code, text = verify_command()
    assert code == 0 and "Held against 2 signed checkpoint(s)" in text


def test_verify_without_a_checkpoint_says_so(trail):
    code, text = verify_command()
    assert code == 0 and "geen checkpoint gevonden" in text and "audit-checkpoint" in text


def test_key_rotation_keeps_verification_working(trail, settings, tmp_path):
    key_file = tmp_path / "audit_keys"
    key_file.write_text(f"{keys.ring().current_id}:" + _current_key_b64() + "\n")
    settings.AUDIT_KEY_FILE = str(key_file)
    old_id = keys.current_key_id()
    audit_checkpoint()

    code, text = run("rotate_audit_key")
    assert code == 0 and "Nieuwe auditsleutel" in text
    new_id = keys.current_key_id()
    assert new_id != old_id and key_file.read_text().splitlines()[0].startswith(new_id)
    case_view(actor=trail.professional, case_id=trail.case.pk, need="view")
    rotation = AuditEvent.objects.get(action="audit.key_add")
    assert rotation.object_id == new_id and rotation.key_id == new_id
    assert {old_id, new_id} <= set(AuditEvent.objects.values_list("key_id", flat=True))
    assert audit_checkpoint()[1].key_id == new_id
    assert verify_command()[0] == 0
    assert audit_verify().checkpoints == 2

    key_file.write_text(key_file.read_text().splitlines()[0] + "\n")  # the old key removed
    crypto.reset_keyring()  # as a process started afterwards reads it
    code, text = verify_command()
    assert code == 2 and old_id in text and "DEELWIJZER_AUDIT_KEY_FILE" in text


def test_rotate_audit_key_refuses_inline_keys_and_prints_a_key_line(trail, settings):
    settings.AUDIT_KEYS = crypto.new_key_line("a-inline")
    code, text = run("rotate_audit_key")
    assert code == 2 and "DEELWIJZER_AUDIT_KEYS" in text
    code, text = run("rotate_audit_key", "--print-key")
    assert code == 0 and crypto.parse_keys(text, "out")[0]


def test_the_migration_rechains_plain_rows_and_keeps_the_old_head(db):
    """Rows of the plain SHA-256 chain (before #17.2) are keyed once by migration 0003."""
    prev, plain = GENESIS, []
    for n in range(3):
        event = AuditEvent(
            occurred_at=datetime(2026, 1, n + 1, 10, tzinfo=UTC),
            action="case.view", outcome="success", object_type="case", object_id=str(n),
            detail={"n": n}, prev_hash=prev,
        )  # fmt: skip
        event.hash = prev = plain_hash(event, prev)
        plain.append(event)
    AuditEvent.objects.bulk_create(plain)
    assert "without an audit key id" in audit_verify().reason

    state = rekey.rechain(connection, AuditEvent)
    assert state == {
        "rows": 3, "plain_head": prev, "plain_chain_intact": True, "plain_broken_id": None
    }  # fmt: skip
    result = audit_verify()
    assert result.ok and result.checked == 4
    marker = AuditEvent.objects.order_by("-id").first()
    assert marker.action == "audit.rechain" and marker.detail["plain_head"] == prev
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'x'")  # the guard is back after re-keying


# --- helpers ---------------------------------------------------------------------------------


def made_files():
    from django.conf import settings

    return settings.AUDIT_CHECKPOINT_DIR.glob("checkpoint-*.json")


def _current_key_b64() -> str:
    ring = keys.ring()
    return base64.b64encode(ring.keys[ring.current_id]).decode()


def test_the_system_check_reports_a_missing_or_open_audit_key_file(tmp_path, settings):
    from deelwijzer.audit.checks import audit_keys

    settings.AUDIT_KEY_FILE = str(tmp_path / "audit_keys")
    assert [m.id for m in audit_keys()] == ["deelwijzer.E031"]
    assert "DEELWIJZER_AUDIT_KEY_FILE" in audit_keys()[0].msg
    (tmp_path / "audit_keys").write_text(crypto.new_key_line() + "\n")
    (tmp_path / "audit_keys").chmod(0o644)
    assert [m.id for m in audit_keys()] == ["deelwijzer.W032"]
    (tmp_path / "audit_keys").chmod(0o640)
    assert audit_keys() == []
    settings.AUDIT_KEYS = crypto.new_key_line()
    assert [m.id for m in audit_keys()] == ["deelwijzer.E030"]
