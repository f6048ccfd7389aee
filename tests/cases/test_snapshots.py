"""The kept evaluation of a case (cases.snapshots): used while nothing changed, never after.

tests/conftest.py also checks, in every test of the suite, that each evaluation a page or
service got equals one built afresh at that moment.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.labels import ACTION_LABELS, READ_ACTIONS
from deelwijzer.audit.services import audit_record
from deelwijzer.cases import snapshots
from deelwijzer.cases.models import Case, CaseSnapshot
from deelwijzer.cases.program import program, source_digest
from deelwijzer.interchange.casefile import build_casefile, case_casefile, case_evaluation
from deelwijzer.organisations.models import Organisation
from deelwijzer.organisations.services import organisation_update
from deelwijzer.procedure.evaluation import Evaluation, Finding, Sharing, StepStatus
from deelwijzer.signalling.services import SignalInput, signal_add

# The direct tests of the mechanism itself, without the suite-wide check of tests/conftest.py
# (whose stand-in for direct writes would move revisions on here too).
pytestmark = [pytest.mark.django_db, pytest.mark.kept_evaluation_unchecked]


def revision(case) -> int:
    return Case.objects.values_list("revision", flat=True).get(pk=case.pk)


def add_signal(personas, text="Hij gooide op maandag zijn tas tegen de deur."):
    data = SignalInput(
        kind="signal",
        observed_on=timezone.localdate() - timedelta(days=2),
        text=text,
        source_kind="own_observation",
    )
    return signal_add(actor=personas.professional, case_id=personas.case.pk, data=data)


def test_every_read_action_is_a_known_action():
    assert READ_ACTIONS <= set(ACTION_LABELS)
    assert "signal.add" not in READ_ACTIONS and "case.view" in READ_ACTIONS


def test_evaluation_round_trips_through_its_dict():
    evaluation = Evaluation(
        age=15,
        steps={1: StepStatus(1, "complete"), 2: StepStatus(2, "not_started")},
        findings=[
            Finding("R1.2", "warning", "Een mening.", ("s1", "o2")),
            Finding("R2.1", "missing", "x"),
        ],
        sharing=Sharing(True, "consent"),
    )
    assert Evaluation.from_dict(evaluation.to_dict()) == evaluation


def test_a_page_view_keeps_the_evaluation_and_the_next_one_uses_it(personas, client_for):
    client = client_for(personas.professional)
    url = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    assert client.get(url).status_code == 200
    kept = CaseSnapshot.objects.get(case=personas.case)
    assert kept.case_revision == revision(personas.case)
    assert kept.evaluated_on == timezone.localdate()
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    tables = " ".join(q["sql"] for q in second.captured_queries)
    assert "signalling_signal" not in tables  # nothing of the case file was read again


def test_reading_leaves_the_revision_alone(personas, client_for):
    client = client_for(personas.professional)
    before = revision(personas.case)
    for name in ("case_detail", "step1", "step2", "step3", "step4", "step5", "step6", "dossier"):
        assert (
            client.get(reverse(name, kwargs={"case_id": personas.case.public_id})).status_code
            == 200
        )
    assert revision(personas.case) == before


def test_a_change_moves_the_revision_on_and_the_page_shows_it(personas, client_for):
    client = client_for(personas.professional)
    url = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    client.get(url)
    before = case_evaluation(personas.case)
    assert before.steps[1].status == "not_started"
    start = revision(personas.case)
    add_signal(personas)
    assert revision(personas.case) == start + 1
    after = case_evaluation(Case.objects.get(pk=personas.case.pk))
    assert after.steps[1].status != "not_started"
    assert CaseSnapshot.objects.get(case=personas.case).case_revision == start + 1


def test_a_write_that_rolls_back_leaves_the_kept_evaluation_valid(personas):
    case_evaluation(personas.case)
    start = revision(personas.case)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            add_signal(personas)
            raise RuntimeError("the service failed after writing")
    assert revision(personas.case) == start
    assert snapshots.kept(personas.case.pk, timezone.localdate()) is not None


def test_saving_an_object_read_earlier_does_not_write_an_old_revision_back(personas):
    stale = Case.objects.get(pk=personas.case.pk)
    add_signal(personas)
    moved = revision(personas.case)
    stale.save()  # as a service would that saves the whole object it read before
    assert revision(personas.case) == moved
    organisation = Organisation.objects.get(pk=personas.organisation.pk)
    organisation_update(
        actor=personas.org_admin, organisation=personas.organisation, has_attention_officer=False
    )
    organisation.save()
    assert Organisation.objects.get(pk=organisation.pk).revision == 1


def test_a_change_of_the_organisation_makes_its_kept_evaluations_stale(personas):
    add_signal(personas)
    case_evaluation(personas.case)
    today = timezone.localdate()
    assert snapshots.kept(personas.case.pk, today) is not None
    organisation_update(
        actor=personas.org_admin, organisation=personas.organisation, has_attention_officer=False
    )
    assert snapshots.kept(personas.case.pk, today) is None
    other = snapshots.kept(personas.other_case.pk, today)
    assert other is None or other.evaluation == case_evaluation(personas.other_case)


def test_an_evaluation_kept_yesterday_is_not_used_today(personas):
    case_evaluation(personas.case)
    wrong = Evaluation(age=99, steps={n: StepStatus(n, "complete") for n in range(1, 7)})
    CaseSnapshot.objects.filter(case=personas.case).update(
        evaluated_on=timezone.localdate() - timedelta(days=1), evaluation=wrong.to_dict()
    )
    assert case_evaluation(personas.case).age != 99
    assert CaseSnapshot.objects.get(case=personas.case).evaluated_on == timezone.localdate()


def _kept_on(case, day: date) -> None:
    """Label what is kept of ``case`` as evaluated on ``day`` (the file's date with it)."""
    row = CaseSnapshot.objects.get(case=case)
    row.casefile = {**row.casefile, "evaluated_on": day.isoformat()}
    row.evaluated_on = day
    row.save(update_fields=["casefile", "evaluated_on"])


def test_a_case_file_kept_yesterday_is_judged_again_today_without_reading_the_entries(personas):
    add_signal(personas)
    today = timezone.localdate()
    case_evaluation(personas.case)
    _kept_on(personas.case, today - timedelta(days=1))
    with CaptureQueriesContext(connection) as judged:
        evaluation = case_evaluation(personas.case)
    read = " ".join(q["sql"] for q in judged.captured_queries)
    assert "signalling_signal" not in read and "cases_guardian" not in read
    assert evaluation == case_evaluation(Case.objects.get(pk=personas.case.pk))
    fresh = build_casefile(personas.case)
    assert case_casefile(personas.case) == fresh and fresh["evaluated_on"] == today.isoformat()
    row = CaseSnapshot.objects.get(case=personas.case)
    assert row.evaluated_on == today and row.case_revision == revision(personas.case)


def test_time_limits_are_judged_on_the_new_day_from_the_case_file_kept(personas, monkeypatch):
    birthday = date(2026, 3, 14)  # the persona was born on 14 March 2011
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: birthday - timedelta(days=1))
    assert case_evaluation(personas.case).age == 14
    built = []
    monkeypatch.setattr(
        "deelwijzer.interchange.casefile.build_casefile",
        lambda *a, **k: built.append(1) or pytest.fail("built again"),
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: birthday)
    assert case_evaluation(personas.case).age == 15 and not built


