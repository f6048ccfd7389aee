"""Retention (AVG art. 5(1)(e), NEN 7510 / BIO 18.1.3): expired closed cases are destroyed.

The model walk is generic: every model with a foreign-key path to ``cases.Case`` (also the
ones added after this test was written) gets a row for the purged case, filled with the
youth's name wherever text fits, and afterwards nothing of it may remain in any table.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from deelwijzer import crypto
from deelwijzer.audit.models import AuditEvent
from deelwijzer.audit.services import audit_verify
from deelwijzer.cases.models import Case
from deelwijzer.cases.retention import case_purge_expired, months_before
from deelwijzer.cases.services import GuardianInput, case_close
from deelwijzer.dates import nl_date
from deelwijzer.organisations.models import Organisation
from tests.conftest import open_case

NAME = "Quirijn Oosterwolde"
GUARDIAN = "Wilhelmina Oosterwolde"
IDENTIFIER = "Zwanebloemhof 77"
PSEUDONYM = "J-QZ7W"
SECRETS = (NAME, GUARDIAN, IDENTIFIER, PSEUDONYM)
TODAY = date(2026, 6, 15)


# --- the model walk ------------------------------------------------------------------------


def case_paths() -> dict[type[models.Model], str]:
    """Every model with a foreign-key path to Case, with the lookup that reaches the case id."""
    paths: dict[type[models.Model], str] = {Case: "pk"}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models(include_auto_created=True):
            if model in paths:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target in paths:
                    paths[model] = f"{field.name}__{paths[target]}"
                    grown = True
                    break
    return paths


def rows_of(case_id: int) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.filter(**{path: case_id}).count()
        for model, path in case_paths().items()
    }


def _related(field: models.Field, ctx: dict):
    target = field.related_model
    if target in ctx["rows"]:
        return ctx["rows"][target]
    if target is apps.get_model(settings.AUTH_USER_MODEL):
        return ctx["user"]
    if target is Organisation:
        return ctx["case"].organisation
    if field.null or target is field.model:
        return None
    # an organisation-level record (a contact, a list item): made with neutral text, it stays
    ctx["rows"][target] = _fill(target, ctx, text=f"hulp-{uuid.uuid4().hex[:8]}")
    return ctx["rows"][target]


def _value(field: models.Field, ctx: dict, text: str):
    if field.is_relation:
        return _related(field, ctx)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.JSONField):
        return [text]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return date(2025, 1, 2)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.BinaryField):
        return text.encode()
    if isinstance(field, (models.CharField, models.TextField)):
        return text[: field.max_length or len(text)]
    raise LookupError(f"cannot fill {field}")


def _fill(model: type[models.Model], ctx: dict, text: str = NAME) -> models.Model:
    values = {}
    for field in model._meta.concrete_fields:
        if (field.primary_key and not field.is_relation) or getattr(field, "auto_now_add", False):
            continue  # an own key is made by the database; a key that is a link is filled
        if getattr(field, "auto_now", False):
            continue
        values[field.name] = _value(field, ctx, text)
    return model._base_manager.create(**values)


def fill_every_case_model(case: Case, user) -> None:
    """One row, full of the youth's name, in every case-linked model that has none yet."""
    ctx = {"case": case, "user": user, "rows": {Case: case}}
    todo = [m for m in case_paths() if m is not Case and not m._meta.auto_created]
    while todo:
        progressed = False
        for model in list(todo):
            targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
            if any(t in todo and t is not model for t in targets):
                continue
            existing = model._base_manager.filter(**{case_paths()[model]: case.pk}).first()
            ctx["rows"][model] = existing or _fill(model, ctx)
            todo.remove(model)
            progressed = True
        assert progressed, f"cannot order {todo}"


def _column_values(cursor, table: str, column: str) -> list[str]:
    """The column's values as text; encrypted values decrypted with their table.column."""
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT CAST({quote(column)} AS TEXT) FROM {quote(table)}")
    values = [row[0] for row in cursor.fetchall() if row[0]]
    return [
        crypto.decrypt(v, context=f"{table}.{column}") if crypto.is_encrypted(v) else v
        for v in values
    ]


def text_hits(needle: str) -> list[str]:
    """Every table.column whose text contains ``needle``, by raw SQL over every column.

    Encrypted values are decrypted first (they are stored encrypted, see
    tests/cases/test_encryption.py), so a purge that left a ciphertext behind is caught too.
    """
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if any(needle in value for value in _column_values(cursor, table, column.name)):
                    hits.append(f"{table}.{column.name}")
    return hits


def all_table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


# --- fixtures ------------------------------------------------------------------------------


def close(case: Case, actor, closed_on: date) -> None:
    case_close(actor=actor, case_id=case.pk, reason="afgerond")
    moment = timezone.make_aware(datetime.combine(closed_on, datetime.min.time().replace(hour=10)))
    Case.objects.filter(pk=case.pk).update(closed_at=moment)


