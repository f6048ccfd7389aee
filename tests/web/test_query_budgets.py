"""Query budgets: no page's number of queries grows with the entries of a case or with the
number of cases in the database (no N+1). Counts are compared, never hard-coded.

A small case holds every kind of entry once (each advice status with each kind of adviser,
a signed-off decision to share and a disclosure); a large one holds five times as many. Then
twelve more cases are added and every page is counted again.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijzer.cases.models import TeamMember
from deelwijzer.devdata.seed.build import TAGS, fill_case, insert_rows
from deelwijzer.devdata.seed.entries import CaseContext, OrgContext
from deelwijzer.devdata.seed.plan import CasePlan
from deelwijzer.disclosures.models import Contact
from deelwijzer.organisations.models import Role
from deelwijzer.signalling.models import SignalListItem
from tests.personas import make_user, open_case

# Every advice status with every kind of adviser (advisers take turns by kind).
ADVICE_MIX = ("answered",) * 3 + ("sent",) * 3 + ("draft",) * 3
CASE_PAGES = ("case_detail", "step1", "step2", "step3", "step4", "step5", "step6", "dossier")
CASE_PAGES += ("case_team_add",)


def plan(times: int, decision: int = 3) -> CasePlan:
    return CasePlan(
        signals=2 * times,
        signal_corrections=times,
        contra_signals=times,
        opinions=times,
        follow_ups=times,
        diagnoses=times,
        conversations=times,
        risks=times,
        decision=decision,
        share=decision == 3,
        disclosure=1 if decision == 3 else 0,
        advice_mix=ADVICE_MIX * times,
    )


class Builder:
    def __init__(self, personas) -> None:
        self.p = personas
        SignalListItem.objects.bulk_create(
            SignalListItem(organisation=personas.organisation, label=t) for t in TAGS
        )
        contact = Contact.objects.create(
            organisation=personas.organisation, kind="police", name="Wijkagent"
        )
        self.org = OrgContext(
            organisation=personas.organisation,
            professionals=[personas.professional, personas.colleague],
            attention_officer=personas.attention_officer,
            decision_maker=personas.decision_maker,
            contacts=[contact],
            tags=list(TAGS),
        )
        self.made = 0

    def case(self, case_plan: CasePlan):
        self.made += 1
        p = self.p
        case = open_case(p.professional, p.organisation, f"J-Q{self.made:03d}")
        TeamMember.objects.create(case=case, user=p.colleague, role_on_team="zorgcoördinator")
        team = [p.professional, p.colleague]
        guardians = list(case.guardians.all())
        ctx = CaseContext(
            case,
            self.org,
            team,
            guardians,
            case.youth.birth_date,
            timezone.localdate(),
            timezone.now(),
        )
        fill_case(ctx, case_plan, random.Random(self.made))
        insert_rows([ctx])
        if case.decision_maker_involved_at:
            case.save(update_fields=["decision_maker_involved_at"])
        return case


def count(client, url: str) -> int:
    first = client.get(url)  # warms the session (last-seen time) and any per-process cache
    assert first.status_code == 200, (url, first.status_code)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def case_counts(client_for, user, case) -> dict[str, int]:
    client = client_for(user)
    return {
        name: count(client, reverse(name, kwargs={"case_id": case.public_id}))
        for name in CASE_PAGES
    }


def list_counts(client_for, personas) -> dict[str, int]:
    pages = {
        "dashboard (professional)": (personas.professional, "dashboard"),
        "dashboard (decision maker)": (personas.decision_maker, "dashboard"),
        "decision queue": (personas.decision_maker, "decision_queue"),
        "inbox": (personas.attention_officer, "inbox"),
        "disclosure register": (personas.auditor, "disclosure_register"),
        "audit log": (personas.auditor, "audit_log"),
        "contacts": (personas.org_admin, "contacts"),
        "signal list": (personas.org_admin, "signal_list"),
        "users": (personas.org_admin, "admin_users"),
    }
    return {label: count(client_for(user), reverse(name)) for label, (user, name) in pages.items()}


@pytest.fixture
def built(personas):
    builder = Builder(personas)
    small = builder.case(plan(1))
    large = builder.case(plan(5))
    builder.case(plan(1, decision=2))  # a decision waiting in the queue
    return builder, small, large


def test_case_pages_do_not_grow_with_the_entries_of_the_case(built, personas, client_for):
    _builder, small, large = built
    assert case_counts(client_for, personas.professional, large) == case_counts(
        client_for, personas.professional, small
    )


def test_case_pages_for_the_decision_maker_do_not_grow_with_the_entries(
    built, personas, client_for
):
    _builder, small, large = built
    pages = ("case_detail", "step5")
    client = client_for(personas.decision_maker)
    counts = [
        {n: count(client, reverse(n, kwargs={"case_id": c.public_id})) for n in pages}
        for c in (small, large)
    ]
    assert counts[0] == counts[1]


def test_no_page_grows_with_the_number_of_cases(built, personas, client_for):
    builder, small, _large = built
    before = {**case_counts(client_for, personas.professional, small)}
    before.update(list_counts(client_for, personas))
    for n in range(12):
        builder.case(plan(2, decision=(2, 3)[n % 2]))
    after = {**case_counts(client_for, personas.professional, small)}
    after.update(list_counts(client_for, personas))
    assert after == before


def test_the_team_page_does_not_grow_with_the_colleagues_it_offers(personas, client_for):
    client = client_for(personas.professional)
    url = reverse("case_team_add", kwargs={"case_id": personas.case.public_id})
    before = count(client, url)
    for n in range(6):
        make_user(f"collega{n}", personas.organisation, Role.PROFESSIONAL)
    page = client.get(url).content.decode()
    adding = page.split('id="overdragen"')[0]  # the add form (hand over offers them too)
    assert adding.count("<option value=") == 7  # the colleague and the six new ones
    assert count(client, url) == before


def test_the_dashboard_reads_the_open_team_cases_once_for_its_lists(built, personas, client_for):
    """The reminders and the lists of what waits both need the professional's open team
    cases: the page reads their ids once and gives them to both (it read them twice)."""
    client = client_for(personas.professional)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    ids_only = 'SELECT "cases_case"."id" AS "pk" FROM "cases_case" INNER JOIN "cases_teammember"'
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith(ids_only)]
    assert len(reads) == 1, reads
