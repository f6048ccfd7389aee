"""`deelwijzer seed` at a tiny scale: the counts, valid case files, pages that render, and
bench users who sign in with their password and a code from their known TOTP key."""

from __future__ import annotations

import io
import re
from binascii import unhexlify

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django_otp.oath import totp

from deelwijzer.accounts.models import User
from deelwijzer.cases.models import Case
from deelwijzer.devdata.seed.build import (
    BENCH_PASSWORD,
    ENTRY_MODELS,
    totp_key,
    username,
)
from deelwijzer.interchange.casefile import build_casefile, case_evaluation
from deelwijzer.organisations.models import Organisation
from deelwijzer.procedure.validation import validate_casefile


def _seed(**options) -> str:
    out = io.StringIO()
    call_command("seed", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def _entries() -> int:
    return sum(model.objects.count() for model in ENTRY_MODELS)


@pytest.fixture
def seeded(db):
    _seed(cases=12, orgs=2, entries_per_case=25, big_cases=1, big_size=60)


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
