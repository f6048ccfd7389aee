"""Recovery codes are stored only as salted hashes; each works once; a wrong one fails; the
plain-text codes django-otp stored before are hashed by a data migration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts import recovery
from deelwijzer.accounts.models import RecoveryCode, RecoveryCodeDevice
from deelwijzer.accounts.twofactor import RECOVERY_CODE_COUNT, new_recovery_codes
from deelwijzer.audit.models import AuditEvent
from tests.accounts.helpers import (
    authenticator,
    current_code,
    post_code,
    post_password,
    recovery_codes_on,
)

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _every_stored_value() -> str:
    """Every row of every table in the database, as one text (raw SQL, no model in between)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def _enrol(client, user) -> list[str]:
    post_password(client, user.username)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=5), tick=False):
        done = post_code(client, current_code(device), name="two_factor_enrol")
    return recovery_codes_on(done)


def test_the_database_holds_no_plain_text_recovery_code(personas, client):
    """ASVS 5.0 V6.5.2: lookup secrets below 112 bits of entropy are stored only as a hash made
    with an approved password hashing algorithm and a random salt. After enrolment no table
    (sessions included) holds a code; each stored value is a salted PBKDF2 hash."""
    user = personas.professional
    codes = _enrol(client, user)
    assert len(codes) == RECOVERY_CODE_COUNT
    everything = _every_stored_value()
    assert [code for code in codes if code in everything] == []
    hashes = list(RecoveryCode.objects.filter(device__user=user).values_list("code_hash", flat=1))
    assert len(hashes) == RECOVERY_CODE_COUNT
    assert all(h.startswith("pbkdf2_sha256$100000$") for h in hashes)
    salts = {h.split("$")[2] for h in hashes}
    assert len(salts) == RECOVERY_CODE_COUNT and min(len(s) for s in salts) >= 16  # per code
    # The page with the codes says they are shown only now, and it is not cached.
    assert sum(recovery.code_matches(code, h) for code in codes for h in hashes) == len(codes)


def test_a_hashed_recovery_code_works_once(personas, client):
    """ASVS 5.0 V6.5.1 (a lookup secret is usable once), V6.5.2 (checked against its hash)."""
    user = personas.decision_maker
    authenticator(user)
    codes = new_recovery_codes(user)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        assert post_code(client, codes[3])["Location"] == reverse("dashboard")
        client.post(reverse("logout"))
        post_password(client, user.username)
        again = post_code(client, f" {codes[3][:5]}-{codes[3][5:].upper()} ")
        assert again.status_code == 422 and "al gebruikt" in again.content.decode()
        assert client.get(reverse("dashboard")).status_code == 302
    assert RecoveryCode.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT - 1
    login = AuditEvent.objects.filter(
        user_id=user.pk, action="auth.login", detail__step="two_factor"
    ).get()
    assert login.detail["recovery_left"] == RECOVERY_CODE_COUNT - 1
    assert codes[3] not in str(login.detail)


def test_a_wrong_recovery_code_fails_and_spends_nothing(personas, client):
    """ASVS 5.0 V6.5.1, V6.5.2: a code that is not one of the user's (or another user's code)
    is refused, counted as a failure, and leaves every stored code usable."""
    user, other = personas.colleague, personas.attention_officer
    authenticator(user)
    codes = new_recovery_codes(user)
    others = new_recovery_codes(other)
    wrong = next(c for c in (recovery.new_code() for _ in range(5)) if c not in codes)
    post_password(client, user.username)
    for seconds, attempt in ((0, wrong), (5, others[0])):  # past django-otp's 1 s back-off
        with time_machine.travel(START + timedelta(seconds=seconds), tick=False):
            response = post_code(client, attempt)
        assert response.status_code == 422 and "klopt niet" in response.content.decode()
    assert RecoveryCode.objects.filter(device__user=user).count() == RECOVERY_CODE_COUNT
    assert RecoveryCode.objects.filter(device__user=other).count() == RECOVERY_CODE_COUNT
    failed = AuditEvent.objects.filter(user_id=user.pk, action="auth.otp_failed").count()
    assert failed == 2
    assert RecoveryCodeDevice.objects.get(user=user).throttling_failure_count == 2


