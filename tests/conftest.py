"""Fixtures for the whole suite. Django is imported lazily, inside the fixtures, so that the
pure-Python tests of procedure/ also run with ``-p no:django``."""

from __future__ import annotations

import pytest

_PERSONA_NAMES = {"Personas", "make_user", "open_case", "PASSWORD"}


def __getattr__(name: str):  # ``from tests.conftest import open_case`` keeps working
    if name in _PERSONA_NAMES:
        from tests import personas

        return getattr(personas, name)
    raise AttributeError(name)


@pytest.fixture
def personas(db):
    from deelwijzer.organisations.models import Organisation, Role, Sector
    from tests.personas import Personas, make_user, open_case

    org = Organisation.objects.create(name="Het Baken", sector=Sector.EDUCATION)
    other = Organisation.objects.create(name="Jeugdhulp Noord", sector=Sector.YOUTH_CARE)
    professional = make_user("prof", org, Role.PROFESSIONAL)
    stranger = make_user("vreemde", other, Role.PROFESSIONAL)
    return Personas(
        organisation=org,
        other_organisation=other,
        professional=professional,
        colleague=make_user("collega", org, Role.PROFESSIONAL),
        attention_officer=make_user("aandacht", org, Role.ATTENTION_OFFICER),
        decision_maker=make_user("beslisser", org, Role.DECISION_MAKER),
        org_admin=make_user("beheerder", org, Role.ORG_ADMIN),
        auditor=make_user("privacy", org, Role.AUDITOR),
        stranger=stranger,
        case=open_case(professional, org, "J-TEST"),
        other_case=open_case(stranger, other, "J-ANDR", name="Lotte Jansen"),
    )


@pytest.fixture
def client_for(client):
    """A test client signed in with both factors as the given user (or anonymous for None).

    The password step is ``force_login``; the second factor is marked the way
    ``django_otp.login`` does, with the user's confirmed TOTP device (made if missing).
    """

    def sign_in(user):
        client.logout()
        if user is not None:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            client.force_login(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _attachments_in_a_temporary_folder(request, tmp_path_factory):
    """Attachments stored by any test land in a folder of the test session, not in var/."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.getbasetemp() / "attachments")},
        },
    }


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "kept_evaluation_unchecked: leave out the fresh build that checks each kept "
        "evaluation (for tests that count what one page view reads)",
    )
    config.addinivalue_line(
        "markers",
        "database: the test reaches the configured database (set by the suite itself, never by "
        "hand: see pytest_collection_modifyitems)",
    )


# pytest-django refuses the database to a test that asks for none of these (or its marker).
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
     "live_server", "_django_db_helper"}
)  # fmt: skip


def pytest_collection_modifyitems(config, items):
    """Mark the tests that reach the configured database. The others cannot (pytest-django
    blocks it) and give the same result on SQLite and PostgreSQL, so `.ci/run`'s second
    pass, on PostgreSQL, runs only the marked ones (``-m database``)."""
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.database)


@pytest.fixture(autouse=True)
def _kept_evaluations_are_current(request, monkeypatch):
    """Every case file and evaluation a page or endpoint gets (cases.snapshots, kept between
    page views) must equal one built afresh at that moment. So every test of the suite, which
    between them go through every write service, also checks that no change leaves a stale
    kept evaluation behind (tests/cases/test_snapshots.py has the direct tests).

    Tests also make rows themselves, behind the services, to have something to look at: a
    row saved or deleted that way counts as a change of its case (``changed_directly``), as
    the service's audit event would. Bulk writes send no signal; their tests call it.
    """
    if not request.config.pluginmanager.hasplugin("django") or request.node.get_closest_marker(
        "kept_evaluation_unchecked"
    ):
        yield
        return
    from django.db.models.signals import post_delete, post_save

    from deelwijzer.cases import snapshots
    from deelwijzer.cases.models import CaseSnapshot, OpenFinding
    from tests.personas import changed_directly

    original = snapshots.current

    def checked(case, today, build, judge=None):
        result = original(case, today, build, judge)
        fresh = build()
        assert result == fresh, f"the kept case file or evaluation of case {case.pk} is stale"
        return result

    def saved(sender, instance, **kwargs):
        case_id = getattr(instance, "case_id", None)
        # what is derived from the evaluation (kept with it) is no change of the case
        if case_id is not None and sender not in (CaseSnapshot, OpenFinding):
            changed_directly(case_id)

    monkeypatch.setattr(snapshots, "current", checked)
    post_save.connect(saved, weak=False, dispatch_uid="tests.changed_directly.save")
    post_delete.connect(saved, weak=False, dispatch_uid="tests.changed_directly.delete")
    yield
    post_save.disconnect(dispatch_uid="tests.changed_directly.save")
    post_delete.disconnect(dispatch_uid="tests.changed_directly.delete")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing(request):
    """Real hashing costs ~0.5 s per user; the tests are about access, not hashing."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.test.utils import override_settings

    override = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_triggers(request):
    """Transactional tests end with a flush; the audit triggers refuse it, by design.

    Only here, in the test run, is the audit table's guard lifted for the flush itself.
    """
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.db.backends.base.operations import BaseDatabaseOperations

    from deelwijzer.audit import triggers

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        connection = self.connection
        with connection.cursor() as cursor:
            triggers.drop(cursor, connection.vendor)
        try:
            return original(self, sql_list)
        finally:
            with connection.cursor() as cursor:
                triggers.create(cursor, connection.vendor)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(request, tmp_path, monkeypatch):
    """Each test has its own (empty) audit checkpoint directory, in this process and in the
    ``deelwijzer`` subprocesses it starts: checkpoints describe one database's chain, and the
    test databases are rolled back or flushed between tests."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.test.utils import override_settings

    directory = tmp_path / "audit-checkpoints"
    monkeypatch.setenv("DEELWIJZER_AUDIT_CHECKPOINT_DIR", str(directory))
    with override_settings(AUDIT_CHECKPOINT_DIR=directory):
        yield