def test_a_case_file_kept_on_a_later_day_is_built_again_not_judged(personas):
    case_evaluation(personas.case)
    _kept_on(personas.case, timezone.localdate() + timedelta(days=1))
    with CaptureQueriesContext(connection) as built:
        case_evaluation(personas.case)
    assert "cases_guardian" in " ".join(q["sql"] for q in built.captured_queries)
    assert CaseSnapshot.objects.get(case=personas.case).evaluated_on == timezone.localdate()


def test_a_read_event_of_the_case_does_not_move_it_on_and_a_change_does(personas):
    start = revision(personas.case)
    common = {
        "object_type": "case",
        "object_id": personas.case.pk,
        "case_id": personas.case.pk,
    }
    audit_record(actor=personas.professional, action="case.view", **common)
    assert revision(personas.case) == start
    audit_record(actor=personas.professional, action="some.new_change", **common)
    assert revision(personas.case) == start + 1  # an unknown action counts as a change


def test_the_kept_evaluation_is_encrypted_in_the_database(personas):
    add_signal(personas, text="Hij tekende een symbool op zijn schrift.")
    evaluation = case_evaluation(personas.case)
    assert evaluation.findings, "the case should have findings for this check to mean anything"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT evaluation FROM cases_casesnapshot WHERE case_id = %s", [personas.case.pk]
        )
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:")
    assert evaluation.findings[0].message not in stored
    assert "R1." not in stored