def test_new_codes_replace_the_old_ones(personas):
    """ASVS 5.0 V6.5.1: making new recovery codes makes the previous set useless."""
    user = personas.auditor
    old = new_recovery_codes(user)
    new = new_recovery_codes(user)
    device = RecoveryCodeDevice.objects.get(user=user)
    assert device.verify_token(new[0])
    assert not device.verify_token(old[0])
    assert RecoveryCodeDevice.objects.filter(user=user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_hashes_the_plain_text_codes_of_django_otp():
    """ASVS 5.0 V6.5.2: codes stored in plain text by an earlier version (django-otp's
    StaticToken) are hashed by migration accounts 0003 and the plain rows deleted; the user's
    printed codes keep working, once each."""
    from deelwijzer.accounts.models import User

    user = User.objects.create_user(username="oud", password="x" * 20)
    static_app = ("otp_static", "0003_add_timestamps")
    before = [("accounts", "0002_recovery_codes")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state([*before, static_app]).apps
        static = old_apps.get_model("otp_static", "StaticDevice").objects.create(
            user_id=user.pk, name="herstelcodes", confirmed=True
        )
        token_model = old_apps.get_model("otp_static", "StaticToken")
        printed = ["abcd2345", "efgh6723"]
        for token in printed:
            token_model.objects.create(device_id=static.pk, token=token)
    finally:  # forward to every app's newest migration: going back to accounts 0002 also
        # unapplied the migrations that depend on accounts 0003 (notifications 0001)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert token_model.objects.count() == 0
    assert printed[0] not in _every_stored_value()
    device = RecoveryCodeDevice.objects.get(user=user)
    assert device.codes.count() == 2
    assert device.verify_token(printed[0])
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=5), tick=False):
        assert not device.verify_token(printed[0])
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=15), tick=False):
        assert device.verify_token(printed[1].upper())


def test_new_recovery_codes_need_a_fresh_authenticator_code_and_are_shown_once(
    personas, client_for
):
    """ASVS 5.0 V7.5.1 (re-authentication before changing a factor), V6.5.1, V6.5.2: after a
    current authenticator code the user gets ten new codes, once; the old ones stop working;
    only hashes are stored; a wrong code changes nothing and is counted."""
    user = personas.professional
    device = authenticator(user)
    old = new_recovery_codes(user)
    client = client_for(user)
    url = reverse("recovery_codes_renew")
    assert client.get(url).status_code == 200
    with time_machine.travel(START, tick=False):
        wrong = client.post(url, {"code": "000000"})
        assert wrong.status_code == 422 and recovery_codes_on(wrong) == []
        assert RecoveryCodeDevice.objects.get(user=user).verify_token(old[0])
    with time_machine.travel(START + timedelta(seconds=5), tick=False):  # past the back-off
        done = client.post(url, {"code": current_code(device)})
    codes = recovery_codes_on(done)
    assert len(set(codes)) == RECOVERY_CODE_COUNT and done["Cache-Control"] == "no-store"
    assert [code for code in codes if code in _every_stored_value()] == []
    renewed = RecoveryCodeDevice.objects.get(user=user)
    assert renewed.codes.count() == RECOVERY_CODE_COUNT
    assert renewed.verify_token(codes[0])
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=5), tick=False):
        assert not renewed.verify_token(old[1])
    events = AuditEvent.objects.filter(user_id=user.pk).values_list("action", flat=True)
    assert list(events.filter(action__in=["auth.otp_failed", "auth.recovery_codes_renew"])) == [
        "auth.otp_failed",
        "auth.recovery_codes_renew",
    ]


def test_new_recovery_codes_are_not_for_a_password_alone(personas, client):
    """ASVS 5.0 V6.3.3: the page is behind the second factor, like every other page."""
    user = personas.colleague
    authenticator(user)
    post_password(client, user.username)
    response = client.post(reverse("recovery_codes_renew"), {"code": "123456"})
    assert response["Location"] == reverse("two_factor")
    assert not RecoveryCodeDevice.objects.filter(user=user).exists()


def test_a_session_verified_with_a_recovery_code_stays_verified_after_new_codes(personas, client):
    """ASVS 5.0 V7.5.1: renewing the codes after signing in with one does not end the
    two-factor state of the session; the codes are replaced on the same device."""
    user = personas.decision_maker
    device = authenticator(user)
    codes = new_recovery_codes(user)
    recovery_device = RecoveryCodeDevice.objects.get(user=user)
    with time_machine.travel(START, tick=False):
        post_password(client, user.username)
        assert post_code(client, codes[0])["Location"] == reverse("dashboard")
    with time_machine.travel(START + timedelta(seconds=40), tick=False):
        done = client.post(reverse("recovery_codes_renew"), {"code": current_code(device)})
        assert len(recovery_codes_on(done)) == RECOVERY_CODE_COUNT
        assert client.get(reverse("dashboard")).status_code == 200
    assert RecoveryCodeDevice.objects.get(user=user).pk == recovery_device.pk
