"""The audit trail: same transaction as the change, append-only, hash-chained (NEN 7513)."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from deelwijzer.audit.models import AppendOnlyError, AuditEvent
from deelwijzer.audit.services import audit_record, audit_verify
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import case_close
from tests.personas import open_case


def test_opening_a_case_writes_one_audit_row_with_ids_only(personas):
    event = AuditEvent.objects.filter(action="case.open", case_id=personas.case.pk).get()
    assert event.user_id == personas.professional.pk
    assert event.organisation_id == personas.organisation.pk
    assert event.outcome == "success"
    serialised = str(event.detail) + event.object_id + event.purpose
    assert "Yusuf" not in serialised and "Bakker" not in serialised


def test_failed_audit_write_leaves_no_change(personas):
    with mock.patch("deelwijzer.cases.lifecycle.audit_case", side_effect=DatabaseError("down")):
        with pytest.raises(DatabaseError):
            case_close(actor=personas.professional, case_id=personas.case.pk, reason="klaar")
    personas.case.refresh_from_db()
    assert personas.case.status == "open"


def test_failed_change_leaves_no_audit_row(personas):
    before = AuditEvent.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        open_case(personas.professional, personas.organisation, "J-DUBB")
        # a second case with the same pseudonym breaks the unique constraint after auditing
        Case.objects.create(
            organisation=personas.organisation, pseudonym="J-DUBB", opened_by=personas.professional
        )
    assert AuditEvent.objects.count() == before


def test_model_refuses_update_and_delete(personas):
    event = AuditEvent.objects.first()
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_refuses_update_and_delete_in_sql(personas):
    for statement in (
        "UPDATE audit_auditevent SET action = 'x'",
        "DELETE FROM audit_auditevent",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.exclude(action="x").count() == AuditEvent.objects.count() > 0


def _tamper(sql: str, params) -> None:
    table = "audit_auditevent"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
            cursor.execute(sql, params)


def test_verify_audit_finds_a_row_tampered_with_in_sql(personas):
    assert audit_verify().ok
    victim = AuditEvent.objects.order_by("id")[1]
    _tamper("UPDATE audit_auditevent SET user_id = %s WHERE id = %s", [999, victim.pk])
    result = audit_verify()
    assert not result.ok
    assert result.broken_id == victim.pk
    with pytest.raises(CommandError, match=f"id {victim.pk}"):
        call_command("verify_audit")


def test_verify_audit_command_prints_ok(personas, capsys):
    call_command("verify_audit")
    assert capsys.readouterr().out.startswith("OK:")


@pytest.mark.django_db(transaction=True)
def test_eight_threads_writing_at_once_leave_one_valid_chain():
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(15):
                with transaction.atomic():
                    audit_record(
                        actor=None, action="test.write", object_type="thread", object_id=f"{n}-{i}"
                    )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action="test.write").count() == 120
    result = audit_verify()
    assert result.ok, result