@pytest.fixture
def expired(personas) -> Case:
    """A case closed 25 months before TODAY (retention 24), with a row in every case model."""
    case = open_case(
        personas.professional,
        personas.organisation,
        PSEUDONYM,
        name=NAME,
        identifiers=[IDENTIFIER],
        guardians=[GuardianInput(GUARDIAN, "moeder", True)],
    )
    fill_every_case_model(case, personas.professional)
    close(case, personas.professional, months_before(TODAY, 25))
    return case


# --- the purge -----------------------------------------------------------------------------


def test_every_case_model_holds_a_row_before_the_purge(expired):
    rows = rows_of(expired.pk)
    empty = [m._meta.label for m in case_paths() if not m._meta.auto_created]
    empty = [label for label in empty if rows[label] == 0]
    assert not empty, f"the fixture did not fill {empty}"
    assert {"cases.Youth", "cases.Guardian", "cases.TeamMember"} <= set(rows)
    for secret in SECRETS:
        assert text_hits(secret), f"{secret} should be stored before the purge"


def test_purge_leaves_nothing_of_the_case_in_any_table(personas, expired):
    kept_before = rows_of(personas.case.pk)
    purged = case_purge_expired(today=TODAY)
    assert [p.case_id for p in purged] == [expired.pk]
    assert set(rows_of(expired.pk).values()) == {0}
    for secret in SECRETS:
        assert text_hits(secret) == [], f"{secret} survived the purge"
    assert rows_of(personas.case.pk) == kept_before
    assert purged[0].deleted["cases.Case"] == 1 and purged[0].deleted["cases.Youth"] == 1


def test_purge_leaves_one_audit_event_with_ids_only_and_the_chain_verifies(personas, expired):
    case_purge_expired(today=TODAY)
    event = AuditEvent.objects.get(action="case.purge")
    assert (event.case_id, event.object_id) == (expired.pk, str(expired.pk))
    assert event.organisation_id == personas.organisation.pk
    assert event.user_id is None and event.purpose == "retention"
    assert event.detail["retention_months"] == 24
    assert event.detail["closed_on"] == months_before(TODAY, 25).isoformat()
    assert event.detail["deleted"]["cases.Case"] == 1
    assert AuditEvent.objects.filter(case_id=expired.pk).count() > 1  # history stays
    result = audit_verify()
    assert result.ok, result.reason


def test_the_audit_trail_names_a_purged_case_by_its_number(personas, expired, client_for):
    """The walk: after the purge its rows named no case at all ("Signaal vastgelegd — signaal
    s2") and the purge itself "casus (2)"."""
    number = expired.pk
    case_purge_expired(today=TODAY)
    page = client_for(personas.auditor).get(reverse("audit_log")).content.decode()
    assert f"Een vernietigde casus (nr. {number})" in page
    assert f"van een vernietigde casus (nr. {number})" in page
    assert PSEUDONYM not in page and NAME not in page


def test_open_and_recently_closed_cases_are_untouched(personas, expired):
    recent = open_case(personas.professional, personas.organisation, "J-RCNT")
    close(recent, personas.professional, months_before(TODAY, 24))  # exactly 24 months: kept
    purged = case_purge_expired(today=TODAY)
    assert [p.case_id for p in purged] == [expired.pk]
    assert Case.objects.filter(pk__in=[recent.pk, personas.case.pk]).count() == 2
    assert Case.objects.get(pk=personas.case.pk).status == "open"
    assert case_purge_expired(today=TODAY) == []  # nothing left to do
    assert [p.case_id for p in case_purge_expired(today=TODAY + timedelta(days=1))] == [recent.pk]


@pytest.mark.parametrize(
    ("closed_on", "months"),
    [
        (date(2024, 6, 15), 24),
        (date(2024, 3, 31), 24),
        (date(2024, 2, 29), 24),
        (date(2026, 4, 30), 1),  # the walk: it said 31 May, the purge took it on 1 June
        (date(2026, 2, 28), 6),
        (date(2027, 2, 28), 12),
        (date(2026, 1, 30), 1),
    ],
)
def test_the_day_a_closed_case_says_it_goes_is_the_day_the_purge_takes_it(
    personas, client_for, closed_on, months
):
    """A closed case says when it will be destroyed (the walk: only the administrator's
    settings said there was a retention at all); the purge agrees to the day."""
    Organisation.objects.filter(pk=personas.organisation.pk).update(retention_months=months)
    case = open_case(personas.professional, personas.organisation, "J-DAG")
    close(case, personas.professional, closed_on)
    case.refresh_from_db()
    gone = case.destroyed_from()
    page = client_for(personas.professional).get(reverse("case_detail", args=[case.public_id]))
    period = "1 maand" if months == 1 else f"{months} maanden"
    said = f"Je organisatie bewaart een gesloten casus {period}. Blijft hij gesloten, dan "
    assert said + f"vernietigt Deelwijzer hem met alles erin vanaf {nl_date(gone)}." in (
        page.content.decode()
    )
    assert case_purge_expired(today=gone - timedelta(days=1)) == []
    assert [p.case_id for p in case_purge_expired(today=gone)] == [case.pk]