def test_the_kept_evaluation_goes_with_the_case(personas):
    case_evaluation(personas.case)
    assert CaseSnapshot.objects.filter(case=personas.case).exists()
    CaseSnapshot.objects.filter(case=personas.case).first().case.delete()
    assert not CaseSnapshot.objects.filter(case_id=personas.case.pk).exists()


def test_a_failure_to_keep_does_not_break_the_page(personas, client_for, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(CaseSnapshot.objects, "bulk_create", refuse)
    client = client_for(personas.professional)
    page = client.get(reverse("case_detail", kwargs={"case_id": personas.case.public_id}))
    assert page.status_code == 200
    assert not CaseSnapshot.objects.filter(case=personas.case).exists()


def test_birthday_changes_the_age_through_the_date_in_the_key(personas, monkeypatch):
    birthday = date(2026, 3, 14)  # the persona was born on 14 March 2011
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: birthday - timedelta(days=1))
    assert case_evaluation(personas.case).age == 14
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: birthday)
    assert case_evaluation(personas.case).age == 15


def test_the_case_file_is_kept_with_the_evaluation_and_given_out_as_a_copy(personas):
    add_signal(personas)
    first = case_casefile(personas.case)
    assert first == build_casefile(personas.case)
    first["signals"].clear()  # a page that changes what it got (as step 5's verdict does)
    again = case_casefile(personas.case)
    assert again["signals"] and again == build_casefile(personas.case)
    assert snapshots.kept(personas.case.pk, timezone.localdate()).casefile == again


def _read_with_kept(personas) -> Case:
    from deelwijzer.cases.access import get_case

    case, _access = get_case(personas.professional, personas.case.pk, kept=True)
    return case


def test_the_case_page_reads_the_kept_evaluation_with_the_case(personas, client_for):
    client = client_for(personas.professional)
    url = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    snapshot_reads = [q["sql"] for q in second.captured_queries if "cases_casesnapshot" in q["sql"]]
    assert len(snapshot_reads) == 1 and '"cases_case"' in snapshot_reads[0]  # one join
    assert "signalling_signal" not in " ".join(q["sql"] for q in second.captured_queries)


@pytest.mark.parametrize("step", range(1, 7))
def test_each_step_page_reads_the_kept_evaluation_with_the_case(personas, client_for, step):
    client = client_for(personas.professional)
    url = reverse(f"step{step}", kwargs={"case_id": personas.case.public_id})
    client.get(url)
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    reads = [q["sql"] for q in second.captured_queries if "cases_casesnapshot" in q["sql"]]
    assert len(reads) == 1 and reads[0].startswith('SELECT "cases_case"')  # read with the case


def test_what_was_read_with_the_case_is_not_used_once_the_case_moved_on(personas):
    today = timezone.localdate()
    case_evaluation(personas.case)
    wrong = Evaluation(age=99, steps={n: StepStatus(n, "complete") for n in range(1, 7)})
    CaseSnapshot.objects.filter(case=personas.case).update(evaluation=wrong.to_dict())
    assert snapshots.current(_read_with_kept(personas), today, pytest.fail).evaluation == wrong
    Case.objects.filter(pk=personas.case.pk).update(revision=revision(personas.case) + 1)
    fresh = case_evaluation(_read_with_kept(personas))
    assert fresh.age != 99 and fresh == case_evaluation(Case.objects.get(pk=personas.case.pk))


def test_what_was_read_with_the_case_is_not_used_on_another_day_or_organisation(personas):
    today = timezone.localdate()
    case_evaluation(personas.case)
    case = _read_with_kept(personas)
    assert snapshots._joined_row(case).today(today) is not None
    assert snapshots._joined_row(case).today(today + timedelta(days=1)) is None
    organisation_update(
        actor=personas.org_admin, organisation=personas.organisation, has_attention_officer=False
    )
    assert snapshots._joined_row(_read_with_kept(personas)) is None


