"""Fill a database with bench data: organisations, users with known sign-ins, cases, entries.

Bench data, not user actions: the rows are written past the services in batches, for speed,
with COPY on PostgreSQL and the ORM's ``bulk_create`` elsewhere (``rows.write_rows``: the same
values, encrypted the same way). Nothing here is for real use. What it writes is in the
states the services would leave (see ``entries``), so every page and the engine accept it.
One audit event per organisation records the seeding (through the audit service: the chain
stays whole).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from deelwijzer.accounts.models import User
from deelwijzer.audit.services import audit_record
from deelwijzer.cases.models import Case, Guardian, TeamMember, Youth
from deelwijzer.devdata.seed import entries as make
from deelwijzer.devdata.seed.names import (
    BENCH_PASSWORD,
    CASES_PER_PROFESSIONAL,
    ORG_PREFIX,
    totp_key,
    username,
)
from deelwijzer.devdata.seed.plan import CasePlan, plan_case, sizes
from deelwijzer.devdata.seed.rows import write_rows
from deelwijzer.devdata.seed.texts import FIRST_NAMES, TextMaker
from deelwijzer.disclosures.models import Contact
from deelwijzer.organisations.models import (
    DecisionMakerRole,
    Membership,
    Organisation,
    Role,
    Sector,
)
from deelwijzer.signalling.models import SignalListItem

TAGS = ("online uitingen", "schoolverzuim", "contact met nieuwe groep", "uitspraken in de klas")
# Models in the order they are inserted; the ones counted as entries are ENTRY_MODELS.
ROW_ORDER = (
    make.Signal,
    make.Opinion,
    make.FollowUp,
    make.Diagnosis,
    make.AdviceRequest,
    make.Conversation,
    make.Risk,
    make.SharingDecision,
    make.Disclosure,
)
ENTRY_MODELS = ROW_ORDER


@dataclass(frozen=True)
class SeedOptions:
    cases: int = 10_000
    organisations: int = 20
    entries_per_case: int = 30
    big_cases: int = 1  # per organisation, of big_size entries each
    big_size: int = 200
    seed: int = 2026
    batch: int = 500  # cases per transaction


@dataclass
class SeedResult:
    organisations: int = 0
    users: int = 0
    cases: int = 0
    entries: int = 0


def _users(org: Organisation, org_no: int, professionals: int, password: str) -> dict:
    specs = [(username(org_no, "prof", n), Role.PROFESSIONAL) for n in range(1, professionals + 1)]
    specs += [
        (username(org_no, "aandacht"), Role.ATTENTION_OFFICER),
        (username(org_no, "beslisser"), Role.DECISION_MAKER),
        (username(org_no, "beheer"), Role.ORG_ADMIN),
        (username(org_no, "privacy"), Role.AUDITOR),
    ]
    rng = random.Random(org_no)
    text = TextMaker(rng)
    users = User.objects.bulk_create(
        User(
            username=name,
            first_name=rng.choice(FIRST_NAMES),
            last_name=text.last_name(),
            email=f"{name}@bench.invalid",
            password=password,
        )
        for name, _role in specs
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=org, role=role, job_title=role)
        for user, (_name, role) in zip(users, specs, strict=True)
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name="bench", key=totp_key(user.username), confirmed=True)
        for user in users
    )
    by_role: dict[str, list] = {}
    for user, (_name, role) in zip(users, specs, strict=True):
        by_role.setdefault(role, []).append(user)
    return by_role


def _organisation(org_no: int, cases: int, password: str) -> make.OrgContext:
    org = Organisation.objects.create(
        name=f"{ORG_PREFIX} {org_no:02d}",
        sector=Sector.values[org_no % len(Sector.values)],
        decision_maker_role=DecisionMakerRole.values[org_no % len(DecisionMakerRole.values)],
    )
    professionals = max(2, math.ceil(cases / CASES_PER_PROFESSIONAL))
    by_role = _users(org, org_no, professionals, password)
    SignalListItem.objects.bulk_create(SignalListItem(organisation=org, label=t) for t in TAGS)
    contacts = Contact.objects.bulk_create(
        Contact(organisation=org, kind=kind, name=name)
        for kind, name in (
            ("police", "Wijkagent team Centrum"),
            ("municipality_aoov", "Ambtenaar openbare orde en veiligheid"),
            ("veiligheidshuis", "Zorg- en Veiligheidshuis"),
        )
    )
    return make.OrgContext(
        organisation=org,
        professionals=by_role[Role.PROFESSIONAL],
        attention_officer=by_role[Role.ATTENTION_OFFICER][0],
        decision_maker=by_role[Role.DECISION_MAKER][0],
        contacts=contacts,
        tags=list(TAGS),
        number=org_no,
    )


def _case_rows(org: make.OrgContext, start: int, plans: list[CasePlan], rng, now) -> list:
    """Cases (saved), with youth, guardians and team, ready for their entries."""
    today = timezone.localdate()
    text = TextMaker(rng)
    pros = org.professionals
    cases = [
        Case(
            organisation=org.organisation,
            pseudonym=f"B{org.number:02d}-{start + i + 1:05d}",
            opened_by=pros[(start + i) % len(pros)],
            decision_maker_involved_at=now if plan.decision >= 2 else None,
        )
        for i, plan in enumerate(plans)
    ]
    write_rows(Case, cases, with_ids=True)
    births = [today - timedelta(days=rng.randint(12 * 365, 18 * 365)) for _ in cases]
    write_rows(
        Youth,
        [
            Youth(
                case=case,
                name=text.name(),
                birth_date=birth,
                identifiers=[text.address(), f"klas {rng.randint(1, 6)}B", f"@jongere{case.pk}"],
            )
            for case, birth in zip(cases, births, strict=True)
        ],
    )
    guardians = [
        Guardian(case=case, name=text.name(), relation=relation, has_authority=True)
        for case in cases
        for relation in (("moeder", "vader") if case.pk % 3 else ("moeder",))
    ]
    write_rows(Guardian, guardians, with_ids=True)
    teams = [[pros[(start + i + k) % len(pros)] for k in (0, 1)] for i in range(len(cases))]
    write_rows(
        TeamMember,
        [
            TeamMember(case=case, user=user, role_on_team=role)
            for case, team in zip(cases, teams, strict=True)
            for user, role in zip(team, ("mentor", "zorgcoördinator"), strict=True)
        ],
    )
    by_case: dict[int, list] = {}
    for guardian in guardians:
        by_case.setdefault(guardian.case_id, []).append(guardian)
    return [
        make.CaseContext(case, org, team, by_case.get(case.pk, []), birth, today, now)
        for case, team, birth in zip(cases, teams, births, strict=True)
    ]


def fill_case(ctx: make.CaseContext, plan: CasePlan, rng: random.Random) -> None:
    text = TextMaker(rng)
    signal_keys = make.signals(ctx, plan, text, rng)
    texts = {s.key: s.text for s in ctx.rows.get(make.Signal, []) if s.is_current}
    make.opinions(ctx, plan, text, rng, signal_keys)
    make.diagnoses(ctx, plan, text, rng)
    answered = make.advice(ctx, plan, text, rng, texts)
    consent = make.conversations(ctx, plan, text, rng)
    risk_keys = make.risks(ctx, plan, text, rng, signal_keys, answered)
    make.decision(ctx, plan, text, rng, consent, risk_keys)
    make.disclosure(ctx, plan, text, rng, consent, [*signal_keys[:1], *risk_keys[:1]])


def insert_rows(contexts: list[make.CaseContext]) -> int:
    count = 0
    for model in ROW_ORDER:
        count += write_rows(model, [row for ctx in contexts for row in ctx.rows.get(model, [])])
    return count


def seed(options: SeedOptions, progress: Callable[[str], None] = lambda _m: None) -> SeedResult:
    """Write the bench data; returns what was written."""
    rng = random.Random(options.seed)
    password = make_password(BENCH_PASSWORD)  # hashed once, shared by every bench user
    share, extra = divmod(options.cases, options.organisations)
    per_org = [share + (1 if n < extra else 0) for n in range(options.organisations)]
    result = SeedResult()
    for org_no, org_cases in enumerate(per_org, start=1):
        total = org_cases * options.entries_per_case
        case_sizes = sizes(total, org_cases, options.big_cases, options.big_size, rng)
        with transaction.atomic():
            org = _organisation(org_no, org_cases, password)
        result.organisations += 1
        result.users += len(org.professionals) + 4
        written = _org_cases(org, case_sizes, options, rng)
        result.cases += org_cases
        result.entries += written
        with transaction.atomic():
            audit_record(
                actor=None,
                action="seed.load",
                object_type="organisation",
                object_id=org.organisation.pk,
                organisation_id=org.organisation.pk,
                purpose="bench",
                detail={"cases": org_cases, "entries": written},
            )
        progress(f"{org.organisation.name}: {org_cases} casussen, {written} aantekeningen")
    analyse()
    return result


def analyse() -> None:
    """Fresh planner statistics after a bulk load. Without them PostgreSQL guesses ~2,000 rows
    per case and combines the case index with the is_current index: 30 ms instead of 0.1 ms
    per entry query, until autovacuum gets round to it."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _org_cases(org: make.OrgContext, case_sizes: list[int], options: SeedOptions, rng) -> int:
    written = 0
    now = timezone.now()
    for start in range(0, len(case_sizes), options.batch):
        chunk = case_sizes[start : start + options.batch]
        plans = [plan_case(n, rng) for n in chunk]
        with transaction.atomic():
            contexts = _case_rows(org, start, plans, rng, now)
            for ctx, plan in zip(contexts, plans, strict=True):
                fill_case(ctx, plan, rng)
            written += insert_rows(contexts)
    return written


def already_seeded() -> bool:
    return Organisation.objects.filter(name__startswith=ORG_PREFIX).exists()