def test_each_organisation_uses_its_own_retention(personas):
    other = personas.other_organisation
    other.retention_months = 60
    other.save(update_fields=["retention_months"])
    close(personas.other_case, personas.stranger, months_before(TODAY, 25))
    assert case_purge_expired(today=TODAY) == []
    other.retention_months = 12
    other.save(update_fields=["retention_months"])
    assert [p.case_id for p in case_purge_expired(today=TODAY)] == [personas.other_case.pk]


def test_dry_run_changes_nothing_and_lists_the_case(expired, capsys):
    before = all_table_counts()
    call_command("purge", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert f"casus {expired.pk} " in out and "proefdraai: niets vernietigd" in out
    assert NAME not in out and PSEUDONYM not in out
    assert all_table_counts() == before


def test_command_purges_and_reports_ids_only(expired, capsys):
    call_command("purge", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "1 verlopen casus vernietigd" in out and f"casus {expired.pk} " in out
    assert PSEUDONYM not in out
    assert not Case.objects.filter(pk=expired.pk).exists()


@pytest.mark.parametrize("written", ["15-06-2026", ""])
def test_command_refuses_a_bad_date(db, written):
    """An empty --today (a shell variable not set) ran a real purge for today."""
    with pytest.raises(CommandError, match="JJJJ-MM-DD") as info:
        call_command("purge", "--today", written)
    assert info.value.returncode == 2


def test_command_refuses_a_real_purge_judged_by_a_day_after_today(expired, capsys):
    """A typing error (2062 for 2026) destroyed every closed case years before its time."""
    later = (timezone.localdate() + timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="ligt na vandaag") as info:
        call_command("purge", "--today", later)
    assert info.value.returncode == 2
    assert Case.objects.filter(pk=expired.pk).exists()
    call_command("purge", "--dry-run", "--today", later)  # looking ahead may
    assert f"casus {expired.pk} " in capsys.readouterr().out
    assert Case.objects.filter(pk=expired.pk).exists()


def test_command_judged_by_the_first_day_there_is_destroys_nothing(expired, capsys):
    call_command("purge", "--today", "0001-01-01")  # a ValueError, out of the date range
    assert "0 verlopen casussen vernietigd" in capsys.readouterr().out
    assert Case.objects.filter(pk=expired.pk).exists()


# --- nothing may block the cascade, now or later -------------------------------------------


def test_no_relation_to_case_data_blocks_or_outlives_the_cascade(db):
    """PROTECT/RESTRICT would stop a purge; SET_NULL/DO_NOTHING would leave rows behind."""
    linked = set(case_paths())
    offenders = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in linked and model in linked:
                if field.remote_field.on_delete is not models.CASCADE:
                    offenders.append(f"{model._meta.label}.{field.name}")
            elif field.is_relation and field.related_model in linked:
                offenders.append(f"{model._meta.label}.{field.name} (outside the case)")
    # A transfer belongs to the sending case (``case``, CASCADE). The case it opened elsewhere
    # (``new_case``) may be purged by the receiving organisation on its own schedule: the
    # sender's record stays, pointing nowhere, holding keys only (what was sent is cleared on
    # accept and decline: tests/transfers/test_transfer.py).
    offenders.remove("transfers.Transfer.new_case")
    assert offenders == []


# --- the setting ---------------------------------------------------------------------------


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 6, 15), 24) == date(2024, 6, 15)
    assert months_before(date(2026, 1, 10), 13) == date(2024, 12, 10)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(1, 6, 15), 24) == date.min


def _settings_post(client, months: str):
    return client.post(
        reverse("admin_settings"),
        {
            "name": "Het Baken",
            "sector": "education",
            "decision_maker_role": "team_leader",
            "has_attention_officer": "on",
            "retention_months": months,
            "delivery_days": "14",
            "delivery_code_channel": "phone",
        },
    )


def test_org_admin_sets_the_retention_and_it_is_audited(personas, client_for):
    assert personas.organisation.retention_months == 24
    response = _settings_post(client_for(personas.org_admin), "36")
    assert response.status_code == 302
    personas.organisation.refresh_from_db()
    assert personas.organisation.retention_months == 36
    event = AuditEvent.objects.filter(action="organisation.update").latest("id")
    assert event.detail["retention_months"] == [24, 36]


@pytest.mark.parametrize("months", ["0", "-3", "twee", "241", "1.5"])
def test_retention_must_be_a_positive_number_of_months(personas, client_for, months):
    """One message for every number out of range (-5 said "minstens 0", 0 "minstens 1")."""
    response = _settings_post(client_for(personas.org_admin), months)
    assert response.status_code == 422
    text = response.content.decode()
    assert text.count("Vul een heel getal van 1 tot en met 240 in.") == 2  # summary, field
    assert 'min="1"' in text and 'max="240"' in text
    personas.organisation.refresh_from_db()
    assert personas.organisation.retention_months == 24


def test_retention_left_empty_is_asked_for(personas, client_for):
    response = _settings_post(client_for(personas.org_admin), "")
    assert response.status_code == 422
    personas.organisation.refresh_from_db()
    assert personas.organisation.retention_months == 24