def test_a_case_without_a_kept_evaluation_is_read_and_built(personas):
    CaseSnapshot.objects.filter(case=personas.case).delete()
    case = _read_with_kept(personas)
    assert snapshots._joined_row(case) is None
    assert case_evaluation(case) == case_evaluation(Case.objects.get(pk=personas.case.pk))
    assert CaseSnapshot.objects.filter(case=personas.case).exists()


def test_what_another_version_of_the_program_kept_is_built_again(personas):
    """After an upgrade, or read by a node still running the other version during one: the
    rules and the case file's build may differ, so neither the kept evaluation nor the kept
    case file is used, read alone or with the case, not even to judge on a new day."""
    today = timezone.localdate()
    case_evaluation(personas.case)
    assert CaseSnapshot.objects.get(case=personas.case).built_by == program()
    wrong = Evaluation(age=99, steps={n: StepStatus(n, "complete") for n in range(1, 7)})
    for day in (today, today - timedelta(days=1)):
        CaseSnapshot.objects.filter(case=personas.case).update(
            built_by="0" * 16, evaluated_on=day, evaluation=wrong.to_dict()
        )
        assert snapshots._joined_row(_read_with_kept(personas)) is None
        assert snapshots._row(personas.case.pk) is None
        assert case_evaluation(personas.case).age != 99
        row = CaseSnapshot.objects.get(case=personas.case)
        assert row.built_by == program() and row.evaluated_on == today
        assert row.casefile == build_casefile(personas.case)


def test_the_program_stamp_follows_the_source(tmp_path):
    (tmp_path / "rules").mkdir()
    rule = tmp_path / "rules" / "step4.py"
    rule.write_text("LIMIT = 3\n")
    (tmp_path / "README.txt").write_text("not code")
    first = source_digest(tmp_path)
    (tmp_path / "README.txt").write_text("changed, still not code")
    assert source_digest(tmp_path) == first
    rule.write_text("LIMIT = 4\n")
    assert source_digest(tmp_path) != first
    rule.write_text("LIMIT = 3\n")
    rule.rename(tmp_path / "rules" / "step5.py")  # the same text in another module
    assert source_digest(tmp_path) != first
    assert len(program()) == 16 and program() == program()


def test_the_nightly_command_keeps_what_it_judged_for_the_next_view(
    personas, client_for, monkeypatch
):
    """After an upgrade or a bulk load nothing is kept yet. `deelwijzer open-findings` judges
    the open cases anyway; it keeps the case file and evaluation it made, so that the next
    view of such a case reads them instead of building them again."""
    from deelwijzer.insight.services import open_findings_refresh
    from deelwijzer.interchange import casefile

    add_signal(personas)
    CaseSnapshot.objects.all().delete()  # as after a bulk load
    today = timezone.localdate()
    case = Case.objects.get(pk=personas.case.pk)
    fresh = build_casefile(case, evaluated_on=today)
    open_findings_refresh(organisation_id=personas.organisation.pk)
    kept = snapshots.kept(case.pk, today)
    assert kept is not None and kept.casefile == fresh
    assert kept.evaluation == casefile._evaluated(case, fresh).evaluation

    def built_again(*args, **kwargs):
        raise AssertionError("the case file was built again")

    monkeypatch.setattr(casefile, "build_casefile", built_again)
    page = client_for(personas.professional).get(reverse("case_detail", args=[case.public_id]))
    assert page.status_code == 200
    step = client_for(personas.professional).get(reverse("step1", args=[case.public_id]))
    assert step.status_code == 200


def test_the_weekly_run_leaves_a_row_of_an_earlier_day_as_it_is(personas):
    """Kept for the case as it is now, on an earlier day: the next view judges that row again
    without reading the entries, so the full run only renews the findings, and does not
    write every case file again."""
    from deelwijzer.cases.findings import stale
    from deelwijzer.insight.services import open_findings_refresh

    add_signal(personas)
    case_evaluation(personas.case)
    yesterday = timezone.localdate() - timedelta(days=1)
    CaseSnapshot.objects.filter(case=personas.case).update(evaluated_on=yesterday)
    Case.objects.filter(pk=personas.case.pk).update(findings_built_by="0" * 16)  # stale
    open_findings_refresh(organisation_id=personas.organisation.pk)
    assert CaseSnapshot.objects.get(case=personas.case).evaluated_on == yesterday
    assert not stale(Case.objects.filter(pk=personas.case.pk)).exists()
