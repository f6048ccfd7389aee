"""`deelwijzer seed` at a tiny scale: the counts, valid case files, pages that render, and
bench users who sign in with their password and a code from their known TOTP key; the rows
written in bulk (COPY on PostgreSQL) as the ORM would store them."""

from __future__ import annotations

import io
import json
import random
import re
from binascii import unhexlify
from collections import Counter
from datetime import date

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Max, Q
from django.utils import timezone
from django_otp.oath import totp

from bench.scale import SEED_LINE
from deelwijzer import crypto
from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.audit.services import audit_verify
from deelwijzer.cases.models import Case, Guardian, TeamMember, Youth
from deelwijzer.devdata.seed import build
from deelwijzer.devdata.seed.build import (
    BENCH_PASSWORD,
    ENTRY_MODELS,
    ROW_ORDER,
    totp_key,
    username,
)
from deelwijzer.devdata.seed.plan import plan_case
from deelwijzer.interchange.casefile import build_casefile, case_evaluation
from deelwijzer.organisations.models import Organisation
from deelwijzer.procedure.validation import validate_casefile
from deelwijzer.signalling.models import Signal


def _seed(**options) -> str:
    out = io.StringIO()
    call_command("seed", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def _entries() -> int:
    return sum(model.objects.count() for model in ENTRY_MODELS)


@pytest.fixture
def seeded(db):
    return _seed(cases=12, orgs=2, entries_per_case=25, big_cases=1, big_size=60)


def test_seed_reports_its_time_and_processor_time_as_make_bench_scale_reads_them(seeded):
    found = SEED_LINE.search(seeded)
    assert found, seeded
    assert float(found["client"]) > 0
    # PostgreSQL on this machine (as in the tests and the benchmarks): its server's share too.
    assert (found["server"] is not None) == (connection.vendor == "postgresql")


def test_seed_writes_the_requested_counts(seeded):
    assert Organisation.objects.filter(name__startswith="Bench-organisatie").count() == 2
    assert Case.objects.count() == 12
    assert _entries() == 12 * 25
    per_org = Case.objects.values("organisation").annotate(n=Count("id"))
    assert sorted(row["n"] for row in per_org) == [6, 6]


def test_every_seeded_case_makes_a_valid_case_file(seeded):
    for case in Case.objects.all():
        assert validate_casefile(build_casefile(case)) == [], case.pseudonym
        assert case_evaluation(case) is not None, case.pseudonym


def test_seeded_entries_follow_the_version_rules(seeded):
    for model in ENTRY_MODELS:
        if not hasattr(model, "is_current"):
            continue
        rows = model.objects.values("case", "key").annotate(
            current=Count("id", filter=Q(is_current=True))
        )
        for row in rows:
            assert row["current"] == 1, (model.__name__, row)


def test_big_case_has_its_size(seeded):
    big = Case.objects.get(pseudonym="B01-00001")
    assert sum(model.objects.filter(case=big).count() for model in ENTRY_MODELS) == 60


def test_bench_user_signs_in_with_password_and_totp_and_reads_a_case(seeded, client):
    name = username(1, "prof", 1)
    response = client.post("/inloggen/", {"username": name, "password": BENCH_PASSWORD})
    assert response.status_code == 302 and "/inloggen/code/" in response["Location"]
    code = f"{totp(unhexlify(totp_key(name))):06d}"
    response = client.post("/inloggen/code/", {"code": code})
    assert response.status_code == 302
    dashboard = client.get("/").content.decode()
    case_paths = re.findall(r'href="(/casussen/[0-9a-f-]{36}/)"', dashboard)
    assert case_paths
    user = User.objects.get(username=name)
    assert Case.objects.filter(team__user=user).count() >= len(set(case_paths))
    page = client.get(case_paths[0])
    assert page.status_code == 200
    step1 = client.get(case_paths[0] + "stap-1/")
    assert step1.status_code == 200


def test_seed_refuses_a_database_that_already_has_bench_data(seeded):
    with pytest.raises(CommandError) as error:
        _seed(cases=2, orgs=1)
    assert error.value.returncode == 2


def test_seed_refuses_a_bad_option(db):
    with pytest.raises(CommandError) as error:
        _seed(cases=0)
    assert error.value.returncode == 2
    assert Case.objects.count() == 0


# Issue #23: on PostgreSQL the seeding writes with COPY (devdata.seed.rows), on SQLite with
# bulk_create. These tests run on either and hold both to what the ORM itself would store.


def _canonical(obj, fields) -> str:
    return json.dumps([getattr(obj, f.attname) for f in fields], sort_keys=True, default=str)


def test_seeded_rows_read_back_as_the_model_objects_held_them(db):
    """Every field of every kind of row (encrypted text, dates and JSON among them) reads
    back through the ORM equal to the unsaved object the seeding made."""
    rng = random.Random(23)
    org = build._organisation(1, 20, make_password(BENCH_PASSWORD))
    plans = [plan_case(60, rng) for _ in range(20)]
    contexts = build._case_rows(org, 0, plans, rng, timezone.now())
    for ctx, plan in zip(contexts, plans, strict=True):
        build.fill_case(ctx, plan, rng)
    written = build.insert_rows(contexts)
    made = {
        Case: [ctx.case for ctx in contexts],
        Guardian: [g for ctx in contexts for g in ctx.guardians],
        **{m: [row for ctx in contexts for row in ctx.rows.get(m, [])] for m in ROW_ORDER},
    }
    assert written == 20 * 60
    assert all(made[model] for model in made), [m.__name__ for m in made if not made[m]]
    for model, objs in made.items():
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        stored = Counter(_canonical(row, fields) for row in model.objects.all())
        assert stored == Counter(_canonical(obj, fields) for obj in objs), model.__name__
    assert Youth.objects.count() == TeamMember.objects.count() // 2 == 20


def test_seeded_encrypted_columns_hold_ciphertext_under_their_own_context(seeded):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, source_role FROM signalling_signal WHERE source_role <> ''")
        text, role = cursor.fetchone()
        cursor.execute("SELECT birth_date, identifiers FROM cases_youth")
        birth, identifiers = cursor.fetchone()
    for stored, context in (
        (text, "signalling_signal.text"),
        (role, "signalling_signal.source_role"),
        (birth, "cases_youth.birth_date"),
        (identifiers, "cases_youth.identifiers"),
    ):
        assert crypto.is_encrypted(stored), context
        crypto.decrypt(stored, context=context)  # raises when sealed under another context
    with pytest.raises(crypto.TamperedValueError):
        crypto.decrypt(text, context="signalling_signal.source_role")
    assert date.fromisoformat(crypto.decrypt(birth, context="cases_youth.birth_date"))


def test_rows_made_after_the_seeding_get_new_ids(seeded):
    """Cases and guardians are written with ids taken from their sequences: a row the app
    makes afterwards gets the next free one (no sequence left behind the written ids)."""
    first = Case.objects.order_by("pk").first()
    case = Case.objects.create(
        organisation=first.organisation, pseudonym="NA-SEED", opened_by=first.opened_by
    )
    guardian = Guardian.objects.create(case=case, name="Sanne", relation="moeder")
    signal = Signal.objects.create(
        case=case,
        key="s1",
        recorded_by=first.opened_by,
        kind="signal",
        observed_on=date(2026, 1, 5),
        text="Hij zei in de klas dat hij niet meer naar school komt.",
        source_kind="own_observation",
    )
    assert case.pk > Case.objects.exclude(pk=case.pk).aggregate(m=Max("pk"))["m"]
    assert guardian.pk > Guardian.objects.exclude(pk=guardian.pk).aggregate(m=Max("pk"))["m"]
    assert signal.pk > Signal.objects.exclude(pk=signal.pk).aggregate(m=Max("pk"))["m"]


def test_seeding_leaves_the_audit_chain_whole(seeded):
    assert AuditEvent.objects.filter(action="seed.load").count() == 2
    result = audit_verify()
    assert result.ok, result.problem()
